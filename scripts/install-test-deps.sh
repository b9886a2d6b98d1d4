#!/usr/bin/env bash
# Installs what the test suite needs beyond the .NET SDK: third-party Consul clients for test/Trellis.CompatTests.
# Idempotent; run as root on Debian (CI does), or as a user with sudo.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -f test/Trellis.CompatTests/js/package.json ] && command -v npm >/dev/null 2>&1; then
  (cd test/Trellis.CompatTests/js && npm ci --no-audit --no-fund --loglevel=error)
fi
