using System.Globalization;
using System.Text;

namespace Trellis.Core.Hcl;

/// <summary>Writes a tree back as HCL text that <see cref="HclParser"/> reads into an equal tree.</summary>
/// <remarks>Stateless; safe to call from any thread.</remarks>
public static class HclPrinter
{
    /// <summary>Prints an object as the body of an HCL file (<c>key = value</c> lines).</summary>
    public static string Print(HclObject root)
    {
        var sb = new StringBuilder();
        WriteBody(sb, root, 0);
        return sb.ToString();
    }

    /// <summary>Prints one value as it would appear on the right of <c>=</c>.</summary>
    public static string PrintValue(HclValue value)
    {
        var sb = new StringBuilder();
        WriteValue(sb, value, 0);
        return sb.ToString();
    }

    /// <summary>Quotes and escapes a string the way HCL reads it back.</summary>
    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF')
                    {
                        sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    private static void WriteBody(StringBuilder sb, HclObject obj, int indent)
    {
        foreach (var (key, value) in obj.Entries)
        {
            sb.Append(' ', indent * 2).Append(FormatKey(key)).Append(" = ");
            WriteValue(sb, value, indent);
            sb.Append('\n');
        }
    }

    private static void WriteValue(StringBuilder sb, HclValue value, int indent)
    {
        switch (value)
        {
            case HclScalar s:
                sb.Append(FormatScalar(s));
                break;
            case HclList list:
                sb.Append('[');
                foreach (var item in list.Items)
                {
                    WriteValue(sb, item, indent);
                    sb.Append(", ");
                }

                sb.Append(']');
                break;
            case HclObject obj:
                sb.Append("{\n");
                WriteBody(sb, obj, indent + 1);
                sb.Append(' ', indent * 2).Append('}');
                break;
        }
    }

    private static string FormatScalar(HclScalar s) => s.Kind switch
    {
        HclScalarKind.String => Quote(s.AsString),
        HclScalarKind.Int => s.AsInt.ToString(CultureInfo.InvariantCulture),
        HclScalarKind.Bool => s.AsBool ? "true" : "false",
        _ => FormatFloat(s.AsFloat),
    };

    private static string FormatFloat(double d)
    {
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    private static string FormatKey(string key)
    {
        var isIdent = key.Length > 0 && char.IsAsciiLetter(key[0]) || (key.Length > 0 && key[0] == '_');
        for (var i = 1; isIdent && i < key.Length; i++)
        {
            isIdent = char.IsAsciiLetterOrDigit(key[i]) || key[i] is '_' or '-' or '.';
        }

        return isIdent ? key : Quote(key);
    }
}
