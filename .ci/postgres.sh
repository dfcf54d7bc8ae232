# Shell functions that start a throwaway PostgreSQL server from the machine's binaries, shared by .ci/run and
# benchmarks/http.sh (source this file; it runs nothing by itself). After start_postgres: pg_dir, pg_port.

# Prints the folder holding initdb and pg_ctl: on PATH, in 'pg_config --bindir', or in /usr/lib/postgresql/*/bin
# (where Debian puts them, off PATH).
find_pg_bindir() {
    local dir
    if command -v initdb >/dev/null 2>&1; then
        dir=$(dirname "$(command -v initdb)")
        if [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
    fi
    if command -v pg_config >/dev/null 2>&1; then
        dir=$(pg_config --bindir 2>/dev/null || true)
        if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
    fi
    for dir in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
    done
    return 1
}

# Puts the server binaries' folder first on PATH, installing Debian's 'postgresql' package when they are missing.
use_pg_bindir() {
    local pg_bindir
    if ! pg_bindir=$(find_pg_bindir); then
        printf '\n==> %s\n' "Installing the PostgreSQL server (apt-get install postgresql)"
        apt-get update -qq </dev/null || echo "warning: apt-get update failed; trying the install anyway" >&2
        if ! apt-get install -y -qq --no-install-recommends -o Dpkg::Use-Pty=0 postgresql </dev/null; then
            echo "error: could not install the 'postgresql' package; its server binaries are needed." >&2
            return 1
        fi
        if ! pg_bindir=$(find_pg_bindir); then
            echo "error: 'postgresql' is installed but initdb and pg_ctl are still not found." >&2
            return 1
        fi
    fi
    export PATH="$pg_bindir:$PATH"
    echo "PostgreSQL server binaries: $pg_bindir"
}

# PostgreSQL refuses to run as root: as root, the server runs as the 'postgres' user the package creates.
as_postgres() {
    if [ "$(id -u)" != 0 ]; then
        "$@"
    elif command -v runuser >/dev/null 2>&1; then
        runuser -u postgres -- "$@"
    else
        su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
        || echo $((20000 + RANDOM % 40000))
}

pg_dir=""
stop_postgres() {
    if [ -n "$pg_dir" ]; then
        if [ -f "$pg_dir/data/postmaster.pid" ]; then
            (cd "$pg_dir" && as_postgres pg_ctl -D "$pg_dir/data" -m immediate -w stop) >/dev/null 2>&1 || true
        fi
        rm -rf "$pg_dir"
        pg_dir=""
    fi
}

# Creates a cluster in a new folder under /tmp and starts it on a free loopback port; sets pg_dir and pg_port.
start_postgres() {
    pg_dir=$(mktemp -d /tmp/framework-ci-pg.XXXXXX) || return 1
    if [ "$(id -u)" = 0 ]; then
        if ! id -u postgres >/dev/null 2>&1; then
            echo "error: running as root and there is no 'postgres' user to run PostgreSQL as." >&2
            return 1
        fi
        chown postgres "$pg_dir" || return 1
    fi
    if ! (cd "$pg_dir" && as_postgres initdb -D "$pg_dir/data" -A trust -U postgres -E UTF8 --no-locale --no-sync) \
        >"$pg_dir/initdb.out" 2>&1; then
        echo "error: initdb failed:" >&2
        cat "$pg_dir/initdb.out" >&2
        return 1
    fi
    local _
    for _ in 1 2 3; do
        pg_port=$(free_port)
        if (cd "$pg_dir" && as_postgres pg_ctl -D "$pg_dir/data" -l "$pg_dir/log" -w -t 60 \
            -o "-p $pg_port -c listen_addresses=127.0.0.1 -c unix_socket_directories='$pg_dir' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
            start) >/dev/null 2>&1; then
            return 0
        fi
        # Another process may have taken the port in the meantime: try another one.
        grep -q 'could not bind' "$pg_dir/log" 2>/dev/null || break
    done
    echo "error: PostgreSQL did not start; the end of its log:" >&2
    tail -n 30 "$pg_dir/log" >&2 || true
    return 1
}
