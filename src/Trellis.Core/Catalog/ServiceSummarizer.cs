using Trellis.Core.Checks;

namespace Trellis.Core.Catalog;

/// <summary>
/// Folds a service dump (every instance with its node and the checks that apply) into one <see cref="ServiceSummary"/>
/// per service name, the way Consul's UI endpoint does: a check counts once per service even when several instances
/// on one node share it (node checks), and a connect proxy's checks also count for its destination service.
/// </summary>
/// <remarks>Stateless; thread-safe.</remarks>
public static class ServiceSummarizer
{
    private const string ExternalSourceKey = "external-source";

    public static IReadOnlyList<ServiceSummary> Summarize(IEnumerable<ServiceEntry> dump, string datacenter)
    {
        ArgumentNullException.ThrowIfNull(dump);
        var builders = new Dictionary<string, Builder>(StringComparer.Ordinal);
        Builder Get(string name)
        {
            if (!builders.TryGetValue(name, out var b))
            {
                builders[name] = b = new Builder(name);
            }

            return b;
        }

        foreach (var entry in dump)
        {
            var service = entry.Service;
            var summary = Get(service.Service);
            summary.Nodes.Add(entry.Node.Node);
            summary.Kind = service.Kind;
            summary.Datacenter = entry.Node.Datacenter.Length > 0 ? entry.Node.Datacenter : datacenter;
            summary.InstanceCount++;
            summary.ConnectNative |= service.Connect?.Native == true;
            foreach (var tag in service.Tags ?? [])
            {
                summary.Tags.Add(tag);
            }

            if (service.Meta is not null && service.Meta.TryGetValue(ExternalSourceKey, out var source) && source.Length > 0
                && !summary.ExternalSources.Contains(source))
            {
                summary.ExternalSources.Add(source);
            }

            foreach (var check in entry.Checks)
            {
                summary.Checks[(entry.Node.Node, check.CheckID)] = check.Status;
            }

            if (service.Kind == ServiceKinds.ConnectProxy && service.Proxy is { DestinationServiceName.Length: > 0 } proxy)
            {
                var destination = Get(proxy.DestinationServiceName);
                destination.ConnectedWithProxy = true;
                foreach (var check in entry.Checks)
                {
                    destination.Checks[(entry.Node.Node, check.CheckID)] = check.Status;
                }
            }
        }

        return [.. builders.Values.OrderBy(b => b.Name, StringComparer.Ordinal).Select(b => b.Build())];
    }

    private sealed class Builder(string name)
    {
        public string Name { get; } = name;

        public string Kind { get; set; } = "";

        public string Datacenter { get; set; } = "";

        public SortedSet<string> Nodes { get; } = new(StringComparer.Ordinal);

        public SortedSet<string> Tags { get; } = new(StringComparer.Ordinal);

        public List<string> ExternalSources { get; } = [];

        public Dictionary<(string Node, string CheckId), string> Checks { get; } = [];

        public int InstanceCount { get; set; }

        public bool ConnectNative { get; set; }

        public bool ConnectedWithProxy { get; set; }

        public ServiceSummary Build() => new()
        {
            Kind = Kind.Length > 0 ? Kind : null,
            Name = Name,
            Datacenter = Datacenter,
            Tags = Tags.Count > 0 ? [.. Tags] : null,
            Nodes = Nodes.Count > 0 ? [.. Nodes] : null,
            ExternalSources = ExternalSources.Count > 0 ? ExternalSources : null,
            InstanceCount = InstanceCount,
            ChecksPassing = Checks.Values.Count(s => s == HealthStatus.Passing),
            ChecksWarning = Checks.Values.Count(s => s == HealthStatus.Warning),
            ChecksCritical = Checks.Values.Count(s => s == HealthStatus.Critical),
            ConnectNative = ConnectNative,
            ConnectedWithProxy = ConnectedWithProxy,
        };
    }
}
