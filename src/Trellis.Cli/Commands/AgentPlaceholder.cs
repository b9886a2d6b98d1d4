namespace Trellis.Cli.Commands.Agent;

/// <summary>
/// Placeholder until the config helper's <c>Commands/Agent/AgentCommand.cs</c> (branch wip/config) is merged;
/// delete this file when that lands.
/// </summary>
/// <remarks>Stateless.</remarks>
public static class AgentCommand
{
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        stderr.WriteLine("The agent command is not available in this build.");
        return Task.FromResult(1);
    }
}
