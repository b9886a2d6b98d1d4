using Trellis.Http.Requests;
using Trellis.Http.Responses;

namespace Trellis.Http.Routing;

/// <summary>One row of the route table: a path pattern, the methods it allows and its handler.</summary>
public sealed record ApiRoute(string Pattern, IReadOnlyList<string> Methods, Func<ApiRequest, Task<ApiResult>> Handler);
