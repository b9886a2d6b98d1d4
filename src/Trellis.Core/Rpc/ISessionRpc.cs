using Trellis.Core.Queries;
using Trellis.Core.Sessions;

namespace Trellis.Core.Rpc;

/// <summary>Session operations a server offers (Consul's <c>Session.*</c> RPCs).</summary>
/// <remarks>Implementations are thread-safe.</remarks>
public interface ISessionRpc
{
    /// <summary>
    /// Creates a session from <paramref name="request"/> (its ID and indexes are ignored; the server assigns them)
    /// and returns the new ID. Refuses bad TTLs and lock delays with <see cref="Errors.InvalidRequestException"/>.
    /// </summary>
    Task<string> CreateAsync(Session request, string? token, CancellationToken cancellationToken);

    /// <summary>Destroys a session, releasing or deleting its locks per its behavior. Unknown IDs are not an error.</summary>
    Task DestroyAsync(string id, string? token, CancellationToken cancellationToken);

    /// <summary>Resets a TTL session's timer; returns the session, or null when it does not exist.</summary>
    Task<Session?> RenewAsync(string id, string? token, CancellationToken cancellationToken);

    Task<QueryResult<Session?>> GetAsync(string id, QueryOptions options, CancellationToken cancellationToken);

    Task<QueryResult<IReadOnlyList<Session>>> ListAsync(QueryOptions options, CancellationToken cancellationToken);

    Task<QueryResult<IReadOnlyList<Session>>> ListByNodeAsync(string node, QueryOptions options, CancellationToken cancellationToken);
}
