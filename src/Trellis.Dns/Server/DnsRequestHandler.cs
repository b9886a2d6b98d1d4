using Microsoft.Extensions.Logging;
using Trellis.Dns.Resolution;
using Trellis.Dns.Wire;

namespace Trellis.Dns.Server;

/// <summary>
/// The packet path: bytes in, bytes out (or nothing). Reads the query, answers it from the resolver or forwards it to
/// the recursors, and encodes the answer to fit the transport: 512 bytes on UDP without EDNS0, the client's EDNS0
/// buffer size on UDP with it, 65535 on TCP. Never throws for any input.
/// </summary>
/// <remarks>Thread-safe; called concurrently by every listener.</remarks>
public sealed class DnsRequestHandler
{
    private const int MaxUdpSize = 65507;

    private readonly DnsResolver _resolver;
    private readonly DnsRecursor? _recursor;
    private readonly DnsOptions _options;
    private readonly ILogger _logger;

    public DnsRequestHandler(DnsResolver resolver, DnsOptions options, ILogger logger)
    {
        _resolver = resolver;
        _options = options;
        _logger = logger;
        _recursor = options.Recursors.Count > 0 ? new DnsRecursor(options) : null;
    }

    /// <summary>The answer to <paramref name="packet"/>, or null when nothing must be sent.</summary>
    public async Task<byte[]?> HandleAsync(ReadOnlyMemory<byte> packet, bool udp, CancellationToken cancellationToken)
    {
        DnsParseResult parsed;
        try
        {
            parsed = DnsPacketReader.Read(packet.Span);
        }
        catch (Exception ex)
        {
            _logger.LogDebug(ex, "Unreadable DNS packet");
            return null;
        }

        if (parsed.Drop || parsed.Request is null)
        {
            return null;
        }

        var request = parsed.Request;
        if (parsed.ErrorCode is { } code)
        {
            return DnsPacketWriter.WriteError(request, code);
        }

        try
        {
            var response = await _resolver.ResolveAsync(request, udp, cancellationToken);
            if (response is null)
            {
                if (_recursor is null)
                {
                    return DnsPacketWriter.WriteError(request, DnsRcode.Refused, request.EdnsBufferSize is null ? null : (ushort)4096);
                }

                var forwarded = await _recursor.ForwardAsync(packet, udp, cancellationToken);
                return forwarded ?? DnsPacketWriter.WriteError(request, DnsRcode.ServFail, request.EdnsBufferSize is null ? null : (ushort)4096);
            }

            var maxSize = !udp ? 65535 : request.EdnsBufferSize is { } size ? Math.Clamp((int)size, 512, MaxUdpSize) : 512;
            return DnsPacketWriter.Write(request, response with { RecursionAvailable = _recursor is not null }, maxSize, !_options.DisableCompression);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception ex)
        {
            _logger.LogWarning("DNS lookup of {Name} failed: {Error}", request.Name, ex.Message);
            return DnsPacketWriter.WriteError(request, DnsRcode.ServFail);
        }
    }
}
