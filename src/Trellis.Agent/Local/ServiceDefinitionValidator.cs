using System.Net;
using System.Text.RegularExpressions;
using Trellis.Agent.Checks;
using Trellis.Core.Catalog;
using Trellis.Core.Checks;
using Trellis.Core.Services;

namespace Trellis.Agent.Local;

/// <summary>
/// Consul's checks of <c>PUT /v1/agent/service/register</c> and <c>/v1/agent/check/register</c>, in Consul's order and
/// with its texts: name, address, weights, meta, kind, then each check. Returns the error text or null.
/// </summary>
/// <remarks>Stateless; thread-safe.</remarks>
public static partial class ServiceDefinitionValidator
{
    /// <summary>Consul's text when a check of a service carries a status that is not one.</summary>
    public const string BadServiceCheckStatus = "Status for checks must 'passing', 'warning', 'critical'";


    public static string? ValidateService(ServiceDefinition service)
    {
        if (string.IsNullOrEmpty(service.Name))
        {
            return "Missing service name";
        }

        if (IsAnyAddress(service.Address))
        {
            return "Invalid service address";
        }

        if (service.Weights is { } w)
        {
            if (w.Passing < 1)
            {
                return "Invalid Weights: Passing must be greater than 0";
            }

            if (w.Warning < 0)
            {
                return "Invalid Weights: Warning must be greater or equal than 0";
            }
        }

        var meta = MetadataValidator.Validate(service.Meta, allowConsulPrefix: false);
        if (meta is not null)
        {
            return "Invalid Service Meta: " + meta;
        }

        if (!ServiceKinds.IsValid(service.Kind))
        {
            return $"Validation failed: invalid service kind: \"{service.Kind}\"";
        }

        if (service.Kind == ServiceKinds.ConnectProxy && string.IsNullOrEmpty(service.Proxy?.DestinationServiceName))
        {
            return "Validation failed: Proxy.DestinationServiceName must be non-empty for Connect proxy services";
        }

        if (service.Port is < 0 or > 65535)
        {
            return $"Validation failed: invalid service port: {service.Port}";
        }

        foreach (var check in ServiceChecks(service))
        {
            var error = CheckDefinitionValidator.Validate(check with { Status = null });
            if (error is not null)
            {
                return "Invalid check: " + error;
            }
        }

        foreach (var check in ServiceChecks(service))
        {
            if (!string.IsNullOrEmpty(check.Status) && !HealthStatus.IsValid(check.Status))
            {
                return BadServiceCheckStatus;
            }
        }

        return null;
    }

    /// <summary>The checks of <c>/v1/agent/check/register</c>: name, status, then the check itself ("Invalid check: …").</summary>
    public static string? ValidateCheck(CheckDefinition check)
    {
        if (string.IsNullOrEmpty(check.Name))
        {
            return "Missing check name";
        }

        if (!string.IsNullOrEmpty(check.Status) && !HealthStatus.IsValid(check.Status))
        {
            return "Bad check status";
        }

        var error = CheckDefinitionValidator.Validate(check);
        return error is null ? null : "Invalid check: " + error;
    }

    /// <summary>A service's <c>check</c> (unless empty) followed by its <c>checks</c>.</summary>
    public static IReadOnlyList<CheckDefinition> ServiceChecks(ServiceDefinition service)
    {
        var list = new List<CheckDefinition>();
        if (service.Check is not null && !IsEmpty(service.Check))
        {
            list.Add(service.Check);
        }

        list.AddRange((service.Checks ?? []).Where(c => c is not null));
        return list;
    }

    /// <summary>Consul's <c>CheckType.Empty</c>: a check block that sets nothing is no check.</summary>
    public static bool IsEmpty(CheckDefinition check) => check == new CheckDefinition()
        || DefinitionJson.Canonical(check) == DefinitionJson.Canonical(new CheckDefinition());

    private static bool IsAnyAddress(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return false;
        }

        var trimmed = address.Trim('[', ']');
        return IPAddress.TryParse(trimmed, out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any));
    }

}
