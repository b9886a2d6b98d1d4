#!/usr/bin/env bash
# DNS load: Trellis vs NSD, side by side in one run on this machine, both asked by dnsperf (Debian packages dnsperf and
# nsd). Trellis serves a dev agent's catalog (node n1..n3, service web on all three); NSD serves a static zone with
# the same names and records. Same query mix, same dnsperf settings, one after the other.
# Prints a Markdown table with the ratio; record it in docs/benchmarks.md with the load average.
#   usage: bash bench/dns-vs-nsd.sh [seconds=10] [outstanding=64] [clients=4] [warm-up seconds=3]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}; outstanding=${2:-64}; clients=${3:-4}; warmup=${4:-3}

if ! command -v dnsperf >/dev/null 2>&1 || ! command -v nsd >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq dnsperf nsd >/dev/null
fi

work=$(mktemp -d)
chmod 755 "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
http=$(free_port); server=$(free_port); dns=$(free_port); nsd_port=$(free_port)

dotnet build src/Trellis.Cli -c Release -nologo -v quiet >/dev/null

dotnet src/Trellis.Cli/bin/Release/net10.0/trellis.dll agent -dev -node bench -bind 127.0.0.1 -client 127.0.0.1 \
  -http-port "$http" -server-port "$server" -dns-port "$dns" -log-level warn >"$work/trellis.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do
  leader=$(curl -sf "http://127.0.0.1:$http/v1/status/leader" || true)
  if [ -n "$leader" ] && [ "$leader" != '""' ]; then break; fi
  sleep 0.5
done

for i in 1 2 3; do
  curl -sf -X PUT "http://127.0.0.1:$http/v1/catalog/register" -d "{\"Node\":\"n$i\",\"Address\":\"10.0.0.$i\",
    \"Service\":{\"ID\":\"web$i\",\"Service\":\"web\",\"Port\":808$i},
    \"Check\":{\"CheckID\":\"c$i\",\"Name\":\"c\",\"Status\":\"passing\",\"ServiceID\":\"web$i\"}}" >/dev/null
done

# The equivalent static zone: what Trellis answers for the same names.
cat >"$work/consul.zone" <<ZONE
\$ORIGIN consul.
\$TTL 0
@                 IN SOA ns.consul. hostmaster.consul. 1 3600 600 86400 0
@                 IN NS  bench.node.dc1.consul.
bench.node.dc1    IN A   127.0.0.1
n1.node           IN A   10.0.0.1
n2.node           IN A   10.0.0.2
n3.node           IN A   10.0.0.3
n1.node.dc1       IN A   10.0.0.1
n2.node.dc1       IN A   10.0.0.2
n3.node.dc1       IN A   10.0.0.3
web.service       IN A   10.0.0.1
web.service       IN A   10.0.0.2
web.service       IN A   10.0.0.3
web.service       IN SRV 1 1 8081 n1.node.dc1.consul.
web.service       IN SRV 1 1 8082 n2.node.dc1.consul.
web.service       IN SRV 1 1 8083 n3.node.dc1.consul.
ZONE
cat >"$work/nsd.conf" <<CONF
server:
  ip-address: 127.0.0.1@$nsd_port
  port: $nsd_port
  username: ""
  zonesdir: "$work"
  database: ""
  pidfile: "$work/nsd.pid"
  logfile: "$work/nsd.log"
  xfrdfile: "$work/xfrd.state"
  zonelistfile: "$work/zone.list"
  server-count: 1
  # NSD limits responses per client network by default (RRL); a benchmark from one address must not be throttled.
  rrl-ratelimit: 0
  rrl-whitelist-ratelimit: 0
remote-control:
  control-enable: no
zone:
  name: consul.
  zonefile: consul.zone
CONF
nsd -d -c "$work/nsd.conf" >"$work/nsd.out" 2>&1 &
pids+=($!)
sleep 1

cat >"$work/queries.txt" <<Q
web.service.consul A
web.service.consul SRV
n1.node.consul A
n2.node.dc1.consul A
missing.service.consul A
Q

for port in "$dns" "$nsd_port"; do
  if ! dig @127.0.0.1 -p "$port" web.service.consul SRV +short +tries=1 +time=3 | grep -q 808; then
    echo "server on port $port does not answer" >&2; cat "$work"/*.log "$work/nsd.out" >&2 || true; exit 1
  fi
done

run() { dnsperf -s 127.0.0.1 -p "$1" -d "$work/queries.txt" -l "${2:-$seconds}" -c "$clients" -q "$outstanding" 2>&1; }
# An unmeasured warm-up of the same load for both servers first, so .NET's tiered JIT is not compiling the query
# path inside the measured window (as in bench/kv-vs-etcd.sh).
run "$dns" "$warmup" >/dev/null
run "$nsd_port" "$warmup" >/dev/null
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
trellis_out=$(run "$dns")
nsd_out=$(run "$nsd_port")
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

qps() { awk '/Queries per second/ {print $4}' <<<"$1"; }
lat() { awk '/Average Latency/ {printf "%.3f", $4*1000}' <<<"$1"; }
lost() { awk '/Queries lost/ {print $3}' <<<"$1"; }
tq=$(qps "$trellis_out"); nq=$(qps "$nsd_out")
ratio=$(python3 -c "print(f'{$tq/$nq:.2f}')")

echo "dnsperf ${seconds}s after ${warmup}s warm-up, $clients clients, $outstanding outstanding; load average before: $load_before, after: $load_after; $(nproc) cores"
echo
echo "| server | qps | avg latency (ms) | lost |"
echo "|---|---|---|---|"
echo "| Trellis | $tq | $(lat "$trellis_out") | $(lost "$trellis_out") |"
echo "| NSD $(nsd -v 2>&1 | awk '/version/ {print $3; exit}') | $nq | $(lat "$nsd_out") | $(lost "$nsd_out") |"
echo
echo "ratio Trellis/NSD: $ratio (target >= 0.6)"
