#!/usr/bin/env bash
# KV load: Trellis vs etcd, side by side in one run on this machine. Both are single-node and durable
# (fsync before acknowledging a write). Prints a Markdown table with the ratio; record it in docs/benchmarks.md.
#   usage: bash bench/kv-vs-etcd.sh [clients=32] [seconds=10] [value-size=128]
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${1:-32}; seconds=${2:-10}; value_size=${3:-128}

if ! command -v etcd >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq etcd-server >/dev/null
fi

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
etcd_client=$(free_port); etcd_peer=$(free_port)
http=$(free_port); server=$(free_port); dns=$(free_port)

dotnet build src/Trellis.Cli -c Release -nologo -v quiet >/dev/null
dotnet build bench/Trellis.Bench.KvLoad -c Release -nologo -v quiet >/dev/null

etcd --name bench --data-dir "$work/etcd" \
  --listen-client-urls "http://127.0.0.1:$etcd_client" --advertise-client-urls "http://127.0.0.1:$etcd_client" \
  --listen-peer-urls "http://127.0.0.1:$etcd_peer" --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer" \
  --initial-cluster "bench=http://127.0.0.1:$etcd_peer" --log-level error >"$work/etcd.log" 2>&1 &
pids+=($!)

dotnet src/Trellis.Cli/bin/Release/net10.0/trellis.dll agent -server -bootstrap -data-dir "$work/trellis" \
  -node bench -bind 127.0.0.1 -client 127.0.0.1 -http-port "$http" -server-port "$server" -dns-port "$dns" \
  -log-level warn >"$work/trellis.log" 2>&1 &
pids+=($!)

for _ in $(seq 1 60); do
  leader=$(curl -sf "http://127.0.0.1:$http/v1/status/leader" || true)
  health=$(curl -sf "http://127.0.0.1:$etcd_client/health" || true)
  if [ -n "$leader" ] && [ "$leader" != '""' ] && [[ "$health" == *true* ]]; then break; fi
  sleep 0.5
done

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; etcd $(etcd --version | head -1 | awk '{print $3}'); trellis $(git rev-parse --short HEAD)"
dotnet bench/Trellis.Bench.KvLoad/bin/Release/net10.0/Trellis.Bench.KvLoad.dll \
  --trellis="http://127.0.0.1:$http" --etcd="http://127.0.0.1:$etcd_client" \
  --clients="$clients" --seconds="$seconds" --value-size="$value_size"
