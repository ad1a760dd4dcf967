#!/usr/bin/env bash
# make test-virtuoso: khabar load/query --endpoint against a real Virtuoso 7 (Debian), not part of `make test`.
# Installs virtuoso-opensource if missing (without letting the packaged daemon start), runs our own instance
# on free loopback ports with a minimal ini in a temporary folder, runs tests/virtuoso/check.py, stops it.
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-.venv/bin/python}
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo

if ! command -v virtuoso-t >/dev/null || ! command -v isql-vt >/dev/null; then
  echo "== installing Debian's virtuoso-opensource"
  # Without a policy-rc.d that says no, the postinst starts the packaged instance on 0.0.0.0:8890 and keeps it.
  ADDED_POLICY=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod +x /usr/sbin/policy-rc.d; ADDED_POLICY=1
  fi
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends virtuoso-opensource </dev/null
  [ -z "$ADDED_POLICY" ] || $SUDO rm -f /usr/sbin/policy-rc.d
fi
echo "== $(virtuoso-t -? 2>&1 | grep -m1 -i 'version' || echo virtuoso-t)"

VDIR=$(mktemp -d /tmp/khabar-virtuoso.XXXXXX)
read -r SQLPORT HTTPPORT < <("$PYTHON" - <<'PY'
import socket
socks = [socket.socket() for _ in range(2)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))
PY
)
mkdir -p "$VDIR/data"
cat > "$VDIR/virtuoso.ini" <<INI
[Database]
DatabaseFile       = $VDIR/virtuoso.db
ErrorLogFile       = $VDIR/virtuoso.log
LockFile           = $VDIR/virtuoso.lck
TransactionFile    = $VDIR/virtuoso.trx
xa_persistent_file = $VDIR/virtuoso.pxa
[TempDatabase]
DatabaseFile       = $VDIR/virtuoso-temp.db
TransactionFile    = $VDIR/virtuoso-temp.trx
[Parameters]
ServerPort         = 127.0.0.1:$SQLPORT
DisableUnixSocket  = 1
DirsAllowed        = ., $VDIR, $VDIR/data
NumberOfBuffers    = 10000
MaxDirtyBuffers    = 6000
MaxQueryMem        = 256M
[HTTPServer]
ServerPort         = 127.0.0.1:$HTTPPORT
ServerRoot         = /var/lib/virtuoso-opensource-7/vsp
ServerThreads      = 10
Charset            = UTF-8
[SPARQL]
ResultSetMaxRows   = 10000
MaxQueryExecutionTime = 60
INI

( cd "$VDIR" && exec virtuoso-t +foreground +configfile "$VDIR/virtuoso.ini" > "$VDIR/stdout.log" 2>&1 ) &
VPID=$!   # exec: $! is virtuoso-t itself
stop() {
  if kill -0 "$VPID" 2>/dev/null; then kill -TERM "$VPID"; wait "$VPID" 2>/dev/null || true; echo "== virtuoso stopped"; fi
  rm -rf "$VDIR"
}
trap stop EXIT
B=http://127.0.0.1:$HTTPPORT
started=$(date +%s%N)
for _ in $(seq 1 600); do   # up to 60 s
  curl -sf -o /dev/null --max-time 2 "$B/sparql?query=ASK%7B%7D" && break
  kill -0 "$VPID" 2>/dev/null || { echo "virtuoso died:"; cat "$VDIR/stdout.log"; exit 1; }
  sleep 0.1
done
curl -sf -o /dev/null --max-time 2 "$B/sparql?query=ASK%7B%7D" || { echo "virtuoso is not ready after 60 s"; tail "$VDIR/virtuoso.log"; exit 1; }
echo "== virtuoso ready at $B (SQL 127.0.0.1:$SQLPORT) after $(( ($(date +%s%N) - started) / 1000000 )) ms, pid $VPID"

"$PYTHON" tests/virtuoso/check.py --endpoint "$B" --work "$VDIR/data" --isql "127.0.0.1:$SQLPORT"
