using Trellis.Core.Catalog;

namespace Trellis.State.Persistence;

/// <summary>One service instance in the serialized state: the node it is on and the service.</summary>
internal sealed record ServiceRow(string Node, NodeService Service);
