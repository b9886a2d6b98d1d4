namespace Trellis.Core.PreparedQueries;

/// <summary>The body <c>POST /v1/query</c> answers: the new query's ID.</summary>
public sealed record PreparedQueryIdResponse(string ID);
