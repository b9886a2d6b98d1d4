using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Trellis.Dns.Resolution;

/// <summary>Helpers for Consul's name forms: reverse names, <c>.addr.</c> hex labels.</summary>
public static class DnsNames
{
    /// <summary>The address under <c>in-addr.arpa</c>/<c>ip6.arpa</c> named by <paramref name="labels"/> (without the arpa suffix), or null.</summary>
    public static IPAddress? FromReverse(IReadOnlyList<string> labels, bool ipv6)
    {
        if (!ipv6)
        {
            if (labels.Count != 4)
            {
                return null;
            }

            var text = string.Join('.', labels.Reverse());
            return IPAddress.TryParse(text, out var v4) && v4.AddressFamily == AddressFamily.InterNetwork ? v4 : null;
        }

        if (labels.Count != 32 || labels.Any(l => l.Length != 1 || !Uri.IsHexDigit(l[0])))
        {
            return null;
        }

        var hex = string.Concat(labels.Reverse());
        return new IPAddress(Convert.FromHexString(hex));
    }

    /// <summary>The <c>in-addr.arpa</c>/<c>ip6.arpa</c> name of <paramref name="address"/>.</summary>
    public static string ToReverse(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return string.Join('.', bytes.Reverse().Select(b => b.ToString(CultureInfo.InvariantCulture))) + ".in-addr.arpa";
        }

        var builder = new StringBuilder();
        foreach (var b in bytes.Reverse())
        {
            builder.Append(CultureInfo.InvariantCulture, $"{b & 0xF:x}.{b >> 4:x}.");
        }

        return builder + "ip6.arpa";
    }

    /// <summary>The address of an <c>.addr.</c> label: 8 hex digits for IPv4, 32 for IPv6; null otherwise.</summary>
    public static IPAddress? FromHex(string label)
    {
        if ((label.Length != 8 && label.Length != 32) || !label.All(Uri.IsHexDigit))
        {
            return null;
        }

        return new IPAddress(Convert.FromHexString(label));
    }

    /// <summary>The <c>.addr.</c> label of <paramref name="address"/>.</summary>
    public static string ToHex(IPAddress address) => Convert.ToHexStringLower(address.GetAddressBytes());
}
