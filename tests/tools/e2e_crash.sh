#!/usr/bin/env bash
# kill -9 of `triage run` at random moments 10 times while it ingests, then checks nothing was lost. Usage: tests/tools/e2e_crash.sh [MAILS]
exec "$(dirname "$0")/e2e_accept.sh" Crash "$@"
