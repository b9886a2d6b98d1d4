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

    /// <summary>
    /// A client whose agent answered (Consul's verbs that act on the agent first ask it its node name): null after
    /// printing "Error connecting to Consul agent" or "Error querying Consul agent" as Consul does.
    /// </summary>
    public static async Task<TrellisClient?> TryConnectAsync(HttpFlags http, CommandIo io, CancellationToken cancellationToken)
    {
        var client = TryCreateClient(http, io);
        if (client is null)
        {
            return null;
        }

        try
        {
            await client.Agent.NodeNameAsync(cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch (Exception ex) when (Is(ex))
        {
            io.Error.WriteLine($"Error querying Consul agent: {ex.Message}");
            client.Dispose();
            return null;
        }
    }
}
