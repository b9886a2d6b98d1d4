namespace Trellis.Cli.Flags;

/// <summary>One defined flag: its name, usage text and how it takes a raw value.</summary>
public abstract class Flag
{
    protected Flag(string name, string usage, bool isBool)
    {
        Name = name;
        Usage = usage;
        IsBool = isBool;
    }

    public string Name { get; }

    public string Usage { get; }

    /// <summary>Boolean flags take no separate argument: <c>-dev</c> means true.</summary>
    public bool IsBool { get; }

    internal abstract void Set(string raw);
}
