#!/usr/bin/env bash
# The HTTP benchmark: the same GET /items/{id} endpoint served by Framework (an injected AsyncSession), raw Npgsql and
# EF Core in turn, each driven over loopback by wrk. Builds Release, starts a throwaway PostgreSQL with a seeded
# table, then for each round and contender: starts the server on a free port, waits for it, checks its answers,
# warms it up, measures, stops it. Prints a table of requests/s and latency and the ratios Framework/Npgsql and
# Framework/EF Core. See benchmarks/README.md (section "HTTP") for what it measures.
#
#   bash benchmarks/http.sh [--rounds 5] [--duration 15] [--warmup 10] [--connections 32] [--threads 1]
#                           [--pool 16] [--rows 10000] [--contenders "framework npgsql efcore"] [--nice 0]
#
# --nice -10 runs wrk, the server and PostgreSQL at that niceness (as root), so that other work on a shared machine
# takes less of their CPU while they are measured; it slows that other work meanwhile.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd)

rounds=5 duration=15 warmup=10 connections=32 threads=1 pool=16 rows=10000 nice=0
contenders="framework npgsql efcore"
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) rounds=$2 ;;
        --duration) duration=$2 ;;
        --warmup) warmup=$2 ;;
        --connections) connections=$2 ;;
        --threads) threads=$2 ;;
        --pool) pool=$2 ;;
        --rows) rows=$2 ;;
        --contenders) contenders=$2 ;;
        --nice) nice=$2 ;;
        *) echo "error: unknown option '$1' (see the top of $0)" >&2; exit 2 ;;
    esac
    shift 2
done

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
project="$repo/benchmarks/Framework.Benchmarks.Http"
step "dotnet build -c Release $project"
dotnet build -c Release "$project" -v quiet -nologo </dev/null
dll="$project/bin/Release/net10.0/Framework.Benchmarks.Http.dll"

# Other work on the machine moves every number below; its load average, taken before this script adds its own, says how much.
load_before=$(cut -d ' ' -f 1-3 /proc/loadavg)

step "Starting a temporary PostgreSQL server"
start_postgres
# The backends PostgreSQL forks from now on inherit the postmaster's niceness.
[ "$nice" = 0 ] || renice -n "$nice" -p "$(head -n 1 "$pg_dir/data/postmaster.pid")" >/dev/null
url="postgresql://postgres@127.0.0.1:$pg_port/postgres"
echo "Temporary server: $url"

step "Seeding items with $rows rows"
psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres <<SQL
CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, price numeric(10, 2) NOT NULL, created timestamptz NOT NULL);
INSERT INTO items (id, name, price, created)
SELECT g, 'item ' || g, (g % 1000) * 1.25 + 0.99, timestamptz '2025-01-01 00:00:00+00' + g * interval '1 minute'
FROM generate_series(1, $rows) AS g;
VACUUM ANALYZE items;
SQL

# ---------------------------------------------------------------------------------------------------------------
# One measurement: start the contender, wait for it, check it, warm it up, measure it, stop it.
# ---------------------------------------------------------------------------------------------------------------
check_id=$(( rows * 43 / 100 + 1 ))
expected_body=""

start_server() {
    local contender=$1 attempt
    for attempt in 1 2 3; do
        port=$(free_port)
        ASPNETCORE_ENVIRONMENT=Production nice -n "$nice" dotnet "$dll" --contender "$contender" --url "$url" --port "$port" --pool "$pool" \
            >"$work/server.log" 2>&1 </dev/null &
        server_pid=$!
        local _
        for _ in $(seq 1 300); do
            if curl -sf -o /dev/null "http://127.0.0.1:$port/items/1"; then
                return 0
            fi
            kill -0 "$server_pid" 2>/dev/null || break
            sleep 0.1
        done
        stop_server
        # Another process may have taken the port meanwhile: try another one.
        grep -q 'address already in use' "$work/server.log" || break
    done
    echo "error: the $contender server did not answer GET /items/1; its output:" >&2
    cat "$work/server.log" >&2
    return 1
}

# Every contender answers the same body for one id, and 404 for an id that is not there.
check_server() {
    local contender=$1 body status
    body=$(curl -sf "http://127.0.0.1:$port/items/$check_id")
    if [ -z "$expected_body" ]; then
        expected_body=$body
        echo "GET /items/$check_id -> $body"
    elif [ "$body" != "$expected_body" ]; then
        echo "error: $contender answered GET /items/$check_id with $body, not $expected_body" >&2
        return 1
    fi
    status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/items/$((rows + 1))")
    if [ "$status" != 404 ]; then
        echo "error: $contender answered GET /items/$((rows + 1)) (no such row) with $status, not 404" >&2
        return 1
    fi
}

