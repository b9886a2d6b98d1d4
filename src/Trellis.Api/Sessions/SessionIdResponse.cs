namespace Trellis.Api.Sessions;

/// <summary>The body of <c>PUT /v1/session/create</c>'s answer: <c>{"ID": "..."}</c>.</summary>
public sealed record SessionIdResponse(string ID);
