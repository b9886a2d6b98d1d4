namespace Trellis.Http.Endpoints;

/// <summary>The body of <c>PUT /v1/session/create</c>: <c>{"ID": "..."}</c>.</summary>
public sealed record SessionCreateResponse(string ID);
