#!/usr/bin/env bash
# Thin wrapper over dotnet for the common jobs. Usage: ./run.sh demo|test|servers|fuzz|models|bench|build
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
CONFIG=Release
TRIAGE="dotnet src/Triage.Cli/bin/$CONFIG/net10.0/triage.dll"

need_dotnet() {
  command -v dotnet >/dev/null || { echo "run.sh: the .NET 10 SDK is required (https://dot.net); dotnet is not on PATH" >&2; exit 2; }
}

# Installs what the tests need: python3 (shared tools) and every real server in tests/servers/.
servers() {
  command -v python3 >/dev/null || { apt-get update -qq && apt-get install -y -qq python3 >/dev/null; }
  for script in tests/servers/*.sh; do
    [ -e "$script" ] && bash "$script" install
  done
  return 0
}

build() {
  need_dotnet
  dotnet build Triage.sln -c "$CONFIG" -nologo -v quiet "$@" | grep -vE '^\s*$|Time Elapsed|Build succeeded|Warning\(s\)|Error\(s\)' || true
  test "${PIPESTATUS[0]}" -eq 0
}

case "${1:-}" in
  build)
    build ;;
  servers)
    servers ;;
  demo)
    build
    $TRIAGE parse samples-mail/*.eml --out out/parsed --table
    $TRIAGE inspect samples-mail/*.eml --format table
    # The whole pipeline on the same mail: tickets in out/demo-data/triage.db, events in out/demo-data/spool/.
    rm -rf out/demo-data
    $TRIAGE ingest samples-mail --data out/demo-data ;;
  test)
    # Installs what the tests need, then runs every test project and prints one closing line.
    need_dotnet
    servers
    build
    log=$(mktemp)
    set +e
    dotnet test Triage.sln -c "$CONFIG" --no-build -nologo -v quiet 2>&1 | tee "$log"
    status=${PIPESTATUS[0]}
    set -e
    # dotnet test prints one summary per assembly: sum them into the plain closing line CI reads.
    awk '/(Passed|Failed)!/ {
           for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1));
             if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
         END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
    rm -f "$log"
    exit "$status" ;;
  fuzz)
    # Mutation fuzzing of the MIME parser over the shared corpus, outside the unit suite.
    build
    TRIAGE_FUZZ_COUNT="${2:-100000}" dotnet test tests/Triage.Mime.Tests -c "$CONFIG" --no-build -nologo \
      --filter "Category=Fuzz" --logger "console;verbosity=detailed" ;;
  models)
    # Retrains the shipped models from models/training (and lingua's word lists) into models/, or into $2.
    # Shipped models record the time of the training data's last commit (models/created-epoch).
    build
    if [ -z "${2:-}" ]; then
      git log -1 --format=%ct -- models/training > models/created-epoch 2>/dev/null || date +%s > models/created-epoch
    fi
    models/train.sh "$TRIAGE" "${2:-models}" ;;
  bench)
    build
    shift
    $TRIAGE bench "$@" ;;
  *)
    echo "usage: ./run.sh demo | test | servers | fuzz [COUNT] | models [OUTDIR] | bench parse DIR | build" >&2
    exit 2 ;;
esac
