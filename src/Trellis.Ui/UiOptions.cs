namespace Trellis.Ui;

/// <summary>
/// How the agent serves the web UI (Consul's <c>ui_config</c>): whether at all, under which HTTP path, and from where —
/// the assets embedded in this assembly, or a directory (<c>ui_config.dir</c> / <c>-ui-dir</c>).
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record UiOptions
{
    /// <summary>The HTTP path the UI is built for and served from by default.</summary>
    public const string DefaultContentPath = "/ui/";

    /// <summary><c>ui_config.enabled</c> (<c>-ui</c>, on in <c>-dev</c>).</summary>
    public bool Enabled { get; init; }

    /// <summary><c>ui_config.content_path</c> (<c>-ui-content-path</c>): the HTTP path of the UI, <c>/ui/</c> by default.</summary>
    public string ContentPath { get; init; } = DefaultContentPath;

    /// <summary><c>ui_config.dir</c> (<c>-ui-dir</c>): a directory with an <c>index.html</c> served instead of the embedded build.</summary>
    public string? Dir { get; init; }

    /// <summary>
    /// Consul compat: a content path always starts and ends with a slash (<c>dashboard</c> becomes <c>/dashboard/</c>).
    /// </summary>
    public static string NormalizeContentPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var trimmed = path.Trim('/');
        return trimmed.Length == 0 ? "/" : "/" + trimmed + "/";
    }
}
