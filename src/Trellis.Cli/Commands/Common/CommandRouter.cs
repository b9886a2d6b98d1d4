using System.Text;

namespace Trellis.Cli.Commands.Common;

/// <summary>
/// Dispatches a command line to the verb with the longest matching name ("kv get" before "kv"), prints the verb
/// list on no or unknown verbs (exit 127, as Consul's CLI library does) and rewrites -v/-version/--version to
/// <c>version</c>.
/// </summary>
/// <remarks>Immutable after construction; safe from any thread.</remarks>
public sealed class CommandRouter
{
    private readonly IReadOnlyList<CommandSpec> _commands;

    public CommandRouter(string binaryName, IReadOnlyList<CommandSpec> commands)
    {
        BinaryName = binaryName;
        _commands = commands;
    }

    public string BinaryName { get; }

    public async Task<int> RunAsync(IReadOnlyList<string> args, CommandIo io, CancellationToken cancellationToken)
    {
        foreach (var arg in args)
        {
            if (arg == "--")
            {
                break;
            }

            if (arg is "-v" or "-version" or "--version")
            {
                args = ["version", .. args.Where(a => a is not ("-v" or "-version" or "--version"))];
                break;
            }
        }

        if (args.Count == 0 || args[0] is "-h" or "-help" or "--help")
        {
            io.Error.WriteLine(Help(""));
            return args.Count == 0 ? 127 : 0;
        }

        CommandSpec? match = null;
        var matchedWords = 0;
        foreach (var command in _commands)
        {
            var words = command.Name.Split(' ');
            if (words.Length > args.Count || words.Length <= matchedWords)
            {
                continue;
            }

            if (words.Select((w, i) => w == args[i]).All(x => x))
            {
                match = command;
                matchedWords = words.Length;
            }
        }

        if (match is null)
        {
            // A parent of nested verbs ("kv", "snapshot", "operator raft") prints its subcommands and exits 1.
            var parent = string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')));
            while (parent.Length > 0 && !_commands.Any(c => c.Name.StartsWith(parent + " ", StringComparison.Ordinal)))
            {
                var space = parent.LastIndexOf(' ');
                parent = space < 0 ? "" : parent[..space];
            }

            io.Error.WriteLine(Help(parent));
            return parent.Length > 0 ? 1 : 127;
        }

        return await match.RunAsync(args.Skip(matchedWords).ToArray(), io, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The list of verbs directly under <paramref name="parent"/> ("" for the top level).</summary>
    public string Help(string parent)
    {
        var prefix = parent.Length == 0 ? "" : parent + " ";
        var children = _commands
            .Where(c => c.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(c => (Sub: c.Name[prefix.Length..].Split(' ')[0], Command: c))
            .GroupBy(x => x.Sub, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Synopsis: g.FirstOrDefault(x => x.Command.Name == prefix + g.Key).Command?.Synopsis ?? ""))
            .OrderBy(x => x.Name, StringComparer.Ordinal)
            .ToList();
        var width = children.Count == 0 ? 0 : children.Max(c => c.Name.Length);
        var builder = new StringBuilder();
        builder.Append(parent.Length == 0
            ? $"Usage: {BinaryName} [--version] [--help] <command> [<args>]\n\nAvailable commands are:\n"
            : $"Usage: {BinaryName} {parent} <subcommand> [options] [args]\n\nSubcommands:\n");
        foreach (var (name, synopsis) in children)
        {
            builder.Append("    ").Append(name.PadRight(width + 4)).Append(synopsis).Append('\n');
        }

        return builder.ToString().TrimEnd('\n');
    }
}
