namespace Trellis.Cli.Commands.Lock;

/// <summary>
/// The JSON value of a semaphore's <c>PREFIX/.lock</c> key, as Consul's api.Semaphore writes it:
/// <c>{"Limit":2,"Holders":{"&lt;session&gt;":true}}</c> (holders as a set, keys sorted when written).
/// </summary>
public sealed record SemaphoreDocument
{
    public int Limit { get; init; }

    public Dictionary<string, bool>? Holders { get; init; }
}
