#!/usr/bin/env bash
# Installs what the test suite needs beyond the .NET SDK: third-party Consul clients for test/Trellis.CompatTests
# (the npm package 'consul', version pinned in test/Trellis.CompatTests/js/package-lock.json), and for the web UI's
# browser tests (test/Trellis.Ui.Tests) Debian's chromium plus ui/'s npm packages (playwright-core, pinned in
# ui/package-lock.json; it drives the system chromium and downloads no browser of its own), and Debian's dnsutils (dig)
# for test/Trellis.IntegrationTests/Dns.
# Idempotent; run as root on Debian (CI does), or as a user with sudo.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
[ -x /usr/bin/chromium ] || missing+=(chromium)
# dig (Debian's dnsutils) makes some DNS assertions of test/Trellis.IntegrationTests/Dns.
command -v dig >/dev/null 2>&1 || missing+=(dnsutils)
if [ "${#missing[@]}" -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq "${missing[@]}"
  else
    echo "install-test-deps: ${missing[*]} required (node/npm for test/Trellis.CompatTests, chromium for test/Trellis.Ui.Tests, dnsutils for the DNS integration tests)" >&2
    exit 1
  fi
fi

(cd test/Trellis.CompatTests/js && npm ci --no-audit --no-fund --loglevel=error)
# PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: playwright-core never downloads browsers, but say so for any future dependency.
(cd ui && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
