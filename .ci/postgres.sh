#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster for the store's conformance tests
# and prints the lines `.ci/run` evaluates:
#
#     eval "$(.ci/postgres.sh)"
#
# Installs Debian's `postgresql` when initdb is missing, runs initdb and
# pg_ctl as the `postgres` user (they refuse root) in a temporary directory,
# listens on 127.0.0.1 only, on a free port, and creates the database
# `callqa_test`. Everything but the export lines goes to stderr. Stop the
# cluster with `eval "$CALLQA_TEST_PG_STOP"`.
set -euo pipefail

find_bin() {
    local name=$1 dir
    if command -v "$name" >/dev/null 2>&1; then
        command -v "$name"
        return
    fi
    for dir in /usr/lib/postgresql/*/bin; do
        if [ -x "$dir/$name" ]; then
            echo "$dir/$name"
            return
        fi
    done
    return 1
}

if ! find_bin initdb >/dev/null; then
    echo "postgres.sh: installing postgresql" >&2
    export DEBIAN_FRONTEND=noninteractive
    (apt-get update && apt-get install -y postgresql) >&2
fi
INITDB=$(find_bin initdb)
PG_CTL=$(find_bin pg_ctl)
PSQL=$(find_bin psql)

as_pg() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# A free port: ask the kernel for one.
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
DIR=$(mktemp -d /tmp/callqa-pg.XXXXXX)
chmod 755 "$DIR"
[ "$(id -u)" = 0 ] && chown postgres "$DIR"

as_pg "$INITDB" -D "$DIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >&2
as_pg "$PG_CTL" -D "$DIR/data" -l "$DIR/log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$DIR -c fsync=off" \
    start >&2
as_pg "$PSQL" -h 127.0.0.1 -p "$PORT" -U postgres -q -c "CREATE DATABASE callqa_test" >&2

echo "export CALLQA_TEST_PG_URL=postgres://postgres@127.0.0.1:$PORT/callqa_test"
echo "export CALLQA_TEST_PG_DIR=$DIR"
if [ "$(id -u)" = 0 ]; then
    echo "export CALLQA_TEST_PG_STOP=\"runuser -u postgres -- $PG_CTL -D $DIR/data -m fast stop\""
else
    echo "export CALLQA_TEST_PG_STOP=\"$PG_CTL -D $DIR/data -m fast stop\""
fi
