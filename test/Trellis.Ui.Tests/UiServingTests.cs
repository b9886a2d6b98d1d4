using System.Net;
using Trellis.TestKit;

namespace Trellis.Ui.Tests;

/// <summary>How a real agent serves the UI over HTTP: redirects, the shell, assets, caching and ui_config.</summary>
public sealed class UiServingTests
{
    private static HttpClient Client(TrellisAgent agent) =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = agent.HttpUri, Timeout = TimeSpan.FromSeconds(20) };

    private static string AssetPath(string html)
    {
        var start = html.IndexOf("/ui/assets/", StringComparison.Ordinal);
        Assert.True(start >= 0, "index.html references no /ui/assets/ file: " + html);
        var end = html.IndexOf('"', start);
        return html[start..end];
    }

    [Fact]
    public async Task DevAgent_Root_Redirects301ToUi()
    {
        await using var agent = await TrellisAgent.StartAsync();
        using var http = Client(agent);

        using var root = await http.GetAsync("/");
        using var bare = await http.GetAsync("/ui?dc=dc1");

        Assert.Equal(HttpStatusCode.MovedPermanently, root.StatusCode);
        Assert.Equal("/ui/", root.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.MovedPermanently, bare.StatusCode);
        Assert.Equal("/ui/?dc=dc1", bare.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task DevAgent_UiShellAssetsAndAppRoutes_AreServedWithCaching()
    {
        await using var agent = await TrellisAgent.StartAsync();
        using var http = Client(agent);

        using var shell = await http.GetAsync("/ui/");
        var html = await shell.Content.ReadAsStringAsync();
        using var route = await http.GetAsync("/ui/dc1/services/web");
        var asset = AssetPath(html);
        using var js = await http.GetAsync(asset);
        using var missing = await http.GetAsync("/ui/assets/nope.js");
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, asset);
        revalidate.Headers.TryAddWithoutValidation("If-None-Match", js.Headers.ETag?.ToString());
        using var notModified = await http.SendAsync(revalidate);

        Assert.Equal(HttpStatusCode.OK, shell.StatusCode);
        Assert.Equal("text/html", shell.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<div id=\"root\">", html, StringComparison.Ordinal);
        Assert.Equal("no-cache", shell.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.OK, route.StatusCode);
        Assert.Equal(html, await route.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, js.StatusCode);
        Assert.Contains("immutable", js.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.True(js.Content.Headers.ContentType?.MediaType is "text/javascript" or "application/javascript");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task DevAgent_ApiPaths_StillAnswerAndUnknownPathsStill404()
    {
        await using var agent = await TrellisAgent.StartAsync();
        using var http = Client(agent);

        using var leader = await http.GetAsync("/v1/status/leader");
        using var other = await http.GetAsync("/uix/thing");

        Assert.Equal(HttpStatusCode.OK, leader.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task ContentPathFlag_ServesUiThereWithRebasedAssetUrls()
    {
        await using var agent = await TrellisAgent.StartAsync(AgentOptions.DevMode() with { ExtraArgs = ["-ui-content-path", "console"] });
        using var http = Client(agent);

        using var root = await http.GetAsync("/");
        using var shell = await http.GetAsync("/console/");
        var html = await shell.Content.ReadAsStringAsync();
        using var old = await http.GetAsync("/ui/");

        Assert.Equal("/console/", root.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, shell.StatusCode);
        Assert.Contains("content=\"/console/\"", html, StringComparison.Ordinal);
        Assert.Contains("\"/console/assets/", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\"/ui/", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        var asset = html[html.IndexOf("/console/assets/", StringComparison.Ordinal)..];
        using var js = await http.GetAsync(asset[..asset.IndexOf('"', StringComparison.Ordinal)]);
        Assert.Equal(HttpStatusCode.OK, js.StatusCode);
    }

    [Fact]
    public async Task UiDirFlag_ServesFilesFromThatDirectoryAndNothingOutsideIt()
    {
        var dir = Directory.CreateTempSubdirectory("trellis-ui-dir-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "index.html"), "<html>custom ui</html>");
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "app.css"), "body{}");
            await using var agent = await TrellisAgent.StartAsync(AgentOptions.DevMode() with { ExtraArgs = ["-ui-dir", dir.FullName] });
            using var http = Client(agent);

            using var shell = await http.GetAsync("/ui/");
            using var css = await http.GetAsync("/ui/app.css");
            using var escape = await http.GetAsync("/ui/%2e%2e/%2e%2e/etc/passwd");

            Assert.Equal("<html>custom ui</html>", await shell.Content.ReadAsStringAsync());
            Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("root:", await escape.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ServerWithoutUi_RootExplainsAndUiIs404()
    {
        await using var agent = await TrellisAgent.StartAsync(AgentOptions.ServerBootstrap());
        using var http = Client(agent);

        using var root = await http.GetAsync("/");
        using var ui = await http.GetAsync("/ui/");

        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Equal(UiEndpoints.DisabledText, await root.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, ui.StatusCode);
    }
}
