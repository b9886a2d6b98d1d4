using System.Net.Security;

namespace Trellis.Agent.Checks;

/// <summary>The TLS client settings of a check (<c>tls_server_name</c>, <c>tls_skip_verify</c>).</summary>
internal static class CheckTls
{
    public static SslClientAuthenticationOptions ClientOptions(string host, string? serverName, bool skipVerify, params SslApplicationProtocol[] alpn)
    {
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = string.IsNullOrEmpty(serverName) ? host : serverName,
        };
        if (alpn.Length > 0)
        {
            options.ApplicationProtocols = [.. alpn];
        }

        if (skipVerify)
        {
            // tls_skip_verify: the operator asked for no verification of this check's target.
#pragma warning disable CA5359
            options.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        return options;
    }

    /// <summary>Go-like text for a socket error: "dial tcp 127.0.0.1:1: connect: connection refused".</summary>
    public static string DialError(string network, string address, Exception ex) => ex switch
    {
        System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused } =>
            $"dial {network} {address}: connect: connection refused",
        System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.HostNotFound or System.Net.Sockets.SocketError.NoData } =>
            $"dial {network} {address}: lookup: no such host",
        OperationCanceledException or TimeoutException => $"dial {network} {address}: i/o timeout",
        _ => $"dial {network} {address}: {ex.Message}",
    };
}
