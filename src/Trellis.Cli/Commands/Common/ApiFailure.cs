using System.Text.Json;
using Trellis.Api;

namespace Trellis.Cli.Commands.Common;

/// <summary>Which exceptions of an API call a verb reports as "Error ...: message" with exit code 1.</summary>
/// <remarks>Stateless; safe from any thread.</remarks>
public static class ApiFailure
{
    /// <summary>
    /// The agent could not be reached or answered non-2xx, its answer did not parse, or the address was bad —
    /// not cancellation or programming errors.
    /// </summary>
    public static bool Is(Exception ex) =>
        ex is HttpRequestException or ApiException or JsonException or ArgumentException or FormatException
            or IOException;

    /// <summary>Creates a client, or writes Consul's "Error connecting to Consul agent" and returns null.</summary>
    public static TrellisClient? TryCreateClient(HttpFlags http, CommandIo io)
    {
        try
        {
            return http.CreateClient(io);
        }
        catch (Exception ex) when (ex is ArgumentException or UriFormatException or IOException)
        {
            io.Error.WriteLine($"Error connecting to Consul agent: {ex.Message}");
            return null;
        }
    }
}
