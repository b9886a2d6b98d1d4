using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Trellis.Ui;

/// <summary>
/// Maps the web UI onto the agent's HTTP listener the way Consul does: <c>/</c> answers 301 to the content path
/// (<c>/ui/</c> by default; a plain note when the UI is disabled), the path without its slash answers 301 to it, and
/// <c>/ui/…</c> serves the static files, falling back to <c>index.html</c> for the single-page app's own routes
/// (<c>/ui/dc1/services/web</c>).
/// </summary>
/// <remarks>
/// The assets are built for <see cref="UiOptions.DefaultContentPath"/>; for another content path the shell
/// (<c>index.html</c>) is rewritten once at start so its asset URLs and the app's base point there.
/// </remarks>
public static class UiEndpoints
{
    /// <summary>Consul compat: the body of <c>GET /</c> when the UI is disabled.</summary>
    public const string DisabledText =
        "Consul Agent: UI disabled. To enable, set ui_config.enabled=true in the agent configuration and restart.";

    private const string AssetsPrefix = "assets/";

    /// <summary>Maps <c>/</c> always, and the content path (<c>/ui/{**path}</c>) when <see cref="UiOptions.Enabled"/>.</summary>
    public static IEndpointRouteBuilder MapTrellisUi(this IEndpointRouteBuilder endpoints, UiOptions options, UiContent? content = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            endpoints.Map("/", context =>
            {
                context.Response.ContentType = "text/plain; charset=utf-8";
                return context.Response.WriteAsync(DisabledText, context.RequestAborted);
            });
            return endpoints;
        }

        content ??= options.Dir is { Length: > 0 } dir ? UiContent.FromDirectory(dir) : UiContent.Embedded;
        var prefix = UiOptions.NormalizeContentPath(options.ContentPath);
        if (prefix != UiOptions.DefaultContentPath)
        {
            content = new RebasedContent(content, prefix);
        }

        // Consul compat: 301 Moved Permanently from / and from the path without its slash (Go's ServeMux adds it).
        if (prefix != "/")
        {
            endpoints.Map("/", context => context.Request.Path.Value is "/" or "" ? Redirect(context, prefix) : NotFound(context));
        }

        // Routing ignores a trailing slash, so this one pattern matches both /ui and /ui/...; the handler tells them apart.
        endpoints.MapMethods(prefix + "{**path}", [HttpMethods.Get, HttpMethods.Head], context =>
            context.Request.Path.Value is { } requested && !requested.EndsWith('/') && requested.Length == prefix.Length - 1
                ? Redirect(context, prefix)
                : ServeAsync(context, content));
        return endpoints;
    }

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private static Task Redirect(HttpContext context, string location)
    {
        context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
        context.Response.Headers.Location = location + context.Request.QueryString;
        return Task.CompletedTask;
    }

    private static async Task ServeAsync(HttpContext context, UiContent content)
    {
        var path = (context.Request.RouteValues["path"] as string ?? "").TrimStart('/');
        var file = path.Length == 0 ? null : content.Find(path);
        var isAsset = path.StartsWith(AssetsPrefix, StringComparison.Ordinal);
        if (file is null && !isAsset)
        {
            // The single-page app's routes all answer with its shell.
            file = content.Find("index.html");
            isAsset = false;
        }

        var response = context.Response;
        if (file is null)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync(path.Length == 0 || !isAsset
                ? "The web UI is not built: run npm --prefix ui ci && npm --prefix ui run build, then rebuild the agent.\n"
                : "404 page not found\n", context.RequestAborted);
            return;
        }

        response.Headers.ETag = file.ETag;
        response.Headers.XContentTypeOptions = "nosniff";
        // Vite names every asset by its content hash, so those never change; the shell is revalidated each time.
        response.Headers.CacheControl = isAsset ? "public, max-age=31536000, immutable" : "no-cache";
        if (context.Request.Headers.IfNoneMatch.Contains(file.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.ContentType = file.ContentType;
        response.ContentLength = file.Content.Length;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await response.Body.WriteAsync(file.Content, context.RequestAborted);
    }

    /// <summary>Serves the shell with every <c>"/ui/</c> URL pointed at another content path.</summary>
    private sealed class RebasedContent(UiContent inner, string prefix) : UiContent
    {
        private readonly Lazy<UiFile?> _index = new(() =>
        {
            var index = inner.Find("index.html");
            if (index is null)
            {
                return null;
            }

            var html = System.Text.Encoding.UTF8.GetString(index.Content.Span)
                .Replace("\"" + UiOptions.DefaultContentPath, "\"" + prefix, StringComparison.Ordinal);
            return Create("index.html", System.Text.Encoding.UTF8.GetBytes(html));
        });

        public override UiFile? Find(string path) => path == "index.html" ? _index.Value : inner.Find(path);
    }
}
