#!/usr/bin/env bash
# IMAP in, RabbitMQ out, acknowledgements off: mails/s (median of 3 runs) and time per stage. Usage: tests/tools/e2e_throughput.sh [MAILS]
exec "$(dirname "$0")/e2e_accept.sh" Throughput "$@"
