namespace Trellis.State.Persistence;

/// <summary>One entry of the per-service index table in the serialized state.</summary>
internal sealed record ServiceIndexRow(string Name, ulong Index);
