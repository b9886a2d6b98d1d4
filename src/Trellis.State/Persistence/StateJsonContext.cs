using System.Text.Json.Serialization;
using Trellis.Core.Catalog;
using Trellis.Core.Kv;
using Trellis.Core.PreparedQueries;
using Trellis.Core.Sessions;
using Trellis.State.Commands;
using Trellis.State.Tables;

namespace Trellis.State.Persistence;

/// <summary>Source-generated JSON metadata for the store's snapshot format and the replicated commands.</summary>
/// <remarks>Immutable after construction; thread-safe.</remarks>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata, RespectNullableAnnotations = false)]
[JsonSerializable(typeof(StateDocument))]
[JsonSerializable(typeof(KvEntry))]
[JsonSerializable(typeof(Tombstone))]
[JsonSerializable(typeof(Session))]
[JsonSerializable(typeof(LockDelay))]
[JsonSerializable(typeof(KvCommand))]
[JsonSerializable(typeof(SessionCommand))]
[JsonSerializable(typeof(TxnCommand))]
[JsonSerializable(typeof(TombstoneReapCommand))]
[JsonSerializable(typeof(CatalogRegisterCommand))]
[JsonSerializable(typeof(CatalogDeregisterCommand))]
[JsonSerializable(typeof(CatalogNode))]
[JsonSerializable(typeof(ServiceRow))]
[JsonSerializable(typeof(HealthCheck))]
[JsonSerializable(typeof(ServiceIndexRow))]
[JsonSerializable(typeof(PreparedQueryCommand))]
[JsonSerializable(typeof(AutopilotConfigCommand))]
[JsonSerializable(typeof(Trellis.Core.Operator.AutopilotConfiguration))]
[JsonSerializable(typeof(PreparedQuery))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
