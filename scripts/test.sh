#!/usr/bin/env bash
# Runs every test on a fresh Debian machine with the .NET SDK: installs what the tests need
# (Debian's Chromium for the browser tests, Debian's PostgreSQL for the integration suite's second run),
# builds with zero warnings, runs all test projects, then the integration suite again on a throwaway
# PostgreSQL cluster (scripts/throwaway-postgres.sh), removed at the end even when tests fail.
# Results (TRX per test run) land in TestResults/. ADMINPORTAL_SKIP_POSTGRES=1 skips the second run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/throwaway-postgres.sh

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium from Debian for the browser tests..."
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi

rm -rf TestResults
dotnet build AdminPortal.sln -warnaserror
status=0
dotnet test --solution AdminPortal.sln --no-build \
  --results-directory "$PWD/TestResults" --report-xunit-trx "$@" || status=$?

if [ "${ADMINPORTAL_SKIP_POSTGRES:-}" != "1" ]; then
  trap stop_throwaway_postgres EXIT
  start_throwaway_postgres
  echo "Integration tests on PostgreSQL..."
  artifacts/bin/AdminPortal.IntegrationTests/debug/AdminPortal.IntegrationTests -noLogo \
    -result-trx "$PWD/TestResults/AdminPortal.IntegrationTests.postgres.trx" || status=$?
  stop_throwaway_postgres
fi
exit "$status"
