#!/usr/bin/env bash
# RabbitMQ down for 60 s during ingest: nothing lost, the backlog drains after it returns. Usage: tests/tools/e2e_outage.sh [MAILS]
exec "$(dirname "$0")/e2e_accept.sh" BrokerOutage "$@"
