#!/usr/bin/env bash
# The end-to-end run at full size: TRIAGE_E2E_MAILS mails (default 500) through Dovecot, the service, RabbitMQ and
# Postfix, with the per-stage timings printed. Needs the servers (./run.sh servers). Usage: tests/tools/e2e_run.sh [MAILS]
set -euo pipefail
cd "$(dirname "$0")/../.."
export TRIAGE_E2E_MAILS="${1:-500}"
dotnet test tests/Triage.Hosting.Tests -c Release -nologo \
  --filter "FullyQualifiedName~EndToEndTests" --logger "console;verbosity=detailed" \
  | grep -E "mails →|items|Passed|Failed|Assert|Expected|Actual"
