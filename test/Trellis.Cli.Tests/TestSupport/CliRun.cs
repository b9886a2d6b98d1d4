using System.Text;
using Trellis.Cli.Commands.Common;

namespace Trellis.Cli.Tests.TestSupport;

/// <summary>Runs the trellis command line in-process with captured output and an isolated environment.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static async Task<CliRun> RunAsync(IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? env = null,
        string stdin = "")
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var io = new CommandIo(stdout, stderr, () => new MemoryStream(Encoding.UTF8.GetBytes(stdin)),
            name => env is not null && env.TryGetValue(name, out var value) ? value : null);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var exit = await Program.RunAsync(args, io, timeout.Token);
        return new CliRun(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs with CONSUL_HTTP_ADDR pointing at <paramref name="agent"/>.</summary>
    public static Task<CliRun> AgainstAsync(FakeAgent agent, params string[] args) =>
        RunAsync(args, new Dictionary<string, string> { ["CONSUL_HTTP_ADDR"] = agent.Address });
}
