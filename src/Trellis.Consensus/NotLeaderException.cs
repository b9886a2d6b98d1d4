namespace Trellis.Consensus;

/// <summary>Thrown by a follower asked to apply a command; carries the leader's address when known, for forwarding.</summary>
public sealed class NotLeaderException : Exception
{
    public NotLeaderException(string? leaderAddress)
        : base(leaderAddress is null ? "No cluster leader" : $"Not the leader; the leader is {leaderAddress}")
    {
        LeaderAddress = leaderAddress;
    }

    public string? LeaderAddress { get; }
}
