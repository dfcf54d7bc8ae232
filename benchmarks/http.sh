#!/usr/bin/env bash
# The HTTP benchmark, each contender driven over loopback by wrk, in one of two scenarios:
#   items (the default): the same GET /items/{id} endpoint served by Framework (an injected AsyncSession), raw Npgsql
#          and EF Core in turn;
#   books: samples/WebApi's GET /books (a page of 20 books with their authors and tags) served by the sample itself
#          (Framework) and by the same route written with EF Core.
# Builds Release, starts a throwaway PostgreSQL with seeded tables, then for each round and contender: starts the
# server on a free port, waits for it, checks its answers against the first contender's, and for each measured request
# warms it up and measures; then stops it. Prints a table of requests/s and latency and Framework's ratios to the
# others. See benchmarks/README.md (section "HTTP") for what it measures.
#
#   bash benchmarks/http.sh [--scenario items|books] [--rounds 5] [--duration 15] [--warmup 10] [--connections 32]
#                           [--threads 1] [--pool 16] [--nice 0] [--contenders "framework npgsql efcore"]
#                           [--rows 10000]      (items: rows in the table)
#                           [--pages "1 50"]    (books: the pages measured, each on its own, of 100)
#
# --nice -10 runs wrk, the server and PostgreSQL at that niceness (as root), so that other work on a shared machine
# takes less of their CPU while they are measured; it slows that other work meanwhile.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd)

scenario=items rounds=5 duration=15 warmup=10 connections=32 threads=1 pool=16 rows=10000 nice=0 pages="1 50"
contenders=""
while [ $# -gt 0 ]; do
    case "$1" in
        --scenario) scenario=$2 ;;
        --rounds) rounds=$2 ;;
        --duration) duration=$2 ;;
        --warmup) warmup=$2 ;;
        --connections) connections=$2 ;;
        --threads) threads=$2 ;;
        --pool) pool=$2 ;;
        --rows) rows=$2 ;;
        --contenders) contenders=$2 ;;
        --pages) pages=$2 ;;
        --nice) nice=$2 ;;
        *) echo "error: unknown option '$1' (see the top of $0)" >&2; exit 2 ;;
    esac
    shift 2
done
case "$scenario" in
    items) contenders=${contenders:-"framework npgsql efcore"} ;;
    books) contenders=${contenders:-"framework efcore"} ;;
    *) echo "error: --scenario is items or books, not '$scenario'" >&2; exit 2 ;;
esac

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
export DEBIAN_FRONTEND=noninteractive

step() { printf '\n==> %s\n' "$*"; }

# ---------------------------------------------------------------------------------------------------------------
# Tools: dotnet, wrk and curl (installed from Debian's packages when missing), the PostgreSQL server binaries.
# ---------------------------------------------------------------------------------------------------------------
if ! command -v dotnet >/dev/null 2>&1; then
    echo "error: 'dotnet' is not on PATH; install the .NET 10 SDK and run again." >&2
    exit 1
fi
for tool in wrk curl; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        step "Installing $tool (apt-get install $tool)"
        apt-get update -qq </dev/null || echo "warning: apt-get update failed; trying the install anyway" >&2
        apt-get install -y -qq --no-install-recommends -o Dpkg::Use-Pty=0 "$tool" </dev/null
    fi
done
# shellcheck source=../.ci/postgres.sh
. .ci/postgres.sh
use_pg_bindir

server_pid=""
stop_server() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_pid=""
    fi
}
work=$(mktemp -d "${TMPDIR:-/tmp}/framework-httpbench.XXXXXX")
trap 'stop_server; stop_postgres; rm -rf "$work"' EXIT

# ---------------------------------------------------------------------------------------------------------------
# Build, database, seed.
# ---------------------------------------------------------------------------------------------------------------
# The benchmark's server references samples/WebApi (EF Core's books route uses its paging types), so one build makes both.
project="$repo/benchmarks/Framework.Benchmarks.Http"
step "dotnet build -c Release $project"
dotnet build -c Release "$project" -v quiet -nologo </dev/null
dll="$project/bin/Release/net10.0/Framework.Benchmarks.Http.dll"
sample_dir="$repo/samples/WebApi/bin/Release/net10.0"

# Other work on the machine moves every number below; its load average, taken before this script adds its own, says how much.
load_before=$(cut -d ' ' -f 1-3 /proc/loadavg)

