using System.Globalization;
using Trellis.Bench.KvLoad;

// Runs the same KV load against Trellis and etcd, one after the other in one process, and prints a
// Markdown table with the ratio Trellis/etcd. Started by bench/kv-vs-etcd.sh, which also starts both servers.
var options = args.Select(a => a.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].TrimStart('-'), p => p[1]);
string Opt(string name, string fallback) => options.TryGetValue(name, out var v) ? v : fallback;

var settings = new LoadSettings(
    Clients: int.Parse(Opt("clients", "32"), CultureInfo.InvariantCulture),
    Duration: TimeSpan.FromSeconds(double.Parse(Opt("seconds", "10"), CultureInfo.InvariantCulture)),
    ValueSize: int.Parse(Opt("value-size", "128"), CultureInfo.InvariantCulture),
    KeySpace: int.Parse(Opt("keys", "1000"), CultureInfo.InvariantCulture));

// Every phase first runs unmeasured for this long: both servers (and this load generator) are measured warm, not
// while .NET's tiered JIT is still compiling the request path or Go's runtime is still growing its heap.
var warmup = TimeSpan.FromSeconds(double.Parse(Opt("warmup-seconds", "3"), CultureInfo.InvariantCulture));

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Clients * 2, UseProxy = false })
{
    Timeout = TimeSpan.FromSeconds(30),
};
IKvTarget[] targets =
[
    new TrellisTarget(http, new Uri(Opt("trellis", "http://127.0.0.1:8500"))),
    new EtcdTarget(http, new Uri(Opt("etcd", "http://127.0.0.1:2379"))),
];

var value = new byte[settings.ValueSize];
Random.Shared.NextBytes(value);
string Key(int worker, long i) => $"bench/{(worker * 7919 + i) % settings.KeySpace}";

var runner = new LoadRunner(settings);
var warmupRunner = new LoadRunner(settings with { Duration = warmup });
var results = new List<LoadResult>();
foreach (var target in targets)
{
    // Warm up and make sure every key exists before reads.
    for (var k = 0; k < settings.KeySpace; k++)
    {
        await target.PutAsync($"bench/{k}", value, CancellationToken.None);
    }

    Func<IKvTarget, int, long, CancellationToken, Task> write = (t, w, i, ct) => t.PutAsync(Key(w, i), value, ct);
    Func<IKvTarget, int, long, CancellationToken, Task> read = (t, w, i, ct) => t.GetAsync(Key(w, i), false, ct);
    Func<IKvTarget, int, long, CancellationToken, Task> consistentRead = (t, w, i, ct) => t.GetAsync(Key(w, i), true, ct);
    if (warmup > TimeSpan.Zero)
    {
        await warmupRunner.RunAsync(target, "warm-up", write);
        await warmupRunner.RunAsync(target, "warm-up", read);
        await warmupRunner.RunAsync(target, "warm-up", consistentRead);
    }

    results.Add(await runner.RunAsync(target, "write", write));
    results.Add(await runner.RunAsync(target, "read (default)", read));
    results.Add(await runner.RunAsync(target, "read (linearizable)", consistentRead));
}

Console.WriteLine($"clients={settings.Clients} seconds={settings.Duration.TotalSeconds} value-size={settings.ValueSize} keys={settings.KeySpace} warm-up={warmup.TotalSeconds}s per phase");
Console.WriteLine();
Console.WriteLine("| phase | system | ops/s | p50 ms | p99 ms | errors | ratio trellis/etcd (ops/s) |");
Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
foreach (var phase in results.Select(r => r.Phase).Distinct())
{
    var trellis = results.Single(r => r.Phase == phase && r.Target == "trellis");
    var etcd = results.Single(r => r.Phase == phase && r.Target == "etcd");
    foreach (var r in new[] { trellis, etcd })
    {
        var ratio = r == trellis ? (trellis.OpsPerSecond / etcd.OpsPerSecond).ToString("0.00", CultureInfo.InvariantCulture) + "×" : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {phase} | {r.Target} | {r.OpsPerSecond:0} | {r.P50Ms:0.00} | {r.P99Ms:0.00} | {r.Errors} | {ratio} |"));
    }
}

return results.Any(r => r.Operations == 0) ? 1 : 0;
