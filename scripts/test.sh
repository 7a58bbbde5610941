#!/usr/bin/env bash
# Set up and run the whole test suite on a fresh Debian 12 machine with Python 3.11.
#
#   bash scripts/test.sh [pytest args]
#
# Installs what the tests need (Debian's chromium for the browser tests, PostgreSQL 15 for the
# store tests), makes .venv with fonds and its test extras, checks the import layers, then runs
# the suite on SQLite and again on a throwaway PostgreSQL cluster it starts and stops itself.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_BIN=/usr/lib/postgresql/15/bin
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x "$PG_BIN/initdb" ] || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO=sudo
    echo "== installing ${need[*]} from Debian"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

echo "== setting up .venv"
python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -e '.[test]'

echo "== checking the import layers"
.venv/bin/lint-imports

echo "== test suite on SQLite"
# pytest exits 5 when it collected no test: with set -e that fails this script, as it should.
.venv/bin/pytest "$@"

echo "== test suite on PostgreSQL 15"
pgdir=$(mktemp -d)
port=54329
# The cluster belongs to the postgres user; run its tools from / so they can read their cwd.
as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else (cd / && sudo -u postgres "$@"); fi
}
cleanup() {
    if [ -f "$pgdir/data/postmaster.pid" ]; then
        as_postgres "$PG_BIN/pg_ctl" -D "$pgdir/data" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$pgdir"
}
trap cleanup EXIT
chmod 755 "$pgdir"
chown postgres "$pgdir"
as_postgres "$PG_BIN/initdb" -D "$pgdir/data" -U postgres --auth=trust -E UTF8 >/dev/null
as_postgres "$PG_BIN/pg_ctl" -D "$pgdir/data" -w -l "$pgdir/log" \
    -o "-p $port -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
FONDS_DATABASE_URL="postgres://postgres@127.0.0.1:$port/fonds" .venv/bin/pytest "$@"
