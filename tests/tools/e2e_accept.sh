#!/usr/bin/env bash
# Runs one of issue 6's acceptance runs (tests/Triage.Hosting.Tests/EndToEnd/AcceptanceTests.cs) against Dovecot and
# RabbitMQ on loopback and prints its figures. Needs the servers (./run.sh servers).
# Usage: tests/tools/e2e_accept.sh Throughput|Crash|BrokerOutage [MAILS]   (default 1,000 mails)
set -euo pipefail
cd "$(dirname "$0")/../.."
export TRIAGE_E2E_ACCEPTANCE=1 TRIAGE_E2E_MAILS="${2:-1000}"
dotnet build src/Triage.Cli -c Release -nologo -v quiet >/dev/null   # the crash run starts `triage run` itself
dotnet test tests/Triage.Hosting.Tests -c Release -nologo \
  --filter "FullyQualifiedName~AcceptanceTests.$1" --logger "console;verbosity=detailed" \
  | grep -E "mails|items|median|kill|broker|seed|Passed|Failed|Assert|Expected|Actual|Exception"
