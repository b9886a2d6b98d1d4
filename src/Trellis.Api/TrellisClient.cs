using Trellis.Core.Events;
using System.Net.Sockets;
using Trellis.Api.Agent;
using Trellis.Api.Catalog;
using Trellis.Api.Events;
using Trellis.Api.Health;
using Trellis.Api.Http;
using Trellis.Api.Kv;
using Trellis.Api.Operator;
using Trellis.Api.PreparedQueries;
using Trellis.Api.Sessions;
using Trellis.Api.Snapshots;
using Trellis.Api.Status;
using Trellis.Api.Txn;

namespace Trellis.Api;

/// <summary>
/// A client of a Trellis (or Consul) agent's HTTP API. Reads take <see cref="Trellis.Core.Queries.QueryOptions"/>
/// and return <see cref="Trellis.Core.Queries.QueryResult{T}"/>; non-2xx answers throw <see cref="ApiException"/>.
/// </summary>
/// <remarks>Thread-safe: one instance may serve concurrent calls. Dispose it to release its connections.</remarks>
public sealed class TrellisClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    public TrellisClient(ClientOptions? options = null)
        : this(options ?? ClientOptions.FromEnvironment(), null)
    {
    }

    /// <summary>Uses <paramref name="httpClient"/> as given when not null (its BaseAddress is set from the options if empty).</summary>
    public TrellisClient(ClientOptions options, HttpClient? httpClient)
    {
        Options = options;
        var (baseAddress, socketPath) = ParseAddress(options.Address, options.UseTls);
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient(CreateHandler(socketPath));
        _http.BaseAddress ??= baseAddress;
        if (_ownsHttp)
        {
            // Blocking queries wait up to 10 minutes plus jitter: callers bound them with CancellationToken.
            _http.Timeout = Timeout.InfiniteTimeSpan;
        }

        var transport = new ApiTransport(_http, options);
        Kv = new KvClient(transport);
        Session = new SessionClient(transport);
        PreparedQuery = new PreparedQueryClient(transport);
        Txn = new TxnClient(transport);
        Status = new StatusClient(transport);
        Agent = new AgentClient(transport);
        Operator = new OperatorClient(transport);
        Snapshot = new SnapshotClient(transport);
        Catalog = new CatalogClient(transport);
        Health = new HealthClient(transport);
        Event = new EventClient(transport);
    }

    public ClientOptions Options { get; }

    public KvClient Kv { get; }

    public SessionClient Session { get; }

    public PreparedQueryClient PreparedQuery { get; }

    public TxnClient Txn { get; }

    public StatusClient Status { get; }

    public AgentClient Agent { get; }

    public OperatorClient Operator { get; }

    public SnapshotClient Snapshot { get; }

    public CatalogClient Catalog { get; }

    public HealthClient Health { get; }

    public EventClient Event { get; }

    /// <summary>
    /// The HTTP base address for an agent address: "host:port" gets http:// (https:// with <paramref name="useTls"/>),
    /// "unix:///path" yields a socket path and a placeholder http://localhost/ base.
    /// </summary>
    public static (Uri BaseAddress, string? SocketPath) ParseAddress(string address, bool useTls = false)
    {
        if (address.StartsWith("unix://", StringComparison.Ordinal))
        {
            return (new Uri("http://localhost/"), address["unix://".Length..]);
        }

        if (!address.StartsWith("http://", StringComparison.OrdinalIgnoreCase) &&
            !address.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            address = (useTls ? "https://" : "http://") + address;
        }

        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri))
        {
            throw new ArgumentException($"invalid agent address: {address}", nameof(address));
        }

        return (new Uri(uri.GetLeftPart(UriPartial.Authority) + "/"), null);
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static SocketsHttpHandler CreateHandler(string? socketPath)
    {
        var handler = new SocketsHttpHandler();
        if (socketPath is not null)
        {
            handler.ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken)
                        .ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        return handler;
    }
}
