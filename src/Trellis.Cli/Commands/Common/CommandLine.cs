using System.Text;
using Trellis.Cli.Flags;

namespace Trellis.Cli.Commands.Common;

/// <summary>Shared flag handling of every verb: -h/-help, Go-worded parse errors followed by usage, exit codes.</summary>
/// <remarks>Stateless; safe from any thread.</remarks>
public static class CommandLine
{
    /// <summary>
    /// Parses <paramref name="args"/> into <paramref name="flags"/>. Returns false with the exit code to use when the
    /// command must stop: 0 after printing help for -h/-help, 1 after a parse error (message, then usage, on stderr).
    /// </summary>
    public static bool TryParse(FlagSet flags, IReadOnlyList<string> args, CommandIo io, string help, out int exitCode)
    {
        exitCode = 0;
        foreach (var arg in args)
        {
            if (arg is "-h" or "-help" or "--help" or "--h")
            {
                io.Error.WriteLine(Usage(help, flags));
                return false;
            }

            if (arg == "--" || arg.Length < 2 || arg[0] != '-')
            {
                break;
            }
        }

        try
        {
            flags.Parse(args);
            return true;
        }
        catch (FlagParseException ex)
        {
            io.Error.WriteLine(ex.Message);
            io.Error.WriteLine(Usage(help, flags));
            exitCode = 1;
            return false;
        }
    }

    /// <summary>
    /// <see cref="TryParse"/> for a verb that takes flags only: a positional argument is Consul's
    /// "Too many arguments" error with exit code 1.
    /// </summary>
    public static bool TryParseFlagsOnly(FlagSet flags, IReadOnlyList<string> args, CommandIo io, string help, out int exitCode)
    {
        if (!TryParse(flags, args, io, help, out exitCode))
        {
            return false;
        }

        if (flags.Arguments.Count > 0)
        {
            io.Error.WriteLine($"Too many arguments (expected 0, got {flags.Arguments.Count})");
            exitCode = 1;
            return false;
        }

        return true;
    }

    /// <summary>The help text followed by each flag and its usage.</summary>
    public static string Usage(string help, FlagSet flags)
    {
        var builder = new StringBuilder(help.TrimEnd());
        var first = true;
        foreach (var flag in flags.Flags)
        {
            if (first)
            {
                builder.Append("\n\nCommand Options:\n");
                first = false;
            }

            builder.Append("\n  -").Append(flag.Name);
            if (!flag.IsBool)
            {
                builder.Append("=<value>");
            }

            builder.Append("\n     ").Append(flag.Usage).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>
    /// Takes the single FILE argument a verb needs. Returns false after writing Consul's message when there is
    /// none or more than one.
    /// </summary>
    public static bool TryGetSingleFile(FlagSet flags, CommandIo io, out string file)
    {
        file = "";
        if (flags.Arguments.Count == 0)
        {
            io.Error.WriteLine("Missing FILE argument");
            return false;
        }

        if (flags.Arguments.Count > 1)
        {
            io.Error.WriteLine($"Too many arguments (expected 1, got {flags.Arguments.Count})");
            return false;
        }

        file = flags.Arguments[0];
        return true;
    }

    /// <summary>Consul strips one leading '/' from keys since stored keys never start with one.</summary>
    public static string TrimKey(string key) => key.Length > 0 && key[0] == '/' ? key[1..] : key;
}
