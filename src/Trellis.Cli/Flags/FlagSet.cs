using Trellis.Core.Formats;

using System.Globalization;

namespace Trellis.Cli.Flags;

/// <summary>
/// Consul's command-line flag syntax (Go's <c>flag</c> package): single or double dash, <c>-name=value</c> or
/// <c>-name value</c>, booleans as <c>-name</c> or <c>-name=false</c>, repeatable flags, parsing stops at the
/// first argument that is not a flag or after <c>--</c>.
/// </summary>
/// <remarks>Not thread-safe; one instance parses one command line.</remarks>
public sealed class FlagSet
{
    private readonly Dictionary<string, Flag> _flags = new(StringComparer.Ordinal);
    private readonly HashSet<string> _set = new(StringComparer.Ordinal);

    public FlagSet(string commandName)
    {
        CommandName = commandName;
    }

    public string CommandName { get; }

    /// <summary>Arguments left after the flags.</summary>
    public IReadOnlyList<string> Arguments { get; private set; } = [];

    /// <summary>Every defined flag, in definition order, for usage text.</summary>
    public IEnumerable<Flag> Flags => _flags.Values;

    public FlagValue<string?> String(string name, string usage, string? defaultValue = null) =>
        Define(name, usage, defaultValue, raw => raw);

    public FlagValue<bool> Bool(string name, string usage, bool defaultValue = false) =>
        Define(name, usage, defaultValue, ParseBool, isBool: true);

    public FlagValue<int> Int(string name, string usage, int defaultValue = 0) =>
        Define(name, usage, defaultValue, raw => int.Parse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture));

    public FlagValue<ulong> UInt64(string name, string usage, ulong defaultValue = 0) =>
        Define(name, usage, defaultValue, raw => ulong.Parse(raw, NumberStyles.None, CultureInfo.InvariantCulture));

    public FlagValue<TimeSpan> Duration(string name, string usage, TimeSpan defaultValue = default) =>
        Define(name, usage, defaultValue, GoDuration.Parse);

    /// <summary>A flag that may be given many times; each occurrence appends.</summary>
    public FlagValue<IReadOnlyList<string>> StringList(string name, string usage)
    {
        var values = new List<string>();
        var flag = new FlagValue<IReadOnlyList<string>>(name, usage, values, isBool: false, parse: null);
        flag.Append = raw => values.Add(raw);
        Add(flag);
        return flag;
    }

    /// <summary>
    /// A repeatable <c>key=value</c> flag (Go's FlagMapValue): each occurrence sets one key, split at the first '='.
    /// </summary>
    public FlagValue<IReadOnlyDictionary<string, string>> Map(string name, string usage)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flag = new FlagValue<IReadOnlyDictionary<string, string>>(name, usage, values, isBool: false, parse: null);
        flag.Append = raw =>
        {
            var eq = raw.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                throw new FlagValueException($"missing \"=\" in argument: {raw}");
            }

            values[raw[..eq]] = raw[(eq + 1)..];
        };
        Add(flag);
        return flag;
    }

    /// <summary>Whether the flag appeared on the command line (as opposed to keeping its default).</summary>
    public bool IsSet(string name) => _set.Contains(name);

    /// <summary>Parses <paramref name="args"/>; throws <see cref="FlagParseException"/> with Go's wording on bad input.</summary>
    public void Parse(IReadOnlyList<string> args)
    {
        var i = 0;
        while (i < args.Count)
        {
            var arg = args[i];
            if (arg.Length < 2 || arg[0] != '-')
            {
                break;
            }

            if (arg == "--")
            {
                i++;
                break;
            }

            var body = arg[1] == '-' ? arg[2..] : arg[1..];
            if (body.Length == 0 || body[0] == '-' || body[0] == '=')
            {
                throw new FlagParseException($"bad flag syntax: {arg}");
            }

            i++;
            var eq = body.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? body : body[..eq];
            if (!_flags.TryGetValue(name, out var flag))
            {
                throw new FlagParseException($"flag provided but not defined: -{name}");
            }

            string raw;
            if (eq >= 0)
            {
                raw = body[(eq + 1)..];
            }
            else if (flag.IsBool)
            {
                raw = "true";
            }
            else if (i < args.Count)
            {
                raw = args[i++];
            }
            else
            {
                throw new FlagParseException($"flag needs an argument: -{name}");
            }

            try
            {
                flag.Set(raw);
            }
            catch (FlagValueException ex)
            {
                throw new FlagParseException($"invalid value \"{raw}\" for flag -{name}: {ex.Message}");
            }
            catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
            {
                throw new FlagParseException(flag.IsBool
                    ? $"invalid boolean value \"{raw}\" for -{name}: parse error"
                    : $"invalid value \"{raw}\" for flag -{name}: parse error");
            }

            _set.Add(name);
        }

        Arguments = args.Skip(i).ToArray();
    }

    private FlagValue<T> Define<T>(string name, string usage, T defaultValue, Func<string, T> parse, bool isBool = false)
    {
        var flag = new FlagValue<T>(name, usage, defaultValue, isBool, parse);
        Add(flag);
        return flag;
    }

    private void Add(Flag flag)
    {
        if (!_flags.TryAdd(flag.Name, flag))
        {
            throw new InvalidOperationException($"flag redefined: {flag.Name}");
        }
    }

    private static bool ParseBool(string raw) => raw switch
    {
        "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
        "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
        _ => throw new FormatException(),
    };
}
