using Trellis.Core.Errors;
using Trellis.Core.Formats;
using Trellis.Core.Sessions;
using Trellis.Server.Text;

namespace Trellis.Server.Sessions;

/// <summary>Checks and completes a session create request the way Consul's <c>Session.Apply</c> does.</summary>
/// <remarks>Stateless apart from its immutable options; thread-safe.</remarks>
public sealed class SessionValidator
{
    private readonly ServerOptions _options;

    public SessionValidator(ServerOptions options) => _options = options;

    /// <summary>
    /// Returns the request with defaults filled in (node, <c>serfHealth</c> node check), or throws
    /// <see cref="InvalidRequestException"/> with Consul's text for a bad TTL or lock delay. The lock delay is taken as
    /// given: 0 means no lock delay. The 15 s default for a request without the field is decided by the HTTP decoder,
    /// which alone can tell "absent" from 0, as Consul's agent does.
    /// </summary>
    public Session Validate(Session request)
    {
        var session = request with
        {
            Node = string.IsNullOrEmpty(request.Node) ? _options.NodeName : request.Node,
            NodeChecks = request.NodeChecks ?? [ServerOptions.SerfCheckId],
        };

        if (session.Behavior is not (SessionBehavior.Release or SessionBehavior.Delete))
        {
            throw new InvalidRequestException($"Invalid Behavior setting '{session.Behavior}'");
        }

        if (session.LockDelay < 0 || session.LockDelay > ServerOptions.MaxLockDelay.Ticks * 100)
        {
            throw new InvalidRequestException(
                $"Invalid Session LockDelay '{session.LockDelay}', must be between [0s={GoDuration.Format(ServerOptions.MaxLockDelay)}]");
        }

        if (!string.IsNullOrEmpty(session.TTL))
        {
            if (GoText.DurationError(session.TTL) is { } error)
            {
                throw new InvalidRequestException($"Session TTL '{session.TTL}' invalid: {error}");
            }

            var ttl = GoDuration.Parse(session.TTL);
            if (ttl != TimeSpan.Zero && (ttl < _options.SessionTtlMin || ttl > _options.SessionTtlMax))
            {
                throw new InvalidRequestException(
                    $"Invalid Session TTL '{GoText.Nanoseconds(ttl)}', must be between [{GoDuration.Format(_options.SessionTtlMin)}={GoDuration.Format(_options.SessionTtlMax)}]");
            }
        }

        return session;
    }
}
