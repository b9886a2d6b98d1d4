namespace Trellis.Api;

/// <summary>
/// Where and as whom a <see cref="TrellisClient"/> talks: the agent's HTTP address, the ACL token and the datacenter.
/// <see cref="FromEnvironment"/> reads the same variables as Consul's api package (and their TRELLIS_ twins).
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record ClientOptions
{
    /// <summary>Consul's default agent address.</summary>
    public const string DefaultAddress = "http://127.0.0.1:8500";

    /// <summary>"host:port", "http://host:port", "https://host:port" or "unix:///path/to/socket".</summary>
    public string Address { get; init; } = DefaultAddress;

    /// <summary>ACL token sent as <c>X-Consul-Token</c>; null sends none (the agent's default token applies).</summary>
    public string? Token { get; init; }

    /// <summary>A file whose trimmed content is the token; when set it wins over <see cref="Token"/>, as in Consul.</summary>
    public string? TokenFile { get; init; }

    /// <summary>Datacenter to address (<c>?dc=</c>); null means the agent's own.</summary>
    public string? Datacenter { get; init; }

    /// <summary>Use https when <see cref="Address"/> has no scheme (CONSUL_HTTP_SSL).</summary>
    public bool UseTls { get; init; }

    /// <summary>
    /// Options from CONSUL_HTTP_ADDR, CONSUL_HTTP_TOKEN, CONSUL_HTTP_TOKEN_FILE, CONSUL_HTTP_SSL (or the TRELLIS_ names,
    /// which win when both are set). <paramref name="getVariable"/> defaults to the process environment.
    /// </summary>
    public static ClientOptions FromEnvironment(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        string? Read(string suffix)
        {
            var value = getVariable("TRELLIS_" + suffix);
            if (string.IsNullOrEmpty(value))
            {
                value = getVariable("CONSUL_" + suffix);
            }

            return string.IsNullOrEmpty(value) ? null : value;
        }

        var ssl = Read("HTTP_SSL");
        return new ClientOptions
        {
            Address = Read("HTTP_ADDR") ?? DefaultAddress,
            Token = Read("HTTP_TOKEN"),
            TokenFile = Read("HTTP_TOKEN_FILE"),
            UseTls = ssl is not null && ParseGoBool(ssl),
        };
    }

    /// <summary>The token actually sent: the token file's trimmed content if configured, else <see cref="Token"/>.</summary>
    public string? ResolveToken()
    {
        if (!string.IsNullOrEmpty(TokenFile))
        {
            return File.ReadAllText(TokenFile).Trim();
        }

        return string.IsNullOrEmpty(Token) ? null : Token;
    }

    private static bool ParseGoBool(string raw) =>
        raw is "1" or "t" or "T" or "true" or "TRUE" or "True";
}
