#!/usr/bin/env bash
# Provisions a throwaway Samba AD domain controller in <dir> for the AD tests (test/support/samba-ad.ts
# starts it with `samba -i -s <dir>/etc/smb.conf`): realm SAMDOM.EXAMPLE.TEST, no DNS server, listening
# on 127.0.0.1 only, every run/log/state file under <dir> so nothing of the machine's own Samba is used.
# Then smb.conf gets two test settings: only the LDAP service runs (`server services = ldap`: no
# SMB, Kerberos, RPC, replication; LDAPS answers in a third of the time), and simple binds are
# allowed on plain ldap:// (`ldap server require strong auth = no`) so the tests can show that IdSync
# itself refuses to send a unicodePwd there. The password policy is relaxed (no minimum age, no
# history) so a test may set a password twice in a row. Needs root (Samba does).
# Usage: provision.sh <dir> <admin password>
set -euo pipefail
dir=$1 adminpass=$2
rm -rf "$dir"
mkdir -p "$dir/run" "$dir/log"
samba-tool domain provision --targetdir="$dir" --realm=SAMDOM.EXAMPLE.TEST --domain=SAMDOM \
  --server-role=dc --dns-backend=NONE --adminpass="$adminpass" --host-name=dc1 --host-ip=127.0.0.1 \
  --use-rfc2307 \
  --option="interfaces=127.0.0.1" --option="bind interfaces only=yes" \
  --option="pid directory=$dir/run" --option="log file=$dir/log/log.%m" \
  --option="ncalrpc dir=$dir/run/ncalrpc" --option="winbindd socket directory=$dir/run/winbindd" \
  >"$dir/log/provision.log" 2>&1 || { tail -20 "$dir/log/provision.log" >&2; exit 1; }
sed -i -e '/^[[:space:]]*server services[[:space:]]*=/d' \
  -e 's/^\[global\]$/[global]\n\tserver services = ldap\n\tldap server require strong auth = no/' "$dir/etc/smb.conf"
grep -q "server services = ldap" "$dir/etc/smb.conf" || { echo "provision.sh: could not edit $dir/etc/smb.conf" >&2; exit 1; }
samba-tool domain passwordsettings set -s "$dir/etc/smb.conf" --min-pwd-age=0 --max-pwd-age=0 --history-length=0 \
  >"$dir/log/passwordsettings.log" 2>&1 || { cat "$dir/log/passwordsettings.log" >&2; exit 1; }
