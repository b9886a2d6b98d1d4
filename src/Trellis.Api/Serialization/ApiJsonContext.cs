using System.Text.Json.Serialization;
using System.Text.Json;
using Trellis.Api.Agent;
using Trellis.Api.Sessions;
using Trellis.Core.Catalog;
using Trellis.Core.Kv;
using Trellis.Core.Members;
using Trellis.Core.Operator;
using Trellis.Core.PreparedQueries;
using Trellis.Core.Sessions;
using Trellis.Core.Txn;

namespace Trellis.Api.Serialization;

/// <summary>Source-generated JSON metadata for every body the client sends or reads.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(KvEntry))]
[JsonSerializable(typeof(List<KvEntry>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Session))]
[JsonSerializable(typeof(List<Session>))]
[JsonSerializable(typeof(SessionCreateRequest))]
[JsonSerializable(typeof(SessionIdResponse))]
[JsonSerializable(typeof(List<TxnOp>))]
[JsonSerializable(typeof(TxnResponse))]
[JsonSerializable(typeof(RaftConfiguration))]
[JsonSerializable(typeof(AutopilotHealth))]
[JsonSerializable(typeof(AutopilotConfiguration))]
[JsonSerializable(typeof(AutopilotState))]
[JsonSerializable(typeof(List<Member>))]
[JsonSerializable(typeof(JsonDocument))]
[JsonSerializable(typeof(RegisterRequest))]
[JsonSerializable(typeof(DeregisterRequest))]
[JsonSerializable(typeof(List<CatalogNode>))]
[JsonSerializable(typeof(Dictionary<string, List<string>>))]
[JsonSerializable(typeof(List<ServiceNode>))]
[JsonSerializable(typeof(NodeServiceMap))]
[JsonSerializable(typeof(NodeServiceList))]
[JsonSerializable(typeof(List<HealthCheck>))]
[JsonSerializable(typeof(List<ServiceEntry>))]
[JsonSerializable(typeof(PreparedQuery))]
[JsonSerializable(typeof(List<PreparedQuery>))]
[JsonSerializable(typeof(PreparedQueryIdResponse))]
[JsonSerializable(typeof(PreparedQueryExecuteResponse))]
[JsonSerializable(typeof(PreparedQueryExplainResponse))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
