#!/usr/bin/env bash
# Creates and starts a throwaway 389 Directory Server instance for the IdSync tests, entirely under
# one directory (no /etc/dirsrv, no systemd): suffix dc=example,dc=com with ou=people and ou=groups,
# root DN "cn=Directory Manager", listening on 127.0.0.1 only, Retro Changelog plugin enabled from
# the first start (cn=changelog, lastChangeNumber in the root DSE).
#
#   test/support/389ds/start.sh <dir> <port> <password>    # prints the ns-slapd pid
#   test/support/389ds/stop.sh <dir>
#
# How: lib389's dscreate reads its paths from <data_dir>/dirsrv/inf/defaults.inf and builds dse.ldif
# from <data_dir>/dirsrv/data/template-dse.ldif, and honours PREFIX for where defaults.inf lives.
# So a private copy of both, with every path moved under <dir>, gives an instance that touches
# nothing outside <dir>. dscreate chowns to the dirsrv user, so this runs as root.
# Needs: apt-get install -y 389-ds-base ldap-utils
set -euo pipefail
umask 022

fail() { echo "389ds/start.sh: $*" >&2; exit 1; }

DIR=${1:?usage: start.sh <dir> <port> <password>}
PORT=${2:?usage: start.sh <dir> <port> <password>}
PASSWORD=${3:?usage: start.sh <dir> <port> <password>}
INSTANCE=idsync
SUFFIX="dc=example,dc=com"

[[ "$DIR" = /* ]] || fail "the directory must be an absolute path"
[[ "$PORT" =~ ^[0-9]+$ ]] || fail "the port must be a number"
(( ${#PASSWORD} >= 8 )) || fail "389 DS wants a root password of at least 8 characters"
[[ $(id -u) = 0 ]] || fail "must run as root (dscreate hands the instance's files to the dirsrv user)"
for program in dscreate ns-slapd ldapadd ldapsearch; do
  command -v "$program" >/dev/null || fail "$program is missing: apt-get install -y 389-ds-base ldap-utils"
done
id dirsrv >/dev/null 2>&1 || fail "the dirsrv user is missing: apt-get install -y 389-ds-base"
[[ ! -e "$DIR" || -z "$(ls -A "$DIR")" ]] || fail "$DIR is not empty"

mkdir -p "$DIR"/{share/dirsrv/inf,etc/dirsrv,etc/default,etc/tmpfiles.d,tmp,dbhome} \
  "$DIR"/var/{log,lib}/dirsrv "$DIR"/run/dirsrv "$DIR"/run/lock/dirsrv
chmod 755 "$DIR"
: > "$DIR/.idsync-389ds"   # stop.sh removes only directories carrying this mark

cp -a /etc/dirsrv/config /etc/dirsrv/schema "$DIR/etc/dirsrv/"
cp -a /usr/share/dirsrv/data "$DIR/share/dirsrv/"
TEMPLATE="$DIR/share/dirsrv/data/template-dse.ldif"
# 127.0.0.1 only; the Retro Changelog plugin on (its entry ends at the next blank line).
sed -i \
  -e 's/^nsslapd-port: %ds_port%$/&\nnsslapd-listenhost: 127.0.0.1/' \
  -e '/^dn: cn=Retro Changelog Plugin,cn=plugins,cn=config$/,/^$/ s/^nsslapd-pluginenabled: off$/nsslapd-pluginenabled: on/' \
  "$TEMPLATE"
grep -q '^nsslapd-listenhost: 127.0.0.1$' "$TEMPLATE" || fail "this 389-ds-base's template-dse.ldif has an unexpected shape (no nsslapd-port line)"

sed \
  -e "s|^with_systemd = .*|with_systemd = 0|" \
  -e "s|^data_dir = .*|data_dir = $DIR/share|" \
  -e "s|^tmp_dir = .*|tmp_dir = $DIR/tmp|" \
  -e "s|^db_home_dir = .*|db_home_dir = $DIR/dbhome/slapd-{instance_name}|" \
  -e "s#= /etc\(/\|$\)#= $DIR/etc\1#" \
  -e "s#= /var\(/\|$\)#= $DIR/var\1#" \
  -e "s#= /run/#= $DIR/run/#" \
  /usr/share/dirsrv/inf/defaults.inf > "$DIR/share/dirsrv/inf/defaults.inf"
# Nothing of the instance may land in the system's /etc, /var, /run or /dev/shm.
if grep -E '^[a-z_]+ = /(etc|var|run|dev)(/|$)' "$DIR/share/dirsrv/inf/defaults.inf" >&2; then
  fail "defaults.inf still points outside $DIR (lines above): this 389-ds-base's layout is not the expected one"
fi
chown dirsrv:dirsrv "$DIR"/var/{log,lib}/dirsrv "$DIR"/run/dirsrv "$DIR"/run/lock/dirsrv "$DIR"/tmp "$DIR"/dbhome

cat > "$DIR/instance.inf" <<INF
[general]
config_version = 2
full_machine_name = localhost
selinux = False
systemd = False
start = True
strict_host_checking = False
[slapd]
instance_name = $INSTANCE
port = $PORT
self_sign_cert = False
root_dn = cn=Directory Manager
root_password = $PASSWORD
[backend-userroot]
suffix = $SUFFIX
create_suffix_entry = True
sample_entries = no
INF
chmod 600 "$DIR/instance.inf"

PIDFILE="$DIR/run/dirsrv/slapd-$INSTANCE.pid"
stop_on_error() {
  [[ -s "$PIDFILE" ]] && kill "$(cat "$PIDFILE")" 2>/dev/null || true
  echo "389ds/start.sh: failed; logs: $DIR/dscreate.log, $DIR/var/log/dirsrv/slapd-$INSTANCE/errors" >&2
}
trap stop_on_error ERR

if ! PREFIX="$DIR" dscreate -v from-file "$DIR/instance.inf" > "$DIR/dscreate.log" 2>&1; then
  tail -n 20 "$DIR/dscreate.log" >&2
  false
fi
for _ in $(seq 50); do [[ -s "$PIDFILE" ]] && break; sleep 0.2; done
[[ -s "$PIDFILE" ]] || { echo "389ds/start.sh: no pid file after dscreate" >&2; false; }

LDAP=(-x -H "ldap://127.0.0.1:$PORT" -D "cn=Directory Manager" -w "$PASSWORD")
for _ in $(seq 100); do ldapsearch "${LDAP[@]}" -b "" -s base >/dev/null 2>&1 && break; sleep 0.1; done
ldapadd "${LDAP[@]}" >/dev/null <<LDIF
dn: ou=people,$SUFFIX
objectClass: top
objectClass: organizationalUnit
ou: people

dn: ou=groups,$SUFFIX
objectClass: top
objectClass: organizationalUnit
ou: groups
LDIF
ldapsearch "${LDAP[@]}" -LLL -b "" -s base lastChangeNumber | grep -q '^lastChangeNumber:' \
  || { echo "389ds/start.sh: the root DSE has no lastChangeNumber (Retro Changelog not active)" >&2; false; }
trap - ERR
cat "$PIDFILE"
