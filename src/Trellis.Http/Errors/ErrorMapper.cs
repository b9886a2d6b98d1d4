using Microsoft.AspNetCore.Http;
using Trellis.Core.Errors;

namespace Trellis.Http.Errors;

/// <summary>The one place typed errors become HTTP status codes (the body is always the exception's message).</summary>
/// <remarks>Stateless; safe from any thread.</remarks>
public static class ErrorMapper
{
    public static int StatusFor(Exception error) => error switch
    {
        InvalidRequestException => StatusCodes.Status400BadRequest,
        PermissionDeniedException => StatusCodes.Status403Forbidden,
        NotFoundException => StatusCodes.Status404NotFound,
        MethodNotAllowedException => StatusCodes.Status405MethodNotAllowed,
        ConflictException => StatusCodes.Status409Conflict,
        RequestTooLargeException => StatusCodes.Status413PayloadTooLarge,
        NoLeaderException => StatusCodes.Status500InternalServerError,
        // Consul compat: any other error is a 500 whose body is the error text.
        _ => StatusCodes.Status500InternalServerError,
    };
}
