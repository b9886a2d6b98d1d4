using System.Text.Json.Serialization;
using Trellis.Cli.Commands.Kv;

namespace Trellis.Cli.Commands.Common;

/// <summary>Source-generated JSON for the CLI's own documents (kv export/import, version -format=json, lock semaphores).</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(List<KvExportEntry>))]
[JsonSerializable(typeof(Version.VersionInfo))]
[JsonSerializable(typeof(Lock.SemaphoreDocument))]
public sealed partial class CliJsonContext : JsonSerializerContext;
