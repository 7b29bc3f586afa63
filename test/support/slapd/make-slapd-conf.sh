#!/usr/bin/env bash
# Writes a slapd.conf for a private, throwaway OpenLDAP instance used by IdSync's tests, benchmarks and CI.
# usage: make-slapd-conf.sh DIR       -> DIR/slapd.conf, DIR/data, DIR/accesslog
#   suffix dc=example,dc=com, rootdn cn=admin,dc=example,dc=com / secret, mdb backend,
#   core/cosine/inetorgperson/nis schemas, accesslog (writes logged under cn=accesslog, readable by the
#   rootdn only), syncprov, ppolicy (cleartext userPassword writes are hashed as {SSHA}).
# env: NOSYNC=1 adds dbnosync (faster; benchmarks only). NOLOG=1 leaves the accesslog overlay out.
#      SLAPD_SCHEMA_DIR (default /etc/ldap/schema), SLAPD_MODULE_DIR (default /usr/lib/ldap).
set -euo pipefail
D=${1:?usage: make-slapd-conf.sh DIR}
SCHEMA=${SLAPD_SCHEMA_DIR:-/etc/ldap/schema}
MODULES=${SLAPD_MODULE_DIR:-/usr/lib/ldap}
for f in core cosine inetorgperson nis; do
  [ -f "$SCHEMA/$f.schema" ] || { echo "make-slapd-conf.sh: $SCHEMA/$f.schema not found (apt-get install -y slapd ldap-utils)" >&2; exit 1; }
done
mkdir -p "$D/data" "$D/accesslog"
ADMIN="cn=admin,dc=example,dc=com"
SYNC=${NOSYNC:+dbnosync}
LOG=${NOLOG:+#}
cat > "$D/slapd.conf" <<CONF
include $SCHEMA/core.schema
include $SCHEMA/cosine.schema
include $SCHEMA/inetorgperson.schema
include $SCHEMA/nis.schema
pidfile  $D/slapd.pid
argsfile $D/slapd.args
modulepath $MODULES
moduleload back_mdb
moduleload accesslog
moduleload syncprov
moduleload ppolicy
loglevel none
password-hash {SSHA}

# ---- accesslog database (defined before the database that logs into it)
database mdb
suffix "cn=accesslog"
directory $D/accesslog
rootdn "$ADMIN"
maxsize 1073741824
$SYNC
index default eq
index entryCSN,objectClass,reqEnd,reqResult,reqStart,reqDN eq
overlay syncprov
syncprov-nopresent TRUE
syncprov-reloadhint TRUE
access to * by * none

# ---- main database
database mdb
suffix "dc=example,dc=com"
rootdn "$ADMIN"
rootpw secret
directory $D/data
maxsize 4294967296
$SYNC
index objectClass eq
index uid,cn,mail eq,sub
index entryCSN,entryUUID eq
access to attrs=userPassword by self write by anonymous auth by * none
access to * by * read

overlay syncprov
syncprov-checkpoint 100 10
syncprov-sessionlog 10000

${LOG}overlay accesslog
${LOG}logdb cn=accesslog
${LOG}logops writes
${LOG}logsuccess TRUE
${LOG}logpurge 07+00:00 01+00:00

overlay ppolicy
ppolicy_hash_cleartext
CONF
