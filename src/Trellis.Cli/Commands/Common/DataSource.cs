namespace Trellis.Cli.Commands.Common;

/// <summary>
/// Consul's data-source arguments (helpers.LoadDataSource): "@path" reads a file, "-" reads standard input,
/// anything else is the value itself.
/// </summary>
/// <remarks>Stateless; safe from any thread.</remarks>
public static class DataSource
{
    public static string Load(string value, CommandIo io)
    {
        if (value.StartsWith('@'))
        {
            return File.ReadAllText(value[1..]);
        }

        if (value == "-")
        {
            using var reader = new StreamReader(io.OpenStdin());
            return reader.ReadToEnd();
        }

        return value;
    }
}
