using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Trellis.Core.Filtering;

namespace Trellis.Core.Tests.Filtering;

/// <summary>
/// The compiled evaluator against a tiny direct interpretation (reflection, no caching, no coercion tables) over
/// random records and random valid expressions.
/// </summary>
public class ExpressionFilterOracleTests
{
    public sealed record Probe
    {
        public string Name { get; init; } = "";

        public int Port { get; init; }

        public ulong Index { get; init; }

        public bool Enabled { get; init; }

        public double Weight { get; init; }

        public IReadOnlyList<string>? Tags { get; init; }

        public IReadOnlyDictionary<string, string>? Meta { get; init; }

        public ProbeChild? Child { get; init; }

        public IReadOnlyList<ProbeChild> Children { get; init; } = [];
    }

    public sealed record ProbeChild
    {
        public string Status { get; init; } = "";

        public int Code { get; init; }

        public IReadOnlyDictionary<string, string>? Labels { get; init; }
    }

    private static readonly string[] Strings = ["", "a", "b", "ab", "ba"];
    private static readonly string[] Keys = ["a", "b", "c"];

    private static readonly Gen<IReadOnlyDictionary<string, string>?> Maps = Gen.OneOf(
        Gen.Constant<IReadOnlyDictionary<string, string>?>(null),
        Gen.SubListOf(Keys).SelectMany(keys => Gen.ArrayOf(Gen.Elements(Strings), keys.Count)
            .Select(values => (IReadOnlyDictionary<string, string>?)keys.Zip(values).ToDictionary(p => p.First, p => p.Second))));

    private static readonly Gen<ProbeChild> Children =
        from status in Gen.Elements(Strings)
        from code in Gen.Choose(0, 2)
        from labels in Maps
        select new ProbeChild { Status = status, Code = code, Labels = labels };

    private static readonly Gen<Probe> Probes =
        from name in Gen.Elements(Strings)
        from port in Gen.Choose(-1, 2)
        from index in Gen.Choose(0, 2)
        from enabled in Gen.Elements(true, false)
        from weight in Gen.Elements(0.0, 1.5, 2.0)
        from tags in Gen.OneOf(Gen.Constant<IReadOnlyList<string>?>(null), Gen.ListOf(Gen.Elements(Strings), 3).Select(l => (IReadOnlyList<string>?)l.ToList()))
        from meta in Maps
        from child in Gen.OneOf(Gen.Constant<ProbeChild?>(null), Children.Select(c => (ProbeChild?)c))
        from children in Gen.ListOf(Children, 3)
        select new Probe
        {
            Name = name, Port = port, Index = (ulong)index, Enabled = enabled, Weight = weight, Tags = tags, Meta = meta,
            Child = child, Children = children.ToList(),
        };

    private enum Kind { String, Int, Uint, Bool, Double, StringList, Map, RecordList }

    private static readonly (string[] Path, Kind Kind)[] Fields =
    [
        (["Name"], Kind.String), (["Port"], Kind.Int), (["Index"], Kind.Uint), (["Enabled"], Kind.Bool),
        (["Weight"], Kind.Double), (["Tags"], Kind.StringList), (["Meta"], Kind.Map), (["Meta", "a"], Kind.String),
        (["Meta", "c"], Kind.String), (["Child", "Status"], Kind.String), (["Child", "Code"], Kind.Int),
        (["Child", "Labels"], Kind.Map), (["Child", "Labels", "b"], Kind.String), (["Children"], Kind.RecordList),
        (["Children", "Status"], Kind.String), (["Children", "Code"], Kind.Int), (["Children", "Labels", "a"], Kind.String),
        (["Children", "Labels"], Kind.Map),
    ];

    private static FilterMatchOperator[] OperatorsFor(Kind kind) => kind switch
    {
        Kind.String => Enum.GetValues<FilterMatchOperator>(),
        Kind.StringList or Kind.Map =>
            [FilterMatchOperator.In, FilterMatchOperator.NotIn, FilterMatchOperator.IsEmpty, FilterMatchOperator.IsNotEmpty],
        Kind.RecordList => [FilterMatchOperator.IsEmpty, FilterMatchOperator.IsNotEmpty],
        _ => [FilterMatchOperator.Equal, FilterMatchOperator.NotEqual],
    };

    private static Gen<string> ValuesFor(Kind kind, FilterMatchOperator op) => kind switch
    {
        Kind.Int => Gen.Elements("-1", "0", "1", "2"),
        Kind.Uint => Gen.Elements("0", "1", "2"),
        Kind.Bool => Gen.Elements("true", "false", "1", "0", "t", "F"),
        Kind.Double => Gen.Elements("0", "1.5", "2", "2.0"),
        Kind.Map => Gen.Elements(Keys),
        _ when op is FilterMatchOperator.Matches or FilterMatchOperator.NotMatches => Gen.Elements("^a", "b$", "a|b", "^$", "ab"),
        _ => Gen.Elements(Strings),
    };

    private static readonly Gen<FilterExpression> Matches =
        from field in Gen.Elements(Fields)
        from op in Gen.Elements(OperatorsFor(field.Kind))
        from value in ValuesFor(field.Kind, op)
        select (FilterExpression)new FilterMatchExpression(
            new FilterSelector(FilterSelectorType.Bexpr, field.Path), op,
            op is FilterMatchOperator.IsEmpty or FilterMatchOperator.IsNotEmpty ? null : value);

