#!/usr/bin/env bash
# Catalog scale (issue 3): one `trellis agent -dev` (in memory), 10,000 nodes and 172,000 service instances loaded
# through PUT /v1/catalog/register, then 10,000 blocking watchers on /v1/health/service/:name of a few hot services
# and the delay from a change to every watcher's answer. Prints the results; record them in docs/benchmarks.md.
#   usage: bash bench/catalog-scale.sh [extra options for the load generator, e.g. --watchers=2000 --changes=3]
set -euo pipefail
cd "$(dirname "$0")/.."

# 10,000 watchers are 10,000 sockets on each side (plus the load connections).
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

work=$(mktemp -d)
pid=""
cleanup() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
http=$(free_port); server=$(free_port); dns=$(free_port)

dotnet build src/Trellis.Cli -c Release -nologo -v quiet >/dev/null
dotnet build bench/Trellis.Bench.CatalogScale -c Release -nologo -v quiet >/dev/null

dotnet src/Trellis.Cli/bin/Release/net10.0/trellis.dll agent -dev -node bench -bind 127.0.0.1 -client 127.0.0.1 \
  -http-port "$http" -server-port "$server" -dns-port "$dns" -log-level warn >"$work/trellis.log" 2>&1 &
pid=$!

for _ in $(seq 1 120); do
  leader=$(curl -sf "http://127.0.0.1:$http/v1/status/leader" || true)
  if [ -n "$leader" ] && [ "$leader" != '""' ]; then break; fi
  sleep 0.5
done

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; trellis $(git rev-parse --short HEAD); ulimit -n $(ulimit -n)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
dotnet bench/Trellis.Bench.CatalogScale/bin/Release/net10.0/Trellis.Bench.CatalogScale.dll \
  --addr="http://127.0.0.1:$http" --pid="$pid" "$@" || status=$?
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$status" -ne 0 ]; then echo "--- agent log (tail) ---"; tail -20 "$work/trellis.log"; fi
exit "$status"
