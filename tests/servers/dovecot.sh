#!/usr/bin/env bash
# Dovecot IMAP for the Triage.Imap and poller tests. Usage: dovecot.sh install
# Installs Debian's dovecot-imapd when missing (idempotent, needs root). The tests write their own
# configuration under a temp dir and start/stop their own instance; the package's service is left stopped.
set -euo pipefail

install() {
  if command -v dovecot >/dev/null 2>&1 || [ -x /usr/sbin/dovecot ]; then
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "dovecot.sh: dovecot is missing and installing it needs root (apt-get install -y dovecot-imapd)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq dovecot-imapd >/dev/null
  # The package may start the system instance; the tests never use it.
  if command -v systemctl >/dev/null 2>&1; then systemctl disable --now dovecot >/dev/null 2>&1 || true; fi
  if [ -x /etc/init.d/dovecot ]; then /etc/init.d/dovecot stop >/dev/null 2>&1 || true; fi
}

case "${1:-}" in
  install) install ;;
  *) echo "usage: $0 install" >&2; exit 2 ;;
esac
