using System.Text.Json;
using Microsoft.Extensions.Logging;
using Trellis.Hosting.Logging;

namespace Trellis.Hosting.Tests.Logging;

public sealed class LogMonitorTests
{
    private static async Task<List<string>> TakeAsync(IAsyncEnumerator<string> lines, int count)
    {
        var taken = new List<string>();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (taken.Count < count)
        {
            var next = lines.MoveNextAsync().AsTask();
            Assert.Same(next, await Task.WhenAny(next, Task.Delay(Timeout.Infinite, bound.Token)));
            Assert.True(await next);
            taken.Add(lines.Current);
        }

        return taken;
    }

    [Fact]
    public async Task Read_LinesAtOrAboveTheReadersLevel_InTextAndJson()
    {
        using var monitor = new LogMonitor();
        var logger = monitor.CreateLogger("Trellis.Test");
        using var stop = new CancellationTokenSource();
        await using var debug = monitor.ReadAsync(LogLevel.Debug, json: false, stop.Token).GetAsyncEnumerator();
        await using var warn = monitor.ReadAsync(LogLevel.Warning, json: true, stop.Token).GetAsyncEnumerator();

        // Readers are attached as soon as ReadAsync returns: lines logged before the first MoveNext are kept.
        Assert.Equal(2, monitor.ReaderCount);
        logger.LogDebug("before reading");
        var firstDebug = debug.MoveNextAsync().AsTask();
        var firstWarn = warn.MoveNextAsync().AsTask();
        Assert.True(await firstDebug);
        Assert.EndsWith("before reading", debug.Current, StringComparison.Ordinal);
        firstDebug = debug.MoveNextAsync().AsTask();

        logger.LogTrace("too fine");
        logger.LogDebug("debug line");
        logger.LogWarning(new InvalidOperationException("boom"), "warn line");

        Assert.True(await firstDebug);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT[\d:.]+Z \[DEBUG\] Trellis\.Test: debug line$", debug.Current);
        Assert.Matches(@"\[WARN\]  Trellis\.Test: warn line: boom$", (await TakeAsync(debug, 1))[0]);

        Assert.True(await firstWarn);
        using var json = JsonDocument.Parse(warn.Current);
        Assert.Equal(("warn", "warn line: boom", "Trellis.Test"),
            (json.RootElement.GetProperty("@level").GetString(), json.RootElement.GetProperty("@message").GetString(), json.RootElement.GetProperty("@module").GetString()));

        await stop.CancelAsync();
        Assert.False(await debug.MoveNextAsync());
        Assert.False(await warn.MoveNextAsync());
        Assert.Equal(0, monitor.ReaderCount);
        Assert.False(logger.IsEnabled(LogLevel.Error));
    }

    [Fact]
    public async Task Read_SlowReader_LosesLinesAndIsToldHowMany()
    {
        using var monitor = new LogMonitor();
        var logger = monitor.CreateLogger("Trellis.Test");
        using var stop = new CancellationTokenSource();
        await using var reader = monitor.ReadAsync(LogLevel.Information, json: false, stop.Token).GetAsyncEnumerator();
        Assert.Equal(1, monitor.ReaderCount);

        // Nothing reads while the lines are written (the reader is attached but not enumerated yet), so exactly the
        // buffer's worth is kept.
        var total = LogMonitor.ReaderBuffer + 100;
        for (var i = 0; i < total; i++)
        {
            logger.LogInformation("line {Number}", i);
        }

        Assert.True(await reader.MoveNextAsync());
        Assert.EndsWith("line 0", reader.Current, StringComparison.Ordinal);

        // Every buffered line in order, then the notice of what was lost after them, then new lines again.
        var buffered = await TakeAsync(reader, LogMonitor.ReaderBuffer - 1);
        Assert.EndsWith($"line {LogMonitor.ReaderBuffer - 1}", buffered[^1], StringComparison.Ordinal);
        var notice = (await TakeAsync(reader, 1))[0];
        Assert.Contains($"Monitor dropped {total - LogMonitor.ReaderBuffer} logs during monitor request", notice, StringComparison.Ordinal);
        logger.LogInformation("after");
        Assert.EndsWith("after", (await TakeAsync(reader, 1))[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_CancelledWithoutEverEnumerating_Detaches()
    {
        using var monitor = new LogMonitor();
        using var stop = new CancellationTokenSource();
        _ = monitor.ReadAsync(LogLevel.Information, json: false, stop.Token);
        Assert.Equal(1, monitor.ReaderCount);

        await stop.CancelAsync();

        Assert.Equal(0, monitor.ReaderCount);
        Assert.False(monitor.CreateLogger("x").IsEnabled(LogLevel.Critical));
    }

    [Fact]
    public void Logger_NoReaders_IsDisabledAndFormatsNothing()
    {
        using var monitor = new LogMonitor();
        var logger = monitor.CreateLogger("x");
        var formatted = false;

        logger.Log(LogLevel.Critical, default, "state", null, (_, _) => { formatted = true; return "m"; });

        Assert.False(logger.IsEnabled(LogLevel.Critical));
        Assert.False(formatted);
    }
}
