namespace Trellis.Hosting.Configuration;

/// <summary>
/// A configuration that cannot be used: a file that does not parse, an unknown key, a value of the wrong type or
/// range, or a merged configuration that breaks a rule. The message is what the agent prints before exiting.
/// </summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string message)
        : base(message)
    {
    }

    public ConfigException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ConfigException(string message, string? file, int line, string? key, Exception? inner = null)
        : base(message, inner)
    {
        File = file;
        Line = line;
        Key = key;
    }

    /// <summary>The source that holds the bad setting, when one does.</summary>
    public string? File { get; }

    /// <summary>1-based line of the bad setting; 0 when unknown (flags, merged-config rules).</summary>
    public int Line { get; }

    /// <summary>Dotted config key (<c>ports.http</c>), when the error is about one.</summary>
    public string? Key { get; }
}
