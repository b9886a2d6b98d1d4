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

        if (!string.IsNullOrEmpty(request.ID) && !Guid.TryParseExact(request.ID, "D", out _))
        {
            throw new InvalidRequestException(request.ID.Length != 36
                ? "Bad node ID: uuid string is wrong length"
                : "Bad node ID: uuid is improperly formatted");
        }

        if (string.IsNullOrEmpty(request.Address) && !request.SkipNodeUpdate)
        {
            throw new InvalidRequestException("Must provide address if SkipNodeUpdate is not set");
        }

        var service = request.Service;
        if (service is not null)
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

            service = service with
            {
                Tags = service.Tags ?? [],
                Weights = service.Weights ?? ServiceWeights.Default,
                Address = service.Address ?? "",
                Kind = service.Kind ?? "",
                CreateIndex = 0,
                ModifyIndex = 0,
            };
        }

        var checks = new List<HealthCheck>();
        if (request.Check is not null)
        {
            checks.Add(request.Check);
        }

        checks.AddRange((request.Checks ?? []).Where(c => c is not null));
        for (var i = 0; i < checks.Count; i++)
        {
            var c = checks[i];
            c = c with
            {
                Node = string.IsNullOrEmpty(c.Node) ? request.Node : c.Node,
                CheckID = string.IsNullOrEmpty(c.CheckID) ? c.Name ?? "" : c.CheckID,
                Name = c.Name ?? "",
                Notes = c.Notes ?? "",
                Output = c.Output ?? "",
                ServiceID = c.ServiceID ?? "",
                Type = string.IsNullOrEmpty(c.Type) ? CheckType(c.Definition) : c.Type,
                Definition = c.Definition ?? new HealthCheckDefinition(),
                CreateIndex = 0,
                ModifyIndex = 0,
            };
            if (!string.IsNullOrEmpty(c.Status) && !HealthStatus.IsValid(c.Status))
            {
                throw new InvalidRequestException($"Invalid check status: \"{c.Status}\"");
            }

            if (string.IsNullOrEmpty(c.CheckID))
            {
                throw new InvalidRequestException("Must provide a check ID or name");
            }

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
