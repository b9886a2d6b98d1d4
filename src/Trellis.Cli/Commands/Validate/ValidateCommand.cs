using Trellis.Cli.Commands.Common;
using Trellis.Cli.Flags;
using Trellis.Hosting.Configuration;

namespace Trellis.Cli.Commands.Validate;

/// <summary>
/// <c>trellis validate</c>: loads configuration files and directories as the agent would and reports the first
/// problem; exit 0 when valid, 1 otherwise. Needs no running agent.
/// </summary>
/// <remarks>Stateless; safe from any thread.</remarks>
public static class ValidateCommand
{
    public const string Synopsis = "Validate config files/directories";

    private const string Help = """
        Usage: trellis validate [options] FILE_OR_DIRECTORY...

          Performs a basic sanity test on agent configuration files. For each file or
          directory given, the contents are parsed just as "trellis agent" would and any
          error is reported, without starting the agent.

          Returns 0 if the configuration is valid, or 1 if there are problems.
        """;

    public static Task<int> RunAsync(IReadOnlyList<string> args, CommandIo io, CancellationToken cancellationToken)
    {
        var flags = new FlagSet("validate");
        var quiet = flags.Bool("quiet", "When given, a successful run will produce no output.");
        if (!CommandLine.TryParse(flags, args, io, Help, out var exit))
        {
            return Task.FromResult(exit);
        }

        if (flags.Arguments.Count < 1)
        {
            io.Error.WriteLine("Must specify at least one config file or directory");
            return Task.FromResult(1);
        }

        try
        {
            ConfigLoader.ValidateConfig(flags.Arguments);
        }
        catch (ConfigException ex)
        {
            io.Error.WriteLine($"Config validation failed: {ex.Message}");
            return Task.FromResult(1);
        }

        if (!quiet.Value)
        {
            io.Out.WriteLine("Configuration is valid!");
        }

        return Task.FromResult(0);
    }
}
