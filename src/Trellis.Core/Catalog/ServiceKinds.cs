namespace Trellis.Core.Catalog;

/// <summary>Consul's service kinds (<c>NodeService.Kind</c>); "" is a typical service.</summary>
public static class ServiceKinds
{
    public const string Typical = "";

    public const string ConnectProxy = "connect-proxy";

    public const string MeshGateway = "mesh-gateway";

    public const string TerminatingGateway = "terminating-gateway";

    public const string IngressGateway = "ingress-gateway";

    public const string ApiGateway = "api-gateway";

    /// <summary>Whether <paramref name="kind"/> is one Consul accepts.</summary>
    public static bool IsValid(string? kind) =>
        kind is null or Typical or ConnectProxy or MeshGateway or TerminatingGateway or IngressGateway or ApiGateway;
}
