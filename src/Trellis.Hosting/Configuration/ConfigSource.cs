using Trellis.Core.Hcl;

namespace Trellis.Hosting.Configuration;

/// <summary>
/// One layer of configuration: a file's text in <c>hcl</c> or <c>json</c> format, or an already built tree
/// (command-line flags). <see cref="Name"/> is what error messages call it.
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record ConfigSource
{
    private ConfigSource(string name, string format, string? data, HclObject? tree)
    {
        Name = name;
        Format = format;
        Data = data;
        Tree = tree;
    }

    public string Name { get; }

    /// <summary><c>hcl</c>, <c>json</c>, or <c>tree</c> for a prebuilt tree.</summary>
    public string Format { get; }

    public string? Data { get; }

    public HclObject? Tree { get; }

    public static ConfigSource Hcl(string name, string data) => new(name, "hcl", data, null);

    public static ConfigSource Json(string name, string data) => new(name, "json", data, null);

    public static ConfigSource FromTree(string name, HclObject tree) => new(name, "tree", null, tree);

    /// <summary>Parses the source; HCL and JSON syntax errors become <see cref="ConfigException"/>.</summary>
    public HclObject Parse()
    {
        try
        {
            return Format switch
            {
                "hcl" => HclParser.Parse(Data!, Name),
                "json" => HclJson.Parse(Data!, Name),
                _ => Tree!,
            };
        }
        catch (HclParseException ex)
        {
            throw new ConfigException($"Error parsing {Name}: At {ex.Line}:{ex.Column}: {ex.Reason}", Name, ex.Line, null, ex);
        }
    }
}
