#!/usr/bin/env bash
# Installs Postfix (and saslpasswd2 for the SASL tests) from Debian's packages when missing.
# Usage: tests/servers/postfix.sh install   (idempotent, needs root)
#
# The tests run their own Postfix instances with a throw-away config under a temp dir
# (tests/Triage.TestServers/PostfixServer.cs). The system instance is installed unconfigured
# ("No configuration") and is never started: no listener on port 25, no /etc/postfix/main.cf.
set -euo pipefail
POLICY=/usr/sbin/policy-rc.d

install() {
  if command -v postconf >/dev/null && command -v saslpasswd2 >/dev/null; then
    return 0
  fi
  [ "$(id -u)" -eq 0 ] || { echo "postfix.sh: installing needs root" >&2; exit 1; }
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  # A policy-rc.d that refuses every start keeps the package scripts from starting the system
  # instance; an existing one (another installer's) is left alone.
  if [ ! -e "$POLICY" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$POLICY"
    chmod 755 "$POLICY"
    trap 'rm -f "$POLICY"' EXIT
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    postfix sasl2-bin libsasl2-modules ca-certificates openssl >/dev/null
  # Belt and braces: if a system instance runs anyway (a pre-existing configuration), stop it.
  if [ -e /etc/postfix/main.cf ] && postfix status >/dev/null 2>&1; then
    postfix stop >/dev/null 2>&1 || true
  fi
}

case "${1:-}" in
  install) install ;;
  *) echo "usage: $0 install" >&2; exit 2 ;;
esac
