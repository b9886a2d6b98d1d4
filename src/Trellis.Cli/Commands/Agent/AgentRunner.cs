using Trellis.Hosting.Configuration;

namespace Trellis.Cli.Commands.Agent;

/// <summary>
/// Runs an agent for <see cref="AgentCommand"/>: starts it, calls <paramref name="started"/> once it serves, and
/// returns when it has stopped. The seam lets tests check flag handling without starting a host.
/// </summary>
public delegate Task AgentRunner(AgentConfig config, Action<AgentConfig> started, CancellationToken cancellationToken);
