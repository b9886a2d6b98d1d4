namespace Trellis.Cli.Commands.Common;

/// <summary>One verb (possibly nested, "kv get") of the <c>trellis</c> binary: its name, synopsis and runner.</summary>
public sealed record CommandSpec(
    string Name,
    string Synopsis,
    Func<IReadOnlyList<string>, CommandIo, CancellationToken, Task<int>> RunAsync);
