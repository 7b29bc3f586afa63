#!/usr/bin/env bash
# Stops the instance test/support/389ds/start.sh made in <dir> and removes <dir>.
#   test/support/389ds/stop.sh <dir>
set -euo pipefail
DIR=${1:?usage: stop.sh <dir>}
[[ "$DIR" = /* ]] || { echo "389ds/stop.sh: the directory must be an absolute path" >&2; exit 1; }
[[ -d "$DIR" ]] || exit 0
[[ -e "$DIR/.idsync-389ds" ]] || { echo "389ds/stop.sh: $DIR was not made by start.sh; leaving it alone" >&2; exit 1; }
shopt -s nullglob
for pidfile in "$DIR"/run/dirsrv/slapd-*.pid; do
  pid=$(cat "$pidfile" 2>/dev/null || true)
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || continue
  # Only signal the ns-slapd that serves this directory (a reused pid would be someone else's).
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q "ns-slapd -D $DIR/" || continue
  kill -TERM "$pid"
  for _ in $(seq 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" && sleep 0.3
done
rm -rf -- "$DIR"