step "Starting a temporary PostgreSQL server"
start_postgres
# The backends PostgreSQL forks from now on inherit the postmaster's niceness.
[ "$nice" = 0 ] || renice -n "$nice" -p "$(head -n 1 "$pg_dir/data/postmaster.pid")" >/dev/null
url="postgresql://postgres@127.0.0.1:$pg_port/postgres"
echo "Temporary server: $url"

psql_run() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres "$@"; }

# What each scenario measures and checks. targets: the measured requests, one wrk run each ("path|label"; an empty path
# is http.lua's shuffled ids). checks: "path status", answered with that status and, by every contender, the same
# body as the first contender's. ready: the path that answers once the server serves.
if [ "$scenario" = items ]; then
    check_id=$(( rows * 43 / 100 + 1 ))
    targets=("|GET /items/{id}")
    checks=("/items/$check_id 200" "/items/$((rows + 1)) 404")
    ready=/items/1
    ratio_targets="npgsql=0.9 efcore=1.2"
else
    targets=()
    for page in $pages; do targets+=("/books?page=$page|GET /books?page=$page"); done
    checks=()
    for page in $pages; do checks+=("/books?page=$page 200"); done
    checks+=("/books?pageSize=101 400")     # the sample's validation problem, from both
    ready="/books?page=1"
    ratio_targets="efcore=1.3"
fi

if [ "$scenario" = items ]; then
    step "Seeding items with $rows rows"
    psql_run <<SQL
CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, price numeric(10, 2) NOT NULL, created timestamptz NOT NULL);
INSERT INTO items (id, name, price, created)
SELECT g, 'item ' || g, (g % 1000) * 1.25 + 0.99, timestamptz '2025-01-01 00:00:00+00' + g * interval '1 minute'
FROM generate_series(1, $rows) AS g;
VACUUM ANALYZE items;
SQL
fi

# ---------------------------------------------------------------------------------------------------------------
# One measurement: start the contender, wait for it, check it, warm it up, measure it, stop it.
# ---------------------------------------------------------------------------------------------------------------
declare -A expected_body=()

# Starts one contender's server on $port in the background (its pid in server_pid). In the books scenario Framework's
# is samples/WebApi itself, in Production, on the benchmark's database with the same pool cap (its Database section:
# ConnectionStrings:Default would take the URL alone, without the pool's options).
launch_server() {
    local contender=$1
    if [ "$scenario" = books ] && [ "$contender" = framework ]; then
        ASPNETCORE_ENVIRONMENT=Production Database__Url="$url" Database__PoolSize="$pool" Database__MaxOverflow=0 \
            env -u ConnectionStrings__Default nice -n "$nice" dotnet "$sample_dir/WebApi.dll" \
            --contentRoot "$sample_dir" --urls "http://127.0.0.1:$port" >"$work/server.log" 2>&1 </dev/null &
    else
        ASPNETCORE_ENVIRONMENT=Production nice -n "$nice" dotnet "$dll" --scenario "$scenario" --contender "$contender" \
            --url "$url" --port "$port" --pool "$pool" >"$work/server.log" 2>&1 </dev/null &
    fi
    server_pid=$!
}

start_server() {
    local contender=$1 attempt
    for attempt in 1 2 3; do
        port=$(free_port)
        launch_server "$contender"
        local _
        for _ in $(seq 1 300); do
            if curl -sf -o /dev/null "http://127.0.0.1:$port$ready"; then
                return 0
            fi
            kill -0 "$server_pid" 2>/dev/null || break
            sleep 0.1
        done
        stop_server
        # Another process may have taken the port meanwhile: try another one.
        grep -q 'address already in use' "$work/server.log" || break
    done
    echo "error: the $contender server did not answer GET $ready; its output:" >&2
    cat "$work/server.log" >&2
    return 1
}

# Every check's path answers its status, and the same body as the first contender's, byte for byte but for a problem's
# traceId (a per-request value).
check_server() {
    local contender=$1 check path want status body
    for check in "${checks[@]}"; do
        read -r path want <<<"$check"
        status=$(curl -s -o "$work/body" -w '%{http_code}' "http://127.0.0.1:$port$path")
        body=$(sed 's/"traceId":"[^"]*"/"traceId":"..."/' "$work/body")
        if [ "$status" != "$want" ]; then
            echo "error: $contender answered GET $path with $status, not $want: $(head -c 400 <<<"$body")" >&2
            return 1
        fi
        if [ -z "${expected_body[$path]+set}" ]; then
            expected_body[$path]=$body
            echo "GET $path -> $status ${#body} bytes: $(head -c 300 <<<"$body")$([ ${#body} -le 300 ] || echo ...)"
        elif [ "$body" != "${expected_body[$path]}" ]; then
            echo "error: $contender answered GET $path with a body other than the first contender's:" >&2
            diff <(echo "${expected_body[$path]}" | fold -w 120) <(echo "$body" | fold -w 120) | head -n 20 >&2
            return 1
        fi
    done
}

