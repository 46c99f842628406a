#!/usr/bin/env bash
# RabbitMQ for the queue tests. Usage: tests/servers/rabbitmq.sh install
# Installs Debian's rabbitmq-server only when missing, and keeps the package's own broker stopped and disabled:
# the tests start throw-away brokers on 127.0.0.1 and a free port (tests/Triage.TestServers/RabbitMqServer.cs).
set -euo pipefail

stop_package_broker() {
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    systemctl disable --now rabbitmq-server >/dev/null 2>&1 || true
  fi
  # Only when the package's node runs: its stop commands go through rabbitmqctl, which starts epmd otherwise.
  if pgrep -u rabbitmq -x beam.smp >/dev/null 2>&1; then
    service rabbitmq-server stop >/dev/null 2>&1 || rabbitmqctl -q stop >/dev/null 2>&1 || true
  fi
}

case "${1:-}" in
  install)
    if ! command -v rabbitmq-server >/dev/null 2>&1 || ! command -v rabbitmqctl >/dev/null 2>&1; then
      export DEBIAN_FRONTEND=noninteractive
      # policy-rc.d exiting 101 tells invoke-rc.d not to start the service the package installs.
      policy=/usr/sbin/policy-rc.d
      if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' > "$policy"
        chmod +x "$policy"
        trap 'rm -f "$policy"' EXIT
      fi
      apt-get -o DPkg::Lock::Timeout=600 update -qq
      apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends rabbitmq-server >/dev/null
    fi
    stop_package_broker ;;
  *)
    echo "usage: $0 install" >&2
    exit 2 ;;
esac
