namespace Trellis.Cli.Commands.Watch;

/// <summary>
/// A watch specification as Consul's watch package receives it: named parameters (<c>type</c>, <c>key</c>,
/// <c>prefix</c>, <c>service</c>, <c>tag</c>, <c>passingonly</c>, <c>state</c>, <c>name</c>, <c>stale</c>,
/// <c>datacenter</c>, <c>token</c>) in the order they were given.
/// </summary>
/// <remarks>Not thread-safe; <see cref="WatchPlan.Parse"/> consumes the entries it understands.</remarks>
public sealed class WatchParameters
{
    private readonly List<KeyValuePair<string, object>> _entries = [];

    public int Count => _entries.Count;

    public IEnumerable<string> Names => _entries.Select(e => e.Key);

    public WatchParameters Set(string name, object value)
    {
        _entries.RemoveAll(e => e.Key == name);
        _entries.Add(new(name, value));
        return this;
    }

    /// <summary>Removes and returns a string parameter; "" when absent. Throws when it is not a string.</summary>
    public string TakeString(string name)
    {
        var value = Take(name);
        return value switch
        {
            null => "",
            string s => s,
            _ => throw new WatchPlanException($"Expecting {name} to be a string"),
        };
    }

    public bool TakeBool(string name)
    {
        var value = Take(name);
        return value switch
        {
            null => false,
            bool b => b,
            _ => throw new WatchPlanException($"Expecting {name} to be a boolean"),
        };
    }

    /// <summary>A string or a list of strings, as a list.</summary>
    public IReadOnlyList<string> TakeStrings(string name)
    {
        var value = Take(name);
        return value switch
        {
            null => [],
            string s => [s],
            IReadOnlyList<string> list => list,
            _ => throw new WatchPlanException($"Expecting {name} to be a string or []string"),
        };
    }

    private object? Take(string name)
    {
        var index = _entries.FindIndex(e => e.Key == name);
        if (index < 0)
        {
            return null;
        }

        var value = _entries[index].Value;
        _entries.RemoveAt(index);
        return value;
    }
}
