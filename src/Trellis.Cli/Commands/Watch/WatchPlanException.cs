namespace Trellis.Cli.Commands.Watch;

/// <summary>A watch specification that cannot run; the message is Consul's wording.</summary>
public sealed class WatchPlanException : Exception
{
    public WatchPlanException(string message) : base(message) { }
}
