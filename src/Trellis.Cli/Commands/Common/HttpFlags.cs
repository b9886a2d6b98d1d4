using Trellis.Api;
using Trellis.Cli.Flags;
using Trellis.Core.Queries;

namespace Trellis.Cli.Commands.Common;

/// <summary>
/// Consul's common HTTP flags (-http-addr, -token, -token-file, TLS file flags, -datacenter, -stale) and how they
/// combine with CONSUL_HTTP_* / TRELLIS_HTTP_* environment variables: a flag wins over the environment.
/// </summary>
/// <remarks>Not thread-safe; one instance belongs to one command run.</remarks>
public sealed class HttpFlags
{
    private FlagValue<string?>? _address;
    private FlagValue<string?>? _token;
    private FlagValue<string?>? _tokenFile;
    private FlagValue<string?>? _datacenter;
    private FlagValue<bool>? _stale;

    /// <summary>Flags every API command takes.</summary>
    public HttpFlags AddClientFlags(FlagSet flags)
    {
        _address = flags.String("http-addr", "The address and port of the agent HTTP API (CONSUL_HTTP_ADDR). Default http://127.0.0.1:8500.");
        _token = flags.String("token", "ACL token to use in the request (CONSUL_HTTP_TOKEN).");
        _tokenFile = flags.String("token-file", "File containing the ACL token (CONSUL_HTTP_TOKEN_FILE).");
        // Consul compat: TLS flags are accepted so scripts keep working; https:// addresses use the system trust store.
        flags.String("ca-file", "Path to a CA file for TLS (CONSUL_CACERT).");
        flags.String("ca-path", "Path to a directory of CA certificates (CONSUL_CAPATH).");
        flags.String("client-cert", "Path to a client certificate for TLS (CONSUL_CLIENT_CERT).");
        flags.String("client-key", "Path to a client key for TLS (CONSUL_CLIENT_KEY).");
        flags.String("tls-server-name", "Server name to use as SNI host (CONSUL_TLS_SERVER_NAME).");
        return this;
    }

    /// <summary>Flags of commands that read server state.</summary>
    public HttpFlags AddServerFlags(FlagSet flags)
    {
        _datacenter = flags.String("datacenter", "Name of the datacenter to query. Defaults to the agent's.");
        _stale = flags.Bool("stale", "Permit any server (non-leader) to respond. Default false.");
        return this;
    }

    public bool Stale => _stale?.Value ?? false;

    /// <summary>Query options for reads: stale when -stale was given.</summary>
    public QueryOptions ReadOptions() =>
        Stale ? new QueryOptions { Consistency = ConsistencyMode.Stale } : QueryOptions.Default;

    /// <summary>Builds client options: environment first, then flags that were given.</summary>
    public ClientOptions ToClientOptions(Func<string, string?> getEnvironmentVariable)
    {
        var options = ClientOptions.FromEnvironment(getEnvironmentVariable);
        if (!string.IsNullOrEmpty(_address?.Value))
        {
            options = options with { Address = _address.Value };
        }

        if (!string.IsNullOrEmpty(_token?.Value))
        {
            options = options with { Token = _token.Value };
        }

        if (!string.IsNullOrEmpty(_tokenFile?.Value))
        {
            options = options with { TokenFile = _tokenFile.Value };
        }

        if (!string.IsNullOrEmpty(_datacenter?.Value))
        {
            options = options with { Datacenter = _datacenter.Value };
        }

        return options;
    }

    /// <summary>A client for the agent these flags point at.</summary>
    public TrellisClient CreateClient(CommandIo io) => new(ToClientOptions(io.GetEnvironmentVariable));
}
