#!/usr/bin/env bash
# Starts a private slapd on 127.0.0.1 with a fresh database (about a second).
# usage: SLAPD_DIR=/tmp/idsync-slapd SLAPD_PORT=3389 test/support/slapd/start.sh
# stop:  kill "$(cat "$SLAPD_DIR/slapd.pid")"
# Bind as cn=admin,dc=example,dc=com / secret. The Debian package's own slapd service is never used.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
D=${SLAPD_DIR:-/tmp/idsync-slapd}
P=${SLAPD_PORT:-3389}
PATH="$PATH:/usr/sbin:/usr/local/sbin"
if ! command -v slapd >/dev/null; then
  echo "start.sh: slapd is not installed: apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y slapd ldap-utils" >&2
  exit 1
fi
if [ -f "$D/slapd.pid" ] && kill -0 "$(cat "$D/slapd.pid")" 2>/dev/null; then
  echo "start.sh: a slapd from $D is already running (pid $(cat "$D/slapd.pid"))" >&2
  exit 1
fi
rm -rf "$D"
"$HERE/make-slapd-conf.sh" "$D"
slapadd -q -f "$D/slapd.conf" -b dc=example,dc=com -l "$HERE/base.ldif"
slapd -f "$D/slapd.conf" -h "ldap://127.0.0.1:$P/"
for _ in $(seq 1 100); do
  ldapsearch -x -H "ldap://127.0.0.1:$P" -b "" -s base namingContexts >/dev/null 2>&1 && { echo "slapd pid $(cat "$D/slapd.pid") on ldap://127.0.0.1:$P"; exit 0; }
  sleep 0.1
done
echo "start.sh: slapd did not answer on ldap://127.0.0.1:$P within 10 s" >&2
[ -f "$D/slapd.pid" ] && kill "$(cat "$D/slapd.pid")" 2>/dev/null || true
exit 1
