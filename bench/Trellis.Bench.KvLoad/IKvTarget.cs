namespace Trellis.Bench.KvLoad;

/// <summary>A KV system under load: one durable write or one read of a key, over its own HTTP API.</summary>
/// <remarks>Thread-safe: called by every load worker at once.</remarks>
public interface IKvTarget
{
    string Name { get; }

    Task PutAsync(string key, byte[] value, CancellationToken cancellationToken);

    /// <summary>Reads a key; <paramref name="linearizable"/> asks for a quorum-confirmed read.</summary>
    Task GetAsync(string key, bool linearizable, CancellationToken cancellationToken);
}
