using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Trellis.Agent.Local;

/// <summary>
/// Keeps API-registered services and checks under the data dir so they survive a restart (Consul's
/// <c>&lt;data_dir&gt;/services</c> and <c>/checks</c>): one JSON file per entry, named by the SHA-256 of its id, written
/// to a temporary file and renamed so a crash never leaves half a file.
/// </summary>
/// <remarks>Called under the local agent's lock; not thread-safe on its own.</remarks>
internal sealed class LocalPersistence(string? dataDir, ILogger logger)
{
    private string? ServicesDir => dataDir is null ? null : Path.Combine(dataDir, "services");

    private string? ChecksDir => dataDir is null ? null : Path.Combine(dataDir, "checks");

    private string? StateDir => dataDir is null ? null : Path.Combine(dataDir, "checks", "state");

    public bool Enabled => dataDir is not null;

    public void SaveService(string id, PersistedService service) =>
        Write(ServicesDir, id, JsonSerializer.SerializeToUtf8Bytes(service, AgentJsonContext.Default.PersistedService));

    public void DeleteService(string id) => Delete(ServicesDir, id);

    public void SaveCheck(string id, PersistedCheck check) =>
        Write(ChecksDir, id, JsonSerializer.SerializeToUtf8Bytes(check, AgentJsonContext.Default.PersistedCheck));

    public void DeleteCheck(string id) => Delete(ChecksDir, id);

    public void SaveCheckState(PersistedCheckState state) =>
        Write(StateDir, state.CheckID, JsonSerializer.SerializeToUtf8Bytes(state, AgentJsonContext.Default.PersistedCheckState));

    public void DeleteCheckState(string id) => Delete(StateDir, id);

    public PersistedCheckState? LoadCheckState(string id)
    {
        var dir = StateDir;
        if (dir is null)
        {
            return null;
        }

        var path = Path.Combine(dir, FileName(id));
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllBytes(path), AgentJsonContext.Default.PersistedCheckState) : null;
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            logger.LogWarning("Ignoring unreadable check state {File}: {Error}", path, ex.Message);
            return null;
        }
    }

    public IReadOnlyList<PersistedService> LoadServices() => Load(ServicesDir, b => JsonSerializer.Deserialize(b, AgentJsonContext.Default.PersistedService));

    public IReadOnlyList<PersistedCheck> LoadChecks() => Load(ChecksDir, b => JsonSerializer.Deserialize(b, AgentJsonContext.Default.PersistedCheck));

    private static string FileName(string id) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));

    private void Write(string? dir, string id, byte[] bytes)
    {
        if (dir is null)
        {
            return;
        }

        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, FileName(id));
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }

    private static void Delete(string? dir, string id)
    {
        if (dir is null || !Directory.Exists(dir))
        {
            return;
        }

        File.Delete(Path.Combine(dir, FileName(id)));
    }

    private List<T> Load<T>(string? dir, Func<byte[], T?> read)
        where T : class
    {
        var list = new List<T>();
        if (dir is null || !Directory.Exists(dir))
        {
            return list;
        }

        foreach (var file in Directory.EnumerateFiles(dir).Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            try
            {
                var item = read(File.ReadAllBytes(file));
                if (item is not null)
                {
                    list.Add(item);
                }
            }
            catch (Exception ex) when (ex is JsonException or IOException)
            {
                logger.LogWarning("Skipping unreadable persisted file {File}: {Error}", file, ex.Message);
            }
        }

        return list;
    }
}
