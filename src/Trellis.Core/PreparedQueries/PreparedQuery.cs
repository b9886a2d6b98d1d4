namespace Trellis.Core.PreparedQueries;

/// <summary>
/// A prepared query as stored and returned by <c>/v1/query</c> (Consul's <c>structs.PreparedQuery</c>; same field
/// names and order). A query with a <see cref="Template"/> type is a template matched by name prefix.
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record PreparedQuery
{
    /// <summary>A UUID assigned by the server on create.</summary>
    public string ID { get; init; } = "";

    /// <summary>Optional friendly name, unique case-insensitively; for a template, the prefix it matches.</summary>
    public string Name { get; init; } = "";

    /// <summary>Optional session: the query is deleted when the session is invalidated.</summary>
    public string Session { get; init; } = "";

    /// <summary>The token the query runs with (stored, not yet used: no ACL system).</summary>
    public string Token { get; init; } = "";

    public QueryTemplateOptions Template { get; init; } = new();

    public ServiceQuery Service { get; init; } = new();

    public QueryDnsOptions DNS { get; init; } = new();

    public ulong CreateIndex { get; init; }

    public ulong ModifyIndex { get; init; }

    /// <summary>Whether this query is a template (its <see cref="QueryTemplateOptions.Type"/> is set).</summary>
    public bool IsTemplate() => !string.IsNullOrEmpty(Template?.Type);
}
