using System.Diagnostics;
using System.Globalization;
using Trellis.Bench.CatalogScale;

// Catalog scale: loads nodes and service instances into one agent through /v1/catalog/register, then parks blocking
// watchers on /v1/health/service/:name of a few hot services, changes one instance of a watched service at a time and
// measures, for every watcher, the delay from the change's acknowledgement to its answer. Started by
// bench/catalog-scale.sh, which also starts the agent and passes its pid (memory is read from /proc).
var options = args.Select(a => a.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].TrimStart('-'), p => p[1]);
string Opt(string name, string fallback) => options.TryGetValue(name, out var v) ? v : fallback;
int IntOpt(string name, int fallback) => int.Parse(Opt(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

var settings = new ScaleSettings(
    Nodes: IntOpt("nodes", 10_000),
    Instances: IntOpt("instances", 172_000),
    Services: IntOpt("services", 2_000),
    HotServices: IntOpt("hot", 10),
    Watchers: IntOpt("watchers", 10_000),
    Parallelism: IntOpt("parallelism", 64),
    Changes: IntOpt("changes", 5),
    WakeTimeout: TimeSpan.FromSeconds(IntOpt("wake-timeout", 60)),
    Settle: TimeSpan.FromSeconds(IntOpt("settle", 3)));
var baseAddress = new Uri(Opt("addr", "http://127.0.0.1:8500"));
var agent = new AgentProcess(IntOpt("pid", 0));
var shape = new CatalogShape(settings);

using var writeHttp = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Parallelism * 2, UseProxy = false })
{
    Timeout = TimeSpan.FromSeconds(60),
};
using var watchHttp = new HttpClient(new SocketsHttpHandler
{
    MaxConnectionsPerServer = settings.Watchers + 16,
    UseProxy = false,
    PooledConnectionIdleTimeout = TimeSpan.FromMinutes(30),
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
})
{
    Timeout = Timeout.InfiniteTimeSpan,
};

Console.WriteLine($"shape: {settings.Nodes} nodes, {settings.Instances} instances over {settings.Services} services " +
    $"({shape.PerService} instances each, ~{settings.Instances / (double)settings.Nodes:0.#} per node, one passing check each); " +
    $"{settings.Watchers} watchers over {settings.HotServices} hot services; register parallelism {settings.Parallelism}");
Console.WriteLine($"agent before load: RSS {agent.StatusMiB("VmRSS"):0} MiB");

// 1. Load.
var cpuBefore = agent.CpuSeconds();
var loader = new CatalogLoader(writeHttp, baseAddress, shape, settings);
var load = await loader.LoadAsync(CancellationToken.None);
var cpuLoad = agent.CpuSeconds() - cpuBefore;
Console.WriteLine($"load: {load.Registered} registrations in {load.Elapsed.TotalSeconds:0.0} s " +
    $"({load.Registered / load.Elapsed.TotalSeconds:0} /s), {load.Errors} errors{(load.FirstError is null ? "" : " (first: " + load.FirstError + ")")}, " +
    $"agent CPU {cpuLoad:0.0} s ({cpuLoad / load.Elapsed.TotalSeconds:0.00} cores)");
Console.WriteLine($"agent after load: RSS {agent.StatusMiB("VmRSS"):0} MiB, peak RSS {agent.StatusMiB("VmHWM"):0} MiB");

// The first write after the load, timed on its own (a service nobody watches), so that it does not hide in change 1.
{
    var firstWrite = Stopwatch.StartNew();
    await loader.RegisterAsync(shape.FirstInstanceOf(settings.Services - 1), "rev-warm", CancellationToken.None);
    Console.WriteLine($"first write after load (unwatched service): {firstWrite.Elapsed.TotalMilliseconds:0} ms");
}

// Sanity: the catalog holds what was loaded.
{
    using var services = await writeHttp.GetAsync(new Uri(baseAddress, "/v1/catalog/services"));
    var body = await services.Content.ReadAsStringAsync();
    var count = System.Text.Json.JsonDocument.Parse(body).RootElement.EnumerateObject().Count();
    using var nodes = await writeHttp.GetAsync(new Uri(baseAddress, "/v1/catalog/nodes"));
    var nodeCount = System.Text.Json.JsonDocument.Parse(await nodes.Content.ReadAsStringAsync()).RootElement.GetArrayLength();
    Console.WriteLine($"catalog: {count} service names (incl. consul), {nodeCount} nodes (incl. the agent's own)");
}

