#!/usr/bin/env bash
# Installs what the test suite needs beyond the .NET SDK: third-party Consul clients for test/Trellis.CompatTests
# (the npm package 'consul', version pinned in test/Trellis.CompatTests/js/package-lock.json).
# Idempotent; run as root on Debian (CI does), or as a user with sudo.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v npm >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq nodejs npm
  else
    echo "install-test-deps: node and npm are required for test/Trellis.CompatTests" >&2
    exit 1
  fi
fi

(cd test/Trellis.CompatTests/js && npm ci --no-audit --no-fund --loglevel=error)
