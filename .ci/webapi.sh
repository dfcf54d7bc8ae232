# Shell functions that run samples/WebApi in the background and ask it a few questions with curl, for .ci/run (source
# this file; it runs nothing by itself). After start_webapi: webapi_url.

webapi_pid="" webapi_url="" webapi_log=""

# Starts the sample API with the README's command (--no-build: CI's test step built it) on a free loopback port
# (Kestrel's port 0; the address is read from its log), in a session of its own so that stop_webapi ends `dotnet run`
# and the API together. Arguments are environment assignments for it (its database). Returns once /health answers 200;
# fails, showing the end of its log, when the process exits first or after 120 s.
start_webapi() {
    webapi_log=$(mktemp "${TMPDIR:-/tmp}/framework-webapi.XXXXXX")
    env "$@" setsid dotnet run --project samples/WebApi --no-build -- --urls http://127.0.0.1:0 </dev/null >"$webapi_log" 2>&1 &
    webapi_pid=$!
    local deadline=$((SECONDS + 120))
    while [ "$SECONDS" -lt "$deadline" ]; do
        if ! kill -0 "$webapi_pid" 2>/dev/null; then
            echo "error: the sample API exited before it served; the end of its log:" >&2
            tail -n 40 "$webapi_log" >&2
            return 1
        fi
        [ -n "$webapi_url" ] || webapi_url=$(sed -n 's/.*Now listening on: \(http:[^ ]*\).*/\1/p' "$webapi_log" | head -n 1)
        if [ -n "$webapi_url" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$webapi_url/health")" = 200 ]; then
            echo "The sample API serves $webapi_url"
            return 0
        fi
        sleep 1
    done
    echo "error: the sample API did not answer /health within 120 s; the end of its log:" >&2
    tail -n 40 "$webapi_log" >&2
    return 1
}

# Ends the API (SIGTERM to its session, SIGKILL after 30 s) and forgets it; silent, and harmless when none runs.
stop_webapi() {
    if [ -n "$webapi_pid" ]; then
        kill -TERM -- "-$webapi_pid" 2>/dev/null || true
        local _
        for _ in $(seq 30); do
            kill -0 "$webapi_pid" 2>/dev/null || break
            sleep 1
        done
        kill -KILL -- "-$webapi_pid" 2>/dev/null || true
        wait "$webapi_pid" 2>/dev/null || true
    fi
    [ -z "$webapi_log" ] || rm -f "$webapi_log"
    webapi_pid="" webapi_url="" webapi_log=""
}

# Sends one request: METHOD PATH STATUS BODY [PATTERN...]. Fails, saying why, unless the status is STATUS and the body
# matches every extended regular expression PATTERN.
webapi_expect() {
    local method=$1 path=$2 status=$3 body=$4 out code pattern
    shift 4
    out=$(mktemp "${TMPDIR:-/tmp}/framework-webapi-body.XXXXXX")
    code=$(curl -s -o "$out" -w '%{http_code}' --max-time 30 -X "$method" -H 'Content-Type: application/json' \
        ${body:+--data "$body"} "$webapi_url$path") || code="no answer"
    echo "$method $path: $code"
    if [ "$code" != "$status" ]; then
        echo "error: expected $status; the body: $(head -c 600 "$out")" >&2
        rm -f "$out"
        return 1
    fi
    for pattern in "$@"; do
        if ! grep -qE -- "$pattern" "$out"; then
            echo "error: the body does not match /$pattern/: $(head -c 600 "$out")" >&2
            rm -f "$out"
            return 1
        fi
    done
    rm -f "$out"
}

# What CI asks a freshly seeded API: its health, a page of books with their authors and tags, a new author, a body that
# fails validation (a 400 problem naming the field), and its OpenAPI document.
check_webapi() {
    webapi_expect GET /health 200 "" '^Healthy$' &&
        webapi_expect GET '/books?pageSize=5' 200 "" '"total":[1-9]' '"author":\{"id":[0-9]+,"name":"[^"]+"\}' \
            '"tags":\[\{"id":[0-9]+,"name":"[^"]+"\}' &&
        webapi_expect POST /authors 201 '{"name":"Continuous Integration"}' '^\{"id":[0-9]+,"name":"Continuous Integration"' &&
        webapi_expect POST /books 400 '{"title":"","authorId":1}' '"status":400' '"errors":\{"Title":\[' &&
        webapi_expect GET /openapi/v1.json 200 "" '"/books/\{id\}"'
}
