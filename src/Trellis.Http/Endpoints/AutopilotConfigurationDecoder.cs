using System.Globalization;
using System.Text.Json;
using Trellis.Core.Errors;
using Trellis.Core.Formats;
using Trellis.Core.Operator;

namespace Trellis.Http.Endpoints;

/// <summary>
/// Reads the body of <c>PUT /v1/operator/autopilot/configuration</c> as Consul does: field names in any case, a field
/// left out is its zero value (false, 0, "0s", "" — not the defaults an agent config gets), durations as Go duration
/// strings or nanosecond numbers. Bad input is a 400 "Error parsing autopilot config: …".
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
internal static class AutopilotConfigurationDecoder
{
    private const string Prefix = "Error parsing autopilot config: ";

    public static AutopilotConfiguration Decode(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.IsEmpty ? "{}"u8.ToArray() : body.ToArray());
        }
        catch (JsonException ex)
        {
            throw new InvalidRequestException(Prefix + ex.Message, ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidRequestException(Prefix + "expected a JSON object");
            }

            // Consul compat: Go's decoder leaves an absent field at its zero value.
            var config = new AutopilotConfiguration
            {
                CleanupDeadServers = false,
                LastContactThreshold = "0s",
                MaxTrailingLogs = 0,
                ServerStabilizationTime = "0s",
            };
            foreach (var property in document.RootElement.EnumerateObject())
            {
                config = Apply(config, property);
            }

            return config;
        }
    }

    private static AutopilotConfiguration Apply(AutopilotConfiguration config, JsonProperty property)
    {
        var value = property.Value;
        try
        {
            return property.Name.ToLowerInvariant() switch
            {
                "cleanupdeadservers" => config with { CleanupDeadServers = value.GetBoolean() },
                "lastcontactthreshold" => config with { LastContactThreshold = Duration(value) },
                "maxtrailinglogs" => config with { MaxTrailingLogs = value.GetUInt64() },
                "minquorum" => config with { MinQuorum = value.GetUInt32() },
                "serverstabilizationtime" => config with { ServerStabilizationTime = Duration(value) },
                "redundancyzonetag" => config with { RedundancyZoneTag = value.GetString() ?? "" },
                "disableupgrademigration" => config with { DisableUpgradeMigration = value.GetBoolean() },
                "upgradeversiontag" => config with { UpgradeVersionTag = value.GetString() ?? "" },
                _ => config, // CreateIndex, ModifyIndex and unknown fields are ignored, as Go's decoder ignores them.
            };
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            throw new InvalidRequestException($"{Prefix}json: cannot decode {property.Name} from {value.ValueKind}", ex);
        }
    }

    private static string Duration(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            return GoDuration.Format(TimeSpan.FromTicks(value.GetInt64() / 100));
        }

        var text = value.GetString() ?? "";
        return GoDuration.TryParse(text, out var parsed)
            ? GoDuration.Format(parsed)
            : throw new InvalidRequestException($"{Prefix}time: invalid duration {string.Create(CultureInfo.InvariantCulture, $"\"{text}\"")}");
    }
}