    private static Gen<FilterExpression> Expressions(int size) =>
        size <= 1
            ? Matches
            : Gen.Frequency(
                (3, Matches),
                (1, Expressions(size - 1).Select(e => (FilterExpression)new FilterNotExpression(e))),
                (2, from op in Gen.Elements(FilterBinaryOperator.And, FilterBinaryOperator.Or)
                    from left in Expressions(size / 2)
                    from right in Expressions(size / 2)
                    select (FilterExpression)new FilterBinaryExpression(op, left, right)));

    private static readonly Gen<(FilterExpression Expression, Probe[] Probes)> Cases =
        Gen.Sized(size => Gen.Zip(Expressions(Math.Min(size, 8)), Gen.ArrayOf(Probes, 8)));

    [FsCheck.Xunit.Property(MaxTest = 400)]
    public Property Matches_AgreesWithDirectInterpretation() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var filter = ExpressionFilter<Probe>.Create(FilterPrinter.Print(c.Expression));
            foreach (var probe in c.Probes)
            {
                Assert.Equal(Oracle(c.Expression, probe), filter.Matches(probe));
            }
        });

    [Fact]
    public void Cases_Generator_GivesBothOutcomes()
    {
        var outcomes = Cases.Sample(20, 200).SelectMany(c => c.Probes.Select(p => Oracle(c.Expression, p))).ToList();

        Assert.Contains(true, outcomes);
        Assert.Contains(false, outcomes);
    }

    // ---- the direct interpretation ----

    private static bool Oracle(FilterExpression expression, Probe probe) => expression switch
    {
        FilterBinaryExpression { Operator: FilterBinaryOperator.And } b => Oracle(b.Left, probe) && Oracle(b.Right, probe),
        FilterBinaryExpression b => Oracle(b.Left, probe) || Oracle(b.Right, probe),
        FilterNotExpression n => !Oracle(n.Operand, probe),
        FilterMatchExpression m => At(m, typeof(Probe), probe, 0),
        _ => throw new InvalidOperationException(),
    };

    private static bool Absent(FilterMatchOperator op) =>
        op is FilterMatchOperator.NotEqual or FilterMatchOperator.NotIn or FilterMatchOperator.IsEmpty or FilterMatchOperator.NotMatches;

    private static bool At(FilterMatchExpression m, Type type, object? value, int depth)
    {
        if (depth == m.Selector.Path.Count)
        {
            return Leaf(m, type, value);
        }

        var segment = m.Selector.Path[depth];
        if (type == typeof(IReadOnlyList<ProbeChild>))
        {
            return ((IReadOnlyList<ProbeChild>)value!).Any(child => At(m, typeof(ProbeChild), child, depth));
        }

        if (type == typeof(IReadOnlyDictionary<string, string>))
        {
            var map = (IReadOnlyDictionary<string, string>?)value;
            return map is not null && map.TryGetValue(segment, out var text) ? At(m, typeof(string), text, depth + 1) : Absent(m.Operator);
        }

        if (value is null)
        {
            return Absent(m.Operator);
        }

        var property = type.GetProperty(segment)!;
        return At(m, property.PropertyType, property.GetValue(value), depth + 1);
    }

    private static bool Leaf(FilterMatchExpression m, Type type, object? value)
    {
        var raw = m.Value;
        bool Equal(bool equal) => m.Operator == FilterMatchOperator.Equal ? equal : !equal;
        if (type == typeof(string))
        {
            var s = (string?)value ?? "";
            return m.Operator switch
            {
                FilterMatchOperator.Equal => s == raw,
                FilterMatchOperator.NotEqual => s != raw,
                FilterMatchOperator.In => s.Contains(raw!, StringComparison.Ordinal),
                FilterMatchOperator.NotIn => !s.Contains(raw!, StringComparison.Ordinal),
                FilterMatchOperator.IsEmpty => s.Length == 0,
                FilterMatchOperator.IsNotEmpty => s.Length != 0,
                FilterMatchOperator.Matches => Regex.IsMatch(s, raw!),
                _ => !Regex.IsMatch(s, raw!),
            };
        }

        if (type == typeof(int))
        {
            return Equal((int)value! == int.Parse(raw!, System.Globalization.CultureInfo.InvariantCulture));
        }

        if (type == typeof(ulong))
        {
            return Equal((ulong)value! == ulong.Parse(raw!, System.Globalization.CultureInfo.InvariantCulture));
        }

        if (type == typeof(bool))
        {
            return Equal((bool)value! == raw is "true" or "1" or "t");
        }

        if (type == typeof(double))
        {
            return Equal((double)value! == double.Parse(raw!, System.Globalization.CultureInfo.InvariantCulture));
        }

        var empty = type == typeof(IReadOnlyList<string>) ? ((IReadOnlyList<string>?)value)?.Count is null or 0
            : type == typeof(IReadOnlyDictionary<string, string>) ? ((IReadOnlyDictionary<string, string>?)value)?.Count is null or 0
            : ((IReadOnlyList<ProbeChild>)value!).Count == 0;
        if (m.Operator is FilterMatchOperator.IsEmpty or FilterMatchOperator.IsNotEmpty)
        {
            return empty == (m.Operator == FilterMatchOperator.IsEmpty);
        }

        var contains = type == typeof(IReadOnlyList<string>) ? ((IReadOnlyList<string>?)value)?.Contains(raw) == true
            : type == typeof(IReadOnlyDictionary<string, string>) && ((IReadOnlyDictionary<string, string>?)value)?.ContainsKey(raw!) == true;
        return contains == (m.Operator == FilterMatchOperator.In);
    }
}
