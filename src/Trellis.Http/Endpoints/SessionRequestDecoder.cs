using System.Text.Json;
using Trellis.Core.Errors;
using Trellis.Core.Formats;
using Trellis.Core.Sessions;

namespace Trellis.Http.Endpoints;

/// <summary>
/// Decodes the body of <c>/v1/session/create</c> as Consul does: field names case-insensitive, <c>LockDelay</c> as a
/// duration string or nanoseconds (values under 1000 ns taken as seconds), and the default node check
/// <c>serfHealth</c> unless the body names its checks.
/// </summary>
/// <remarks>Stateless; safe from any thread.</remarks>
internal static class SessionRequestDecoder
{
    /// <summary>Consul's default node check for sessions.</summary>
    public const string SerfHealthCheck = "serfHealth";

    private static readonly TimeSpan DefaultLockDelay = TimeSpan.FromSeconds(15);

    public static Session Decode(ReadOnlyMemory<byte> body, string defaultNode)
    {
        var session = new Session
        {
            ID = "",
            Node = defaultNode,
            LockDelay = ToNanoseconds(DefaultLockDelay),
            Behavior = SessionBehavior.Release,
            NodeChecks = [SerfHealthCheck],
        };
        if (body.IsEmpty)
        {
            return session;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException($"expected a JSON object, got {document.RootElement.ValueKind}");
            }

            var checksGiven = false;
            List<string>? nodeChecks = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var value = property.Value;
                switch (property.Name.ToLowerInvariant())
                {
                    case "name":
                        session = session with { Name = String(value) };
                        break;
                    case "node":
                        session = session with { Node = String(value) is { Length: > 0 } node ? node : defaultNode };
                        break;
                    case "lockdelay":
                        session = session with { LockDelay = LockDelay(value) };
                        break;
                    case "behavior":
                        session = session with { Behavior = Behavior(String(value)) };
                        break;
                    case "ttl":
                        session = session with { TTL = String(value) };
                        break;
                    case "checks":
                    case "nodechecks":
                        checksGiven = true;
                        nodeChecks = (nodeChecks ?? []).Concat(Strings(value)).Distinct(StringComparer.Ordinal).ToList();
                        break;
                    case "servicechecks":
                        checksGiven = true;
                        session = session with { ServiceChecks = ServiceChecks(value) };
                        break;
                }
            }

            // Consul compat: naming any checks replaces the default serfHealth check.
            return checksGiven ? session with { NodeChecks = nodeChecks ?? [] } : session;
        }
        catch (JsonException ex)
        {
            throw new InvalidRequestException("Request decode failed: " + ex.Message, ex);
        }
        catch (FormatException ex)
        {
            throw new InvalidRequestException("Request decode failed: " + ex.Message, ex);
        }
    }

    private static long LockDelay(JsonElement value)
    {
        long nanoseconds;
        if (value.ValueKind == JsonValueKind.String)
        {
            nanoseconds = ToNanoseconds(GoDuration.Parse(value.GetString()!));
        }
        else if (value.ValueKind == JsonValueKind.Number)
        {
            nanoseconds = (long)value.GetDouble();
        }
        else
        {
            throw new JsonException($"LockDelay: expected a duration, got {value.ValueKind}");
        }

        // Consul compat: a lock delay under 1000ns is taken to mean seconds.
        return nanoseconds < 1000 ? nanoseconds * 1_000_000_000 : nanoseconds;
    }

    private static SessionBehavior Behavior(string value) => value switch
    {
        "" or "release" => SessionBehavior.Release,
        "delete" => SessionBehavior.Delete,
        // Consul compat: the server rejects unknown behaviors with a 500 and this text.
        _ => throw new InvalidOperationException($"Invalid Behavior setting '{value}'"),
    };

    private static string String(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null => "",
        _ => throw new JsonException($"expected a string, got {value.ValueKind}"),
    };

    private static List<string> Strings(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => [],
        JsonValueKind.Array => value.EnumerateArray().Select(String).ToList(),
        _ => throw new JsonException($"expected an array, got {value.ValueKind}"),
    };

    /// <summary>ServiceChecks are objects <c>{"ID": "...", "Namespace": "..."}</c>; plain strings are accepted too.</summary>
    private static List<string> ServiceChecks(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => [],
        JsonValueKind.Array => value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.Object
            ? item.EnumerateObject().Where(p => p.Name.Equals("ID", StringComparison.OrdinalIgnoreCase)).Select(p => String(p.Value)).FirstOrDefault() ?? ""
            : String(item)).ToList(),
        _ => throw new JsonException($"expected an array, got {value.ValueKind}"),
    };

    private static long ToNanoseconds(TimeSpan value) => value.Ticks * 100;
}