// 2. Watchers, each with the current index of its hot service.
var indexes = new ulong[settings.HotServices];
var responseBytes = 0L;
for (var h = 0; h < settings.HotServices; h++)
{
    using var response = await writeHttp.GetAsync(new Uri(baseAddress, $"/v1/health/service/{CatalogShape.ServiceName(h)}"));
    response.EnsureSuccessStatusCode();
    indexes[h] = ulong.Parse(response.Headers.GetValues("X-Consul-Index").First(), CultureInfo.InvariantCulture);
    responseBytes = (await response.Content.ReadAsByteArrayAsync()).Length;
}

Console.WriteLine($"one health/service answer: {shape.PerService} entries, {responseBytes / 1024.0:0} KiB");
using var stop = new CancellationTokenSource();
var watchers = new List<Watcher>(settings.Watchers);
var running = new List<Task>(settings.Watchers);
var openWatch = Stopwatch.StartNew();
for (var w = 0; w < settings.Watchers; w++)
{
    var h = w % settings.HotServices;
    var watcher = new Watcher(watchHttp, baseAddress, CatalogShape.ServiceName(h), h, indexes[h]);
    watchers.Add(watcher);
    running.Add(Task.Run(() => watcher.RunAsync(TimeSpan.FromMinutes(5), stop.Token)));
    if (w % 250 == 249)
    {
        await Task.Delay(20);
    }
}

await Task.Delay(settings.Settle + settings.Settle);
var parkedAt = Stopwatch.GetTimestamp();
Console.WriteLine($"watchers: {settings.Watchers} opened in {openWatch.Elapsed.TotalSeconds:0.0} s (incl. settle), " +
    $"agent RSS {agent.StatusMiB("VmRSS"):0} MiB, early answers {watchers.Sum(w => w.WakesSince(0).Count + w.Timeouts)}, " +
    $"errors {watchers.Sum(w => w.Errors)}{(watchers.FirstOrDefault(w => w.LastError is not null)?.LastError is { } err ? " (" + err + ")" : "")}");

// 3. Changes: re-register one instance of a hot service with a new tag; every watcher of that service must wake.
Console.WriteLine();
Console.WriteLine("| change | service | watchers of it | woke | p50 ms | p99 ms | max ms | other watchers woke | PUT ms | agent CPU s |");
Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
var allDelays = new List<double>();
var failed = false;
for (var c = 1; c <= settings.Changes; c++)
{
    var h = (c - 1) % settings.HotServices;
    var targets = watchers.Where(w => w.HotService == h).ToList();
    var before = Stopwatch.GetTimestamp();
    var cpu0 = agent.CpuSeconds();
    await loader.RegisterAsync(shape.FirstInstanceOf(h) + c % shape.PerService, $"rev-{c}", CancellationToken.None);
    var acked = Stopwatch.GetTimestamp();
    var deadline = Stopwatch.StartNew();
    while (deadline.Elapsed < settings.WakeTimeout && targets.Any(w => w.WakesSince(before).Count == 0))
    {
        await Task.Delay(10);
    }

    await Task.Delay(settings.Settle);
    var cpu = agent.CpuSeconds() - cpu0;
    var delays = targets.Select(w => w.WakesSince(before)).Where(ws => ws.Count > 0)
        .Select(ws => Math.Max(0, Stopwatch.GetElapsedTime(acked, ws[0]).TotalMilliseconds)).Order().ToList();
    var others = watchers.Count(w => w.HotService != h && w.WakesSince(before).Count > 0);
    allDelays.AddRange(delays);
    failed |= delays.Count != targets.Count || others != 0;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {c} | {CatalogShape.ServiceName(h)} | {targets.Count} | {delays.Count} | {Latency.Ms(Latency.Percentile(delays, 50))} | " +
        $"{Latency.Ms(Latency.Percentile(delays, 99))} | {Latency.Ms(delays.Count == 0 ? double.NaN : delays[^1])} | {others} | " +
        $"{Stopwatch.GetElapsedTime(before, acked).TotalMilliseconds:0.0} | {cpu:0.00} |"));
}

allDelays.Sort();
var sampleError = watchers.FirstOrDefault(w => w.LastError is not null)?.LastError;
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"all changes: {allDelays.Count} wakes, p50 {Latency.Ms(Latency.Percentile(allDelays, 50))} ms, p99 {Latency.Ms(Latency.Percentile(allDelays, 99))} ms, " +
    $"max {Latency.Ms(allDelays.Count == 0 ? double.NaN : allDelays[^1])} ms; wait timeouts {watchers.Sum(w => w.Timeouts)}, watcher errors {watchers.Sum(w => w.Errors)}"));
Console.WriteLine(sampleError is null ? "" : $"a watcher error: {sampleError}");
Console.WriteLine($"agent at end: RSS {agent.StatusMiB("VmRSS"):0} MiB, peak RSS {agent.StatusMiB("VmHWM"):0} MiB");

await stop.CancelAsync();
await Task.WhenAll(running);
return failed || load.Errors > 0 ? 1 : 0;
