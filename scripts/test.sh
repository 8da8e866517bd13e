#!/usr/bin/env bash
# Runs every test on a fresh Debian machine with the .NET SDK: installs what the tests need
# (Debian's Chromium for the browser tests), builds with zero warnings, runs all three test projects.
# Results (TRX per test project) land in TestResults/.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium from Debian for the browser tests..."
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi

rm -rf TestResults
dotnet build AdminPortal.sln -warnaserror
dotnet test --solution AdminPortal.sln --no-build \
  --results-directory "$PWD/TestResults" --report-xunit-trx "$@"
