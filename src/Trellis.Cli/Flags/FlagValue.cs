namespace Trellis.Cli.Flags;

/// <summary>A typed flag whose <see cref="Value"/> is its default until the command line sets it.</summary>
public sealed class FlagValue<T> : Flag
{
    private readonly Func<string, T>? _parse;

    internal FlagValue(string name, string usage, T defaultValue, bool isBool, Func<string, T>? parse)
        : base(name, usage, isBool)
    {
        Value = defaultValue;
        _parse = parse;
    }

    public T Value { get; private set; }

    /// <summary>For list flags: appends instead of replacing.</summary>
    internal Action<string>? Append { get; set; }

    internal override void Set(string raw)
    {
        if (Append is not null)
        {
            Append(raw);
            return;
        }

        Value = _parse!(raw);
    }
}