run_wrk() {
    HTTPBENCH_ROWS=$rows nice -n "$nice" wrk -t"$threads" -c"$connections" -d"$1"s --timeout 10s \
        -s "$project/items.lua" "http://127.0.0.1:$port"
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
        run_wrk "$warmup" >"$work/warmup.out"
        parse_wrk "$work/warmup.out" >/dev/null
        cpu_before=$(cpu_ticks "$server_pid") pg_before=$(pg_cpu_ticks)
        run_wrk "$duration" >"$work/wrk.out"
        cpu_after=$(cpu_ticks "$server_pid") pg_after=$(pg_cpu_ticks)
        measured=$(parse_wrk "$work/wrk.out")
        stop_server
        read -r rps p50 p90 p99 requests <<<"$measured"
        # The server's and PostgreSQL's CPU time per request, in microseconds: what the contender costs, which outside
        # load moves less than it moves requests/s.
        cpu_us=$(per_request $((cpu_after - cpu_before)) "$requests")
        pg_us=$(per_request $((pg_after - pg_before)) "$requests")
        echo "$round $contender $measured $cpu_us $pg_us" >>"$results"
        printf 'round %d  %-9s  %6.0f req/s  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  CPU/request: server %5.1f us, PostgreSQL %5.1f us\n' \
            "$round" "$contender" "$rps" "$(awk "BEGIN{print $p50/1000}")" "$(awk "BEGIN{print $p90/1000}")" \
            "$(awk "BEGIN{print $p99/1000}")" "$cpu_us" "$pg_us"
    done
done

# ---------------------------------------------------------------------------------------------------------------
# The table: per contender the median over rounds (requests/s with its min and max), then Framework's requests/s over
# each other contender's, round by round (a slow drift of the machine's load moves both sides of a round alike).
# ---------------------------------------------------------------------------------------------------------------
step "Results ($rounds rounds, wrk -t$threads -c$connections -d${duration}s, pool $pool, nice $nice, $(nproc) cores shared by wrk, the server and PostgreSQL)"
echo "Load average before the run: $load_before; after it: $(cut -d ' ' -f 1-3 /proc/loadavg)"
awk -v contenders="$contenders" '
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
    { rps[$2] = rps[$2] " " $3; p50[$2] = p50[$2] " " $4; p99[$2] = p99[$2] " " $6; cpu[$2] = cpu[$2] " " $8; pg[$2] = pg[$2] " " $9; by[$1, $2] = $3; roundset[$1] = 1 }
    END {
        names["framework"] = "Framework (AsyncSession.GetAsync)"; names["npgsql"] = "Raw Npgsql (NpgsqlDataSource)"
        names["efcore"] = "EF Core (pooled DbContext, FindAsync)"
        print ""
        print "| Contender | Requests/s (median) | min | max | p50 latency (ms) | p99 latency (ms) | Server CPU per request (us) | PostgreSQL CPU per request (us) |"
        print "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
        n = split(contenders, order, " ")
        for (i = 1; i <= n; i++) {
            c = order[i]
            printf "| %s | %.0f | %.0f | %.0f | %.2f | %.2f | %.0f | %.0f |\n", names[c], median(rps[c]), extreme(rps[c], -1), extreme(rps[c], 1),
                median(p50[c]) / 1000, median(p99[c]) / 1000, median(cpu[c]), median(pg[c])
        }
        if (!(("framework") in rps)) exit
        print ""
        split("npgsql efcore", others, " "); target["npgsql"] = 0.9; target["efcore"] = 1.2
        for (k = 1; k <= 2; k++) {
            o = others[k]
            if (!(o in rps)) continue
            ratios = ""
            for (r in roundset) ratios = ratios " " by[r, "framework"] / by[r, o]
            m = median(ratios)
            printf "Framework / %s requests/s: median of per-round ratios %.2f (min %.2f, max %.2f); target >= %.1f: %s\n",
                (o == "npgsql" ? "Npgsql" : "EF Core"), m, extreme(ratios, -1), extreme(ratios, 1), target[o], (m >= target[o] ? "met" : "MISSED")
        }
    }' "$results"
