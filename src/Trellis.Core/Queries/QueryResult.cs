namespace Trellis.Core.Queries;

/// <summary>A read's value together with its <see cref="QueryMeta"/>.</summary>
public sealed record QueryResult<T>(T Value, QueryMeta Meta);
