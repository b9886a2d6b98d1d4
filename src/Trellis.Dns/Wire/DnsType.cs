namespace Trellis.Dns.Wire;

/// <summary>The record types and classes we answer or recognise.</summary>
public static class DnsType
{
    public const ushort A = 1;
    public const ushort Ns = 2;
    public const ushort Cname = 5;
    public const ushort Soa = 6;
    public const ushort Ptr = 12;
    public const ushort Txt = 16;
    public const ushort Aaaa = 28;
    public const ushort Srv = 33;
    public const ushort Opt = 41;
    public const ushort Ixfr = 251;
    public const ushort Axfr = 252;
    public const ushort MailB = 253;
    public const ushort MailA = 254;
    public const ushort Any = 255;

    public const ushort ClassIn = 1;
    public const ushort ClassAny = 255;
}
