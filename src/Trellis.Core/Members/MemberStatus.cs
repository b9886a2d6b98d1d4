namespace Trellis.Core.Members;

/// <summary>Serf member status numbers as Consul reports them.</summary>
public static class MemberStatus
{
    public const int None = 0;
    public const int Alive = 1;
    public const int Leaving = 2;
    public const int Left = 3;
    public const int Failed = 4;

    /// <summary>Serf's name for a status ("alive", "failed", ...), as <c>consul members</c> prints it.</summary>
    public static string Name(int status) => status switch
    {
        None => "none",
        Alive => "alive",
        Leaving => "leaving",
        Left => "left",
        Failed => "failed",
        _ => "unknown",
    };
}
