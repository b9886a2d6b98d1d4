namespace Trellis.Core.Hcl;

/// <summary>A configuration text (HCL or JSON) that does not parse; says where and why.</summary>
public sealed class HclParseException : Exception
{
    public HclParseException(string file, int line, int column, string reason)
        : base($"{file}: At {line}:{column}: {reason}")
    {
        File = file;
        Line = line;
        Column = column;
        Reason = reason;
    }

    public string File { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>The message without the location prefix.</summary>
    public string Reason { get; }
}
