namespace Trellis.Dns.Wire;

/// <summary>The response codes we send (RFC 1035 4.1.1).</summary>
public static class DnsRcode
{
    public const byte NoError = 0;
    public const byte FormErr = 1;
    public const byte ServFail = 2;
    public const byte NxDomain = 3;
    public const byte NotImp = 4;
    public const byte Refused = 5;
}
