using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Trellis.Core.Operator;

namespace Trellis.Cli.Commands.Operator;

/// <summary>
/// The two outputs of <c>operator autopilot state</c>: Consul's aligned text (servers and meta keys in ordinal
/// order) and the JSON Consul's client re-encodes (Go's field order, four-space indent, sorted map keys).
/// </summary>
/// <remarks>Stateless; safe from any thread.</remarks>
public static class AutopilotStateFormatter
{
    public const string Pretty = "pretty";

    public const string Json = "json";

    /// <summary>Consul's pretty text, ending in a newline.</summary>
    public static string FormatPretty(AutopilotState state)
    {
        var b = new StringBuilder();
        b.Append("Healthy:                      ").Append(Bool(state.Healthy)).Append('\n');
        b.Append("Failure Tolerance:            ").Append(Int(state.FailureTolerance)).Append('\n');
        b.Append("Optimistic Failure Tolerance: ").Append(Int(state.OptimisticFailureTolerance)).Append('\n');
        b.Append("Leader:                       ").Append(state.Leader).Append('\n');
        b.Append("Voters:\n");
        foreach (var voter in state.Voters)
        {
            b.Append("   ").Append(voter).Append('\n');
        }

        if (state.ReadReplicas is { Count: > 0 } replicas)
        {
            b.Append("Read Replicas:\n");
            foreach (var replica in replicas)
            {
                b.Append("   ").Append(replica).Append('\n');
            }
        }

        b.Append("Servers:\n");
        foreach (var (id, server) in state.Servers.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            b.Append("   ").Append(id).Append('\n');
            Field(b, "Name:            ", server.Name);
            Field(b, "Address:         ", server.Address);
            Field(b, "Version:         ", server.Version);
            Field(b, "Status:          ", server.Status);
            Field(b, "Node Type:       ", server.NodeType);
            Field(b, "Node Status:     ", server.NodeStatus);
            Field(b, "Healthy:         ", Bool(server.Healthy));
            Field(b, "Last Contact:    ", AutopilotGetConfigCommand.Duration(server.LastContact));
            Field(b, "Last Term:       ", server.LastTerm.ToString(CultureInfo.InvariantCulture));
            Field(b, "Last Index:      ", server.LastIndex.ToString(CultureInfo.InvariantCulture));
            if (IsReadReplica(server))
            {
                Field(b, "Read Replica:    ", "true");
            }

            if (server.Meta is { Count: > 0 } meta)
            {
                b.Append("      Meta\n");
                foreach (var (key, value) in meta.OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    b.Append("         ").Append(Core.Formats.GoQuote.Quote(key)).Append(": ")
                        .Append(Core.Formats.GoQuote.Quote(value)).Append('\n');
                }
            }
        }

        return b.ToString();
    }

    /// <summary>Consul's JSON (no trailing newline): the fields of Go's <c>api.AutopilotState</c> in its order.</summary>
    public static string FormatJson(AutopilotState state)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions
               {
                   Indented = true,
                   IndentSize = 4,
                   Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
               }))
        {
            w.WriteStartObject();
            w.WriteBoolean("Healthy", state.Healthy);
            w.WriteNumber("FailureTolerance", state.FailureTolerance);
            w.WriteNumber("OptimisticFailureTolerance", state.OptimisticFailureTolerance);
            w.WriteStartObject("Servers");
            foreach (var (id, server) in state.Servers.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                w.WriteStartObject(id);
                WriteServer(w, server);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteString("Leader", state.Leader);
            WriteStrings(w, "Voters", state.Voters);
            if (state.ReadReplicas is { Count: > 0 } replicas)
            {
                WriteStrings(w, "ReadReplicas", replicas);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Go's <c>time.Time</c> JSON form (RFC 3339 with the fraction's trailing zeros cut, "Z" for UTC).</summary>
    public static string GoTime(DateTimeOffset value)
    {
        var text = value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.');
        return value.Offset == TimeSpan.Zero
            ? text + "Z"
            : text + value.ToString("zzz", CultureInfo.InvariantCulture);
    }

    private static void WriteServer(Utf8JsonWriter w, AutopilotServerState server)
    {
        w.WriteString("ID", server.ID);
        w.WriteString("Name", server.Name);
        w.WriteString("Address", server.Address);
        w.WriteString("NodeStatus", server.NodeStatus);
        w.WriteString("Version", server.Version);
        w.WriteString("LastContact", AutopilotGetConfigCommand.Duration(server.LastContact));
        w.WriteNumber("LastTerm", server.LastTerm);
        w.WriteNumber("LastIndex", server.LastIndex);
        w.WriteBoolean("Healthy", server.Healthy);
        w.WriteString("StableSince", GoTime(server.StableSince));
        // Consul compat: the open-source record has no redundancy zone or upgrade version, so those omitempty
        // fields never appear, while ReadReplica is always written.
        w.WriteBoolean("ReadReplica", IsReadReplica(server));
        w.WriteString("Status", server.Status);
        if (server.Meta is null)
        {
            w.WriteNull("Meta");
        }
        else
        {
            w.WriteStartObject("Meta");
            foreach (var (key, value) in server.Meta.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                w.WriteString(key, value);
            }

            w.WriteEndObject();
        }

        w.WriteString("NodeType", server.NodeType);
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static void Field(StringBuilder b, string label, string value) =>
        b.Append("      ").Append(label).Append(value).Append('\n');

    private static bool IsReadReplica(AutopilotServerState server) =>
        string.Equals(server.NodeType, "read-replica", StringComparison.Ordinal);

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
