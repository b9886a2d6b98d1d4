namespace Trellis.Core.PreparedQueries;

/// <summary>Consul's <c>QueryTemplateOptions</c>: a non-empty <see cref="Type"/> makes the query a template.</summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record QueryTemplateOptions
{
    /// <summary>The only type Consul knows.</summary>
    public const string NamePrefixMatch = "name_prefix_match";

    /// <summary>"" (not a template) or <see cref="NamePrefixMatch"/>.</summary>
    public string Type { get; init; } = "";

    /// <summary>Optional regular expression run on the full name; its groups are <c>${match(N)}</c>.</summary>
    public string Regexp { get; init; } = "";

    /// <summary>Drop tags that render to "".</summary>
    public bool RemoveEmptyTags { get; init; }
}
