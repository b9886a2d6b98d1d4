using Trellis.Core.Catalog;

namespace Trellis.Agent.Local;

/// <summary>Whether a local entry equals the catalog's copy (Consul's <c>IsSame</c>), ignoring indexes.</summary>
internal static class LocalCompare
{
    public static bool SameService(NodeService a, NodeService b) =>
        a.ID == b.ID
        && a.Service == b.Service
        && (a.Kind ?? "") == (b.Kind ?? "")
        && (a.Address ?? "") == (b.Address ?? "")
        && a.Port == b.Port
        && a.EnableTagOverride == b.EnableTagOverride
        && Equals(a.Weights ?? ServiceWeights.Default, b.Weights ?? ServiceWeights.Default)
        && SameList(a.Tags, b.Tags)
        && SameMap(a.Meta, b.Meta)
        && SameMap(a.TaggedAddresses, b.TaggedAddresses)
        && Equals(a.Proxy, b.Proxy)
        && Equals(a.Connect, b.Connect);

    public static bool SameCheck(HealthCheck a, HealthCheck b, bool ignoreOutput) =>
        a.CheckID == b.CheckID
        && a.Name == b.Name
        && a.Status == b.Status
        && (ignoreOutput || a.Output == b.Output)
        && (a.Notes ?? "") == (b.Notes ?? "")
        && (a.ServiceID ?? "") == (b.ServiceID ?? "")
        && (a.ServiceName ?? "") == (b.ServiceName ?? "")
        && SameList(a.ServiceTags, b.ServiceTags)
        && (a.Type ?? "") == (b.Type ?? "");

    private static bool SameList(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        (a ?? []).SequenceEqual(b ?? [], StringComparer.Ordinal);

    private static bool SameMap<T>(IReadOnlyDictionary<string, T>? a, IReadOnlyDictionary<string, T>? b)
    {
        a ??= new Dictionary<string, T>();
        b ??= new Dictionary<string, T>();
        return a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && EqualityComparer<T>.Default.Equals(kv.Value, v));
    }
}
