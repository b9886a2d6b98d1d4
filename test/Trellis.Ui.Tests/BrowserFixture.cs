using System.Text.Json;
using Trellis.TestKit;

namespace Trellis.Ui.Tests;

/// <summary>
/// Starts one real <c>trellis agent -dev</c> (its UI on by default) on a free loopback port and runs the browser suite
/// (<c>ui/tests/run.mjs</c>: playwright-core driving Debian's chromium) against it once; each xunit test then asserts on
/// one browser test's result. Screenshots land in <c>ui/test-results/screenshots</c>.
/// </summary>
/// <remarks>Created and disposed once per test class by xunit; results are read-only afterwards.</remarks>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly TimeSpan SuiteTimeout = TimeSpan.FromMinutes(6);

    private readonly Dictionary<string, BrowserResult> _results = new(StringComparer.Ordinal);

    /// <summary>Why the suite produced no results (node or chromium missing, runner crash), or null.</summary>
    public string? SuiteFailure { get; private set; }

    public IReadOnlyDictionary<string, BrowserResult> Results => _results;

    public static string UiDir => Path.Combine(RepoLayout.RepoRoot, "ui");

    public static string ScreenshotDir => Path.Combine(UiDir, "test-results", "screenshots");

    public async Task InitializeAsync()
    {
        await using var agent = await TrellisAgent.StartAsync(AgentOptions.DevMode());
        var resultsFile = Path.Combine(agent.ScratchDir, "browser-results.json");
        ProcessResult run;
        try
        {
            run = await ProcessRunner.RunAsync(
                "node",
                [Path.Combine("tests", "run.mjs"), "--base-url", agent.HttpAddr, "--out", resultsFile, "--screenshots", ScreenshotDir],
                SuiteTimeout,
                UiDir);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            SuiteFailure = $"the browser suite did not run: {ex.Message}";
            return;
        }

        if (!File.Exists(resultsFile))
        {
            SuiteFailure = "the browser suite wrote no results (is playwright-core installed in ui/ and chromium at /usr/bin/chromium? "
                + "run scripts/install-test-deps.sh)" + Environment.NewLine + run;
            return;
        }

        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(resultsFile));
        foreach (var item in doc.RootElement.EnumerateArray())
        {
            var name = item.GetProperty("name").GetString()!;
            _results[name] = new BrowserResult(
                name,
                item.GetProperty("passed").GetBoolean(),
                item.GetProperty("error").GetString(),
                agent.Log.Tail(50));
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
