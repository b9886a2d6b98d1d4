using System.Globalization;

namespace Trellis.Bench.CatalogScale;

/// <summary>Names and registration bodies of the synthetic catalog described by <see cref="ScaleSettings"/>.</summary>
public sealed class CatalogShape(ScaleSettings settings)
{
    private readonly int _perService = (int)Math.Ceiling(settings.Instances / (double)settings.Services);

    public int PerService => _perService;

    public static string NodeName(int node) => string.Create(CultureInfo.InvariantCulture, $"node-{node:D5}");

    public static string ServiceName(int service) => string.Create(CultureInfo.InvariantCulture, $"svc-{service:D4}");

    public int NodeOf(int instance) => instance % settings.Nodes;

    public int ServiceOf(int instance) => instance / _perService;

    /// <summary>The first instance of <paramref name="service"/> (every service's instances are consecutive).</summary>
    public int FirstInstanceOf(int service) => service * _perService;

    /// <summary>A <c>PUT /v1/catalog/register</c> body: the node, one service instance and its passing check.</summary>
    public string RegisterBody(int instance, string revisionTag)
    {
        var node = NodeOf(instance);
        var name = ServiceName(ServiceOf(instance));
        var id = string.Create(CultureInfo.InvariantCulture, $"{name}-{instance}");
        var address = string.Create(CultureInfo.InvariantCulture, $"10.{node / 65536 % 256}.{node / 256 % 256}.{node % 256}");
        var nodeName = NodeName(node);
        var port = 20000 + (instance % 10000);
        var rack = node % 40;
        var json = $$$"""
            {"Node":"{{{nodeName}}}","Address":"{{{address}}}","NodeMeta":{"rack":"r{{{rack}}}"},"Service":{"ID":"{{{id}}}","Service":"{{{name}}}","Port":{{{port}}},"Tags":["v1","{{{revisionTag}}}"],"Meta":{"version":"1.0"}},"Check":{"CheckID":"service:{{{id}}}","Name":"Service '{{{name}}}' check","Status":"passing","ServiceID":"{{{id}}}","Output":"ok"}}
            """;
        return json;
    }
}
