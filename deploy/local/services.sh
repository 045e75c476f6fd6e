#!/usr/bin/env bash
# Starts (or stops) the PostgreSQL 15 and Redis servers the tests and a local cluster use, on loopback only.
# Installs nothing: PostgreSQL binaries are looked up under /usr/lib/postgresql/15/bin (or PG_BIN),
# redis-server on PATH. Data lives in a private folder, removed by `stop`.
#
#   deploy/local/services.sh start   start both (a server already answering on its port is reused)
#   deploy/local/services.sh stop    stop the servers this folder started, remove their data
#   deploy/local/services.sh status  exit 0 when both answer
#   deploy/local/services.sh env     print the environment the tests read
#
# Settings: CHATSPHERE_PG_PORT (25432), CHATSPHERE_REDIS_PORT (26379): below the kernel's ephemeral range, so no outgoing connection can hold them,
#           CHATSPHERE_SERVICES_DIR (<repo>/.ci/work/services, or /tmp/chatsphere-services-<hash> when the
#           postgres user cannot reach that folder).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
pg_port="${CHATSPHERE_PG_PORT:-25432}"
redis_port="${CHATSPHERE_REDIS_PORT:-26379}"
pg_bin="${PG_BIN:-/usr/lib/postgresql/15/bin}"

# The private folder: <repo>/.ci/work/services, unless the postgres user (used when running as root) cannot
# reach it, or the socket path in it would be too long for a Unix socket; then a folder under /tmp named
# after the repository, so start, stop and env of one checkout always agree.
services_dir() {
    if [ -n "${CHATSPHERE_SERVICES_DIR:-}" ]; then
        echo "$CHATSPHERE_SERVICES_DIR"
        return
    fi
    local preferred="$repo_root/.ci/work/services"
    local socket_path="$preferred/socket/.s.PGSQL.$pg_port"
    if [ "${#socket_path}" -le 100 ]; then
        if [ "$(id -u)" -ne 0 ]; then
            echo "$preferred"
            return
        fi
        mkdir -p "$preferred"
        if runuser -u postgres -- test -x "$preferred" 2>/dev/null; then
            echo "$preferred"
            return
        fi
    fi
    echo "/tmp/chatsphere-services-$(printf '%s' "$repo_root" | md5sum | cut -c1-12)"
}

dir="$(services_dir)"
pg_data="$dir/pg"
pg_socket="$dir/socket"

log() { echo "services: $*" >&2; }

# PostgreSQL refuses to run as root: as root, its commands run as the postgres user.
as_pg() {
    if [ "$(id -u)" -eq 0 ]; then
        # From /: the postgres user may not be allowed into the current folder.
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

pg_answers() { "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port" >/dev/null 2>&1; }
redis_answers() { [ "$(redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null)" = "PONG" ]; }

wait_for() {
    local what="$1" check="$2" i
    for i in $(seq 1 100); do
        if "$check"; then return 0; fi
        sleep 0.2
    done
    log "$what did not answer within 20 s"
    return 1
}

start_postgres() {
    if pg_answers; then
        log "PostgreSQL already answers on 127.0.0.1:$pg_port"
        return 0
    fi
    [ -x "$pg_bin/initdb" ] || { log "PostgreSQL 15 binaries not found in $pg_bin (apt-get install postgresql)"; return 1; }
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres: "$dir"
        if ! runuser -u postgres -- test -x "$dir"; then
            log "the postgres user cannot reach $dir: set CHATSPHERE_SERVICES_DIR to a folder it can reach (e.g. under /tmp)"
            return 1
        fi
    fi
    if [ ! -f "$pg_data/PG_VERSION" ]; then
        as_pg mkdir -p "$pg_data" "$pg_socket"
        as_pg "$pg_bin/initdb" -D "$pg_data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
            || { cat "$dir/initdb.log" >&2; return 1; }
    fi
    as_pg mkdir -p "$pg_socket"
    # fsync off: test data is thrown away, and commits are many times faster on a shared disk.
    as_pg "$pg_bin/pg_ctl" -D "$pg_data" -l "$dir/postgres.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_socket -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null \
        || { tail -n 30 "$dir/postgres.log" >&2; return 1; }
    wait_for PostgreSQL pg_answers
    log "PostgreSQL started on 127.0.0.1:$pg_port ($pg_data)"
}

start_redis() {
    if redis_answers; then
        log "Redis already answers on 127.0.0.1:$redis_port"
        return 0
    fi
    command -v redis-server >/dev/null || { log "redis-server not found (apt-get install redis-server)"; return 1; }
    mkdir -p "$dir/redis"
    redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no \
        --daemonize yes --dir "$dir/redis" --pidfile "$dir/redis/redis.pid" --logfile "$dir/redis/redis.log"
    wait_for Redis redis_answers
    log "Redis started on 127.0.0.1:$redis_port"
}

stop_services() {
    if [ -f "$pg_data/postmaster.pid" ]; then
        as_pg "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w -t 30 stop >/dev/null || true
        log "PostgreSQL stopped"
    fi
    if [ -f "$dir/redis/redis.pid" ]; then
        local pid
        pid="$(cat "$dir/redis/redis.pid")"
        if kill "$pid" 2>/dev/null; then
            for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
            log "Redis stopped"
        fi
        rm -f "$dir/redis/redis.pid"
    fi
    rm -rf "$pg_data" "$pg_socket" "$dir/redis" "$dir/initdb.log" "$dir/postgres.log"
    rmdir "$dir" 2>/dev/null || true
}

print_env() {
    echo "export CHATSPHERE_TEST_POSTGRES='Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres'"
    echo "export CHATSPHERE_TEST_REDIS='127.0.0.1:$redis_port'"
}

case "${1:-}" in
    start) start_postgres; start_redis; print_env ;;
    stop) stop_services ;;
    status) pg_answers && redis_answers ;;
    env) print_env ;;
    *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
