using Trellis.Api;
using Trellis.Cli.Commands.Common;
using Trellis.Core.Formats;

namespace Trellis.Cli.Commands.Lock;

/// <summary>
/// Renews a TTL session every half TTL until cancelled, as Consul's RenewPeriodic does: stops when the session is
/// gone (404) or renewals keep failing for longer than the TTL; follows a TTL the server changes.
/// </summary>
/// <remarks>Stateless; each call runs one renew loop on the thread pool.</remarks>
public static class SessionRenewer
{
    public static async Task RunAsync(TrellisClient client, string session, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var lastRenewed = DateTime.UtcNow;
        var wait = ttl / 2;
        try
        {
            while (true)
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                try
                {
                    var renewed = await client.Session.RenewAsync(session, null, cancellationToken).ConfigureAwait(false);
                    if (renewed is null)
                    {
                        return;
                    }

                    lastRenewed = DateTime.UtcNow;
                    if (!string.IsNullOrEmpty(renewed.TTL) && GoDuration.TryParse(renewed.TTL, out var serverTtl)
                        && serverTtl > TimeSpan.Zero)
                    {
                        ttl = serverTtl;
                    }

                    wait = ttl / 2;
                }
                catch (Exception ex) when (ApiFailure.Is(ex))
                {
                    if (DateTime.UtcNow - lastRenewed > ttl)
                    {
                        return;
                    }

                    wait = TimeSpan.FromSeconds(1);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
