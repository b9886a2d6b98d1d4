using System.Net;
using Trellis.Core.Catalog;
using Trellis.Core.Checks;
using Trellis.Core.Errors;

namespace Trellis.Server.Catalog;

/// <summary>
/// Checks and completes a catalog register request the way Consul's <c>Catalog.Register</c> does before proposing:
/// node name and ID, address, service ID defaulting, service name and address, check node and ID defaults.
/// </summary>
/// <remarks>Stateless; thread-safe.</remarks>
public static class RegisterValidator
{
    /// <summary>Returns the completed request or throws <see cref="InvalidRequestException"/> with Consul's text.</summary>
    /// <remarks>
    /// Consul compat: Consul answers these RPC errors with a 500; Trellis answers bad input with a 400 and the same text.
    /// </remarks>
    public static RegisterRequest Validate(RegisterRequest request, string datacenter)
    {
        if (string.IsNullOrEmpty(request.Node))
        {
            throw new InvalidRequestException("Must provide node");
        }

        ValidateNodeId(request.ID);

        if (string.IsNullOrEmpty(request.Address) && !request.SkipNodeUpdate)
        {
            throw new InvalidRequestException("Must provide address if SkipNodeUpdate is not set");
        }

        var service = request.Service is null ? null : PrepareService(request.Service) with { ModifyIndex = 0 };
        var checks = new List<HealthCheck>();
        if (request.Check is not null)
        {
            checks.Add(request.Check);
        }

        checks.AddRange((request.Checks ?? []).Where(c => c is not null));
        for (var i = 0; i < checks.Count; i++)
        {
            var c = PrepareCheck(checks[i], request.Node) with { CreateIndex = 0, ModifyIndex = 0 };
            if (!string.Equals(c.Node, request.Node, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidRequestException($"Node '{c.Node}' for check '{c.CheckID}' doesn't match register request node '{request.Node}'");
            }

            checks[i] = c;
        }

        return request with
        {
            Datacenter = string.IsNullOrEmpty(request.Datacenter) ? datacenter : request.Datacenter,
            ID = request.ID ?? "",
            Address = request.Address ?? "",
            Service = service,
            Check = null,
            Checks = checks,
        };
    }

    /// <summary>Consul's node ID rule: empty, or a UUID in its 8-4-4-4-12 form.</summary>
    public static void ValidateNodeId(string? id)
    {
        if (!string.IsNullOrEmpty(id) && !Guid.TryParseExact(id, "D", out _))
        {
            throw new InvalidRequestException(id.Length != 36
                ? "Bad node ID: uuid string is wrong length"
                : "Bad node ID: uuid is improperly formatted");
        }
    }

    /// <summary>
    /// A service as Consul's servicePreApply leaves it: ID defaulted to the name, name, kind, address and port
    /// checked, empty collections filled. Keeps <see cref="NodeService.ModifyIndex"/> (a transaction's cas index).
    /// </summary>
    public static NodeService PrepareService(NodeService service)
    {
        if (!ServiceKinds.IsValid(service.Kind))
        {
            throw new InvalidRequestException($"Invalid service kind: \"{service.Kind}\"");
        }

        if (string.IsNullOrEmpty(service.ID) && !string.IsNullOrEmpty(service.Service))
        {
            service = service with { ID = service.Service };
        }

        if (!string.IsNullOrEmpty(service.ID) && string.IsNullOrEmpty(service.Service))
        {
            throw new InvalidRequestException("Must provide service name (Service.Service) when service ID is provided");
        }

        if (string.IsNullOrEmpty(service.ID))
        {
            // Trellis refuses a service block with neither ID nor name (Consul would store a nameless service).
            throw new InvalidRequestException("Must provide service name (Service.Service) when service ID is provided");
        }

        if (IsAnyAddress(service.Address))
        {
            throw new InvalidRequestException("Invalid service address");
        }

        if (service.Kind == ServiceKinds.ConnectProxy && string.IsNullOrEmpty(service.Proxy?.DestinationServiceName))
        {
            throw new InvalidRequestException("Proxy.DestinationServiceName must be non-empty for Connect proxy services");
        }

        if (service.Port < 0 || service.Port > 65535)
        {
            throw new InvalidRequestException($"Invalid service port: {service.Port}");
        }

        return service with
        {
            Tags = service.Tags ?? [],
            Weights = service.Weights ?? ServiceWeights.Default,
            Address = service.Address ?? "",
            Kind = service.Kind ?? "",
            CreateIndex = 0,
        };
    }

    /// <summary>
    /// A check with Consul's defaults: node from <paramref name="defaultNode"/> when empty, ID from the name, empty
    /// strings for missing text, type from the definition. Throws for a bad status or a missing ID and name.
    /// </summary>
    public static HealthCheck PrepareCheck(HealthCheck check, string defaultNode)
    {
        var c = check with
        {
            Node = string.IsNullOrEmpty(check.Node) ? defaultNode : check.Node,
            CheckID = string.IsNullOrEmpty(check.CheckID) ? check.Name ?? "" : check.CheckID,
            Name = check.Name ?? "",
            Notes = check.Notes ?? "",
            Output = check.Output ?? "",
            ServiceID = check.ServiceID ?? "",
            Type = string.IsNullOrEmpty(check.Type) ? CheckType(check.Definition) : check.Type,
            Definition = check.Definition ?? new HealthCheckDefinition(),
            CreateIndex = 0,
        };
        if (!string.IsNullOrEmpty(c.Status) && !HealthStatus.IsValid(c.Status))
        {
            throw new InvalidRequestException($"Invalid check status: \"{c.Status}\"");
        }

        if (string.IsNullOrEmpty(c.CheckID))
        {
            throw new InvalidRequestException("Must provide a check ID or name");
        }

        return c;
    }

    /// <summary>Consul's check type for a catalog check, from its definition: http, tcp, udp, grpc, h2ping or "".</summary>
    private static string CheckType(HealthCheckDefinition? d) => d switch
    {
        { HTTP.Length: > 0 } => "http",
        { TCP.Length: > 0 } => "tcp",
        { UDP.Length: > 0 } => "udp",
        { GRPC.Length: > 0 } => "grpc",
        { H2PING.Length: > 0 } => "h2ping",
        _ => "",
    };

    private static bool IsAnyAddress(string? address) =>
        !string.IsNullOrEmpty(address) && IPAddress.TryParse(address.Trim('[', ']'), out var ip)
        && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any));
}
