using System.Text.Json.Serialization;

namespace Trellis.Core.Snapshots;

/// <summary>Source-generated JSON for <see cref="SnapshotMeta"/>.</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(SnapshotMeta))]
internal sealed partial class SnapshotJsonContext : JsonSerializerContext;
