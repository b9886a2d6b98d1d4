#!/usr/bin/env bash
# The project's test command (the README's): builds the solution and runs every test project.
# Install third-party test dependencies first with scripts/install-test-deps.sh (CI does).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build Trellis.slnx -c Release -nologo -v quiet
dotnet test Trellis.slnx -c Release --no-build -nologo "$@"
