using System.Globalization;

namespace Trellis.Agent.Checks;

/// <summary>A "host:port" address as Go's net.SplitHostPort reads it ("[::1]:80" for IPv6).</summary>
internal readonly record struct HostPort(string Host, int Port)
{
    public static bool TryParse(string text, out HostPort result)
    {
        result = default;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }

        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        else if (host.Contains(':'))
        {
            return false;
        }

        if (!int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            return false;
        }

        result = new HostPort(host, port);
        return true;
    }

    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