# Runs wrk against one target's path (empty: http.lua's shuffled ids) for $2 seconds.
run_wrk() {
    HTTPBENCH_PATH=$1 HTTPBENCH_ROWS=$rows nice -n "$nice" wrk -t"$threads" -c"$connections" -d"$2"s --timeout 10s \
        -s "$project/http.lua" "http://127.0.0.1:$port"
}

# Prints "rps p50_us p90_us p99_us requests" from wrk's output, and fails on any error wrk counted.
parse_wrk() {
    local line
    line=$(grep '^WRK_RESULT ' "$1") || { echo "error: wrk printed no result:" >&2; cat "$1" >&2; return 1; }
    local key value rps="" p50="" p90="" p99="" requests="" errors=0
    for pair in ${line#WRK_RESULT }; do
        key=${pair%%=*} value=${pair#*=}
        case "$key" in
            requests) requests=$value ;;
            rps) rps=$value ;;
            p50_us) p50=$value ;;
            p90_us) p90=$value ;;
            p99_us) p99=$value ;;
            *_errors|timeouts) errors=$((errors + value)) ;;
        esac
    done
    if [ "$errors" -ne 0 ]; then
        echo "error: wrk counted $errors failed requests: $line" >&2
        return 1
    fi
    echo "$rps $p50 $p90 $p99 $requests"
}

# User plus system CPU time of a process so far, in clock ticks (fields 14 and 15 of /proc/PID/stat; the command
# name in field 2 has no spaces here).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
clock_ticks=$(getconf CLK_TCK)

