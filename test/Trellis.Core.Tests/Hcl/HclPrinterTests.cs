using System.Collections.Immutable;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Trellis.Core.Hcl;

namespace Trellis.Core.Tests.Hcl;

public class HclPrinterTests
{
    private static readonly Gen<string> Keys = Gen.OneOf(
        Gen.Elements("datacenter", "ports", "http", "a", "b-c", "x.y", "_u", "true", "node_name"),
        ArbMap.Default.GeneratorFor<string>().Where(s => s is not null));

    private static readonly Gen<HclValue> Scalars = Gen.OneOf(
        ArbMap.Default.GeneratorFor<string>().Where(s => s is not null).Select(s => (HclValue)HclScalar.String(s)),
        ArbMap.Default.GeneratorFor<long>().Select(l => (HclValue)HclScalar.Int(l)),
        ArbMap.Default.GeneratorFor<double>().Where(double.IsFinite).Select(d => (HclValue)HclScalar.Float(d)),
        ArbMap.Default.GeneratorFor<bool>().Select(b => (HclValue)HclScalar.Bool(b)));

    public static Arbitrary<HclObject> Trees() => Gen.Sized(size => ObjectGen(Math.Min(size, 12), 0)).ToArbitrary();

    private static Gen<HclObject> ObjectGen(int size, int depth) =>
        Gen.ListOf(Gen.Zip(Keys, ValueGen(size / 2, depth + 1)), Math.Min(size, 6))
            .Select(pairs =>
            {
                var unique = new Dictionary<string, HclValue>(StringComparer.Ordinal);
                foreach (var (k, v) in pairs)
                {
                    unique[k] = v;
                }

                return new HclObject(unique);
            });

    private static Gen<HclValue> ValueGen(int size, int depth) =>
        size <= 1 || depth > 4
            ? Scalars
            : Gen.Frequency(
                (4, Scalars),
                (1, ObjectGen(size, depth).Select(o => (HclValue)o)),
                (1, Gen.ListOf(ValueGen(size / 2, depth + 1), Math.Min(size, 5)).Select(l => (HclValue)new HclList(l.ToImmutableArray()))));

    [Property(Arbitrary = [typeof(HclPrinterTests)], MaxTest = 300)]
    public bool Print_ThenParse_GivesEqualTree(HclObject tree) => HclParser.Parse(HclPrinter.Print(tree)).Equals(tree);

    [Property(MaxTest = 500)]
    public bool Quote_ThenParse_GivesSameString(string value)
    {
        value ??= "";
        var parsed = HclParser.Parse("s = " + HclPrinter.Quote(value));
        return parsed.TryGetValue("s", out var v) && ((HclScalar)v).AsString == value;
    }

    [Fact]
    public void Trees_Generator_ProducesNestedObjectsAndLists()
    {
        var samples = Trees().Generator.Sample(12, 200);

        Assert.Contains(samples, t => t.Entries.Any(e => e.Value is HclObject { Count: > 0 }));
        Assert.Contains(samples, t => t.Entries.Any(e => e.Value is HclList { Count: > 0 }));
    }

    [Fact]
    public void Print_Float_KeepsFloatKind()
    {
        var tree = new HclObject([new("f", HclScalar.Float(3.0)), new("g", HclScalar.Float(1e300))]);

        var text = HclPrinter.Print(tree);

        Assert.Contains("f = 3.0", text, StringComparison.Ordinal);
        Assert.Equal(tree, HclParser.Parse(text));
    }

    [Fact]
    public void Print_RepeatedBlocksTree_ParsesBackToList()
    {
        var tree = HclParser.Parse("service { a = 1 }\nservice { a = 2 }\n");

        Assert.Equal(tree, HclParser.Parse(HclPrinter.Print(tree)));
    }

    private static readonly char[] Alphabet = "ab_1-0x.e\"\\{}[]=,#/*<EOF\n \t-+${}\u00e9uUn\r".ToCharArray();

    private static Gen<string> Garbage() =>
        Gen.OneOf(
            Gen.ArrayOf(Gen.Elements(Alphabet)).Select(cs => new string(cs)),
            ArbMap.Default.GeneratorFor<string>().Where(s => s is not null),
            Gen.Zip(Trees().Generator, Gen.Zip(Gen.Choose(0, 10_000), Gen.Elements(Alphabet))).Select(t => Mutate(HclPrinter.Print(t.Item1), t.Item2.Item1, t.Item2.Item2)));

    private static string Mutate(string text, int seed, char c)
    {
        if (text.Length == 0)
        {
            return c.ToString();
        }

        var sb = new StringBuilder(text);
        var at = seed % sb.Length;
        if (seed % 3 == 0)
        {
            sb.Remove(at, 1);
        }
        else
        {
            sb.Insert(at, c);
        }

        return sb.ToString();
    }

    [Property(MaxTest = 1000)]
    public Property Parse_Garbage_ThrowsOnlyHclParseException() =>
        Prop.ForAll(Garbage().ToArbitrary(), text =>
        {
            try
            {
                HclParser.Parse(text);
                HclJson.Parse(text);
            }
            catch (HclParseException)
            {
            }
        });

    [Fact]
    public async Task Parse_Garbage_NeverHangs()
    {
        var samples = Garbage().Sample(50, 2000);

        var work = Task.Run(() =>
        {
            foreach (var text in samples)
            {
                try
                {
                    HclParser.Parse(text);
                }
                catch (HclParseException)
                {
                }
            }
        });

        await work.WaitAsync(TimeSpan.FromSeconds(60));
    }
}