# The same for PostgreSQL: the postmaster, its live children (the backends and background workers), and, through the
# postmaster's fields 16 and 17, the children that ended and were reaped.
pg_cpu_ticks() {
    local postmaster child total
    postmaster=$(head -n 1 "$pg_dir/data/postmaster.pid")
    total=$(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$postmaster/stat")
    for child in $(cat "/proc/$postmaster/task/$postmaster/children" 2>/dev/null); do
        total=$((total + $(awk '{ print $14 + $15 }' "/proc/$child/stat" 2>/dev/null || echo 0)))
    done
    echo "$total"
}

# Microseconds per request from a number of clock ticks and a number of requests.
per_request() { awk -v ticks="$1" -v hz="$clock_ticks" -v requests="$2" 'BEGIN { printf "%.1f", ticks / hz * 1e6 / requests }'; }

if [ "$scenario" = books ]; then
    step "Filling the sample's tables with benchmarks/Framework.Benchmarks.Http/books.sql (samples/WebApi creates them at its first start)"
    start_server framework
    stop_server
    psql_run -f "$project/books.sql"
fi

results="$work/results"
: >"$results"
read -r -a order <<<"$contenders"
step "$rounds rounds of: ${order[*]} (the order rotates each round); wrk -t$threads -c$connections, ${warmup}s warm-up, ${duration}s measured; pool $pool; nice $nice"
for round in $(seq 1 "$rounds"); do
    n=${#order[@]}
    for i in $(seq 0 $((n - 1))); do
        contender=${order[$(( (i + round - 1) % n ))]}
        start_server "$contender"
        check_server "$contender"
        # Every request is warmed up (JIT, pools, caches) before any is measured, so that the first measured one does
        # not pay for the others' tiering.
        for target in "${targets[@]}"; do
            run_wrk "${target%%|*}" "$warmup" >"$work/warmup.out"
            parse_wrk "$work/warmup.out" >/dev/null
        done
        for t in "${!targets[@]}"; do
            path=${targets[$t]%%|*} label=${targets[$t]#*|}
            cpu_before=$(cpu_ticks "$server_pid") pg_before=$(pg_cpu_ticks)
            run_wrk "$path" "$duration" >"$work/wrk.out"
            cpu_after=$(cpu_ticks "$server_pid") pg_after=$(pg_cpu_ticks)
            load=$(cut -d ' ' -f 1 /proc/loadavg)
            measured=$(parse_wrk "$work/wrk.out")
            read -r rps p50 p90 p99 requests <<<"$measured"
            # The server's and PostgreSQL's CPU time per request, in microseconds: what the contender costs, which outside
            # load moves less than it moves requests/s.
            cpu_us=$(per_request $((cpu_after - cpu_before)) "$requests")
            pg_us=$(per_request $((pg_after - pg_before)) "$requests")
            echo "$round $contender $t $measured $cpu_us $pg_us $load" >>"$results"
            printf 'round %d  %-9s  %-18s %6.0f req/s  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  CPU/request: server %5.1f us, PostgreSQL %5.1f us  load %s\n' \
                "$round" "$contender" "$label" "$rps" "$(awk "BEGIN{print $p50/1000}")" "$(awk "BEGIN{print $p90/1000}")" \
                "$(awk "BEGIN{print $p99/1000}")" "$cpu_us" "$pg_us" "$load"
        done
        stop_server
    done
done

# ---------------------------------------------------------------------------------------------------------------
# The table: per contender and measured request the median over rounds (requests/s with its min and max), then
# Framework's requests/s over each other contender's, round by round (a slow drift of the machine's load moves both
# sides of a round alike).
# ---------------------------------------------------------------------------------------------------------------
step "Results ($scenario, $rounds rounds, wrk -t$threads -c$connections -d${duration}s, pool $pool, nice $nice, $(nproc) cores shared by wrk, the server and PostgreSQL)"
echo "Load average before the run: $load_before; after it: $(cut -d ' ' -f 1-3 /proc/loadavg); 1-minute load at the end of each measurement: $(awk '{ print $11 }' "$results" | sort -n | sed -n '1p;$p' | paste -sd '-')"
labels=$(IFS='|'; echo "${targets[*]#*|}")
awk -v contenders="$contenders" -v scenario="$scenario" -v labels="$labels" -v ratio_targets="$ratio_targets" '
    function median(list,    n, a, i, j, t) {
        n = split(list, a, " ")
        for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > t + 0; j--) a[j + 1] = a[j]; a[j + 1] = t }
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    function extreme(list, sign,    n, a, i, best) {
        n = split(list, a, " "); best = a[1]
        for (i = 2; i <= n; i++) if (sign * (a[i] - best) > 0) best = a[i]
        return best
    }
    { k = $2 SUBSEP $3; rps[k] = rps[k] " " $4; p50[k] = p50[k] " " $5; p99[k] = p99[k] " " $7; cpu[k] = cpu[k] " " $9; pg[k] = pg[k] " " $10
      by[$1, $2, $3] = $4; roundset[$1] = 1; seen[$2] = 1 }
    END {
        if (scenario == "books") {
            names["framework"] = "Framework (samples/WebApi)"; names["efcore"] = "EF Core (pooled DbContext, Include + AsSplitQuery, AsNoTracking)"
        } else {
            names["framework"] = "Framework (AsyncSession.GetAsync)"; names["npgsql"] = "Raw Npgsql (NpgsqlDataSource)"
            names["efcore"] = "EF Core (pooled DbContext, FindAsync)"
        }
        others_names["npgsql"] = "Npgsql"; others_names["efcore"] = "EF Core"
        nt = split(labels, label, "|")
        print ""
        print "| Contender | Request | Requests/s (median) | min | max | p50 latency (ms) | p99 latency (ms) | Server CPU per request (us) | PostgreSQL CPU per request (us) |"
        print "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
        n = split(contenders, order, " ")
        for (t = 0; t < nt; t++)
            for (i = 1; i <= n; i++) {
                c = order[i]; k = c SUBSEP t
                printf "| %s | `%s` | %.0f | %.0f | %.0f | %.2f | %.2f | %.0f | %.0f |\n", names[c], label[t + 1], median(rps[k]), extreme(rps[k], -1),
                    extreme(rps[k], 1), median(p50[k]) / 1000, median(p99[k]) / 1000, median(cpu[k]), median(pg[k])
            }
        if (!("framework" in seen)) exit
        print ""
        m = split(ratio_targets, pairs, " ")
        for (j = 1; j <= m; j++) {
            split(pairs[j], pair, "="); o = pair[1]; target = pair[2]
            if (!(o in seen)) continue
            for (t = 0; t < nt; t++) {
                ratios = ""; per_round = ""
                for (r = 1; (r in roundset); r++) {
                    ratio = by[r, "framework", t] / by[r, o, t]
                    ratios = ratios " " ratio; per_round = per_round sprintf(" %.2f", ratio)
                }
                md = median(ratios)
                printf "Framework / %s requests/s, `%s`: median of per-round ratios %.2f (min %.2f, max %.2f; by round:%s); target >= %.1f: %s\n",
                    others_names[o], label[t + 1], md, extreme(ratios, -1), extreme(ratios, 1), per_round, target, (md >= target ? "met" : "MISSED")
            }
        }
    }' "$results"
