using System.Text;
using Trellis.Core.Catalog;
using Trellis.Core.Checks;
using Trellis.Core.Errors;
using Trellis.Core.Filtering;
using Trellis.Core.Kv;

namespace Trellis.Core.Tests.Filtering;

public class ExpressionFilterTests
{
    private static readonly ServiceEntry Web1 = Entry(
        "node-1", "web-1", "web", 8080, ["v1", "primary"], new Dictionary<string, string> { ["version"] = "1.2", ["env"] = "prod" },
        [Check("serfHealth", HealthStatus.Passing, ""), Check("service:web-1", HealthStatus.Passing, "web-1")]);

    private static readonly ServiceEntry Web2 = Entry(
        "node-2", "web-2", "web", 8081, ["v2"], new Dictionary<string, string> { ["version"] = "2.0" },
        [Check("serfHealth", HealthStatus.Passing, ""), Check("service:web-2", HealthStatus.Critical, "web-2")]);

    private static readonly ServiceEntry Db = Entry(
        "node-2", "db", "db", 5432, null, null, []);

    private static readonly ServiceEntry[] All = [Web1, Web2, Db];

    private static ServiceEntry Entry(
        string node, string id, string service, int port, IReadOnlyList<string>? tags, IReadOnlyDictionary<string, string>? meta,
        IReadOnlyList<HealthCheck> checks) => new()
        {
            Node = new CatalogNode
            {
                Node = node,
                Address = node == "node-1" ? "10.0.0.1" : "10.0.0.2",
                Datacenter = "dc1",
                Meta = new Dictionary<string, string> { ["rack"] = node == "node-1" ? "r1" : "r2" },
            },
            Service = new NodeService
            {
                ID = id,
                Service = service,
                Port = port,
                Tags = tags,
                Meta = meta,
                EnableTagOverride = service == "db",
                ModifyIndex = (ulong)port,
                TaggedAddresses = service == "web"
                    ? new Dictionary<string, ServiceAddress> { ["lan"] = new() { Address = "10.1.0.1", Port = port } }
                    : null,
            },
            Checks = checks,
        };

    private static HealthCheck Check(string id, string status, string serviceId) =>
        new() { CheckID = id, Status = status, ServiceID = serviceId, Node = "n" };

    private static string[] Ids(string filter) =>
        ExpressionFilter<ServiceEntry>.Create(filter).Apply(All).Select(e => e.Service.ID).ToArray();

    [Theory]
    [InlineData("Service.Service == web", new[] { "web-1", "web-2" })]
    [InlineData("Service.Service != web", new[] { "db" })]
    [InlineData("Service.ID == \"web-1\"", new[] { "web-1" })]
    [InlineData("eb in Service.Service", new[] { "web-1", "web-2" })]
    [InlineData("Service.Service contains d", new[] { "db" })]
    [InlineData("Service.Service not contains d", new[] { "web-1", "web-2" })]
    [InlineData("Service.ID matches \"^web-[0-9]$\"", new[] { "web-1", "web-2" })]
    [InlineData("Service.ID not matches `-1$`", new[] { "web-2", "db" })]
    [InlineData("Service.Kind is empty", new[] { "web-1", "web-2", "db" })]
    [InlineData("Service.Service is not empty", new[] { "web-1", "web-2", "db" })]
    public void Apply_StringOperators_SelectEntries(string filter, string[] expected) => Assert.Equal(expected, Ids(filter));

    [Theory]
    [InlineData("Service.Port == 8080", new[] { "web-1" })]
    [InlineData("Service.Port != 8080", new[] { "web-2", "db" })]
    [InlineData("Service.Port == \"0x1F90\"", new[] { "web-1" })]
    [InlineData("Service.Port == \"0o17620\"", new[] { "web-1" })]
    [InlineData("Service.Port == \"017620\"", new[] { "web-1" })]
    [InlineData("Service.Port == \"8_080\"", new[] { "web-1" })]
    [InlineData("Service.Port == \"+8080\"", new[] { "web-1" })]
    [InlineData("Service.Port == \"0b1010100111000\"", new[] { "db" })]
    [InlineData("Service.ModifyIndex == 8081", new[] { "web-2" })]
    [InlineData("Service.Weights.Passing == 1", new[] { "web-1", "web-2", "db" })]
    public void Apply_IntegerFields_CoerceValueLikeStrconv(string filter, string[] expected) => Assert.Equal(expected, Ids(filter));

    [Theory]
    [InlineData("Service.EnableTagOverride == true", new[] { "db" })]
    [InlineData("Service.EnableTagOverride == T", new[] { "db" })]
    [InlineData("Service.EnableTagOverride == 1", new[] { "db" })]
    [InlineData("Service.EnableTagOverride != true", new[] { "web-1", "web-2" })]
    [InlineData("Service.EnableTagOverride == False", new[] { "web-1", "web-2" })]
    public void Apply_BoolField_CoercesLikeParseBool(string filter, string[] expected) => Assert.Equal(expected, Ids(filter));

    [Theory]
    [InlineData("v1 in Service.Tags", new[] { "web-1" })]
    [InlineData("Service.Tags contains v2", new[] { "web-2" })]
    [InlineData("v1 not in Service.Tags", new[] { "web-2", "db" })]
    [InlineData("Service.Tags is empty", new[] { "db" })]
    [InlineData("Service.Tags is not empty", new[] { "web-1", "web-2" })]
    public void Apply_ListOfStrings_InAndEmptiness(string filter, string[] expected) => Assert.Equal(expected, Ids(filter));

    [Theory]
    [InlineData("env in Service.Meta", new[] { "web-1" })]
    [InlineData("env not in Service.Meta", new[] { "web-2", "db" })]
    [InlineData("Service.Meta is empty", new[] { "db" })]
    [InlineData("Service.Meta.version == \"2.0\"", new[] { "web-2" })]
    [InlineData("Service.Meta[\"version\"] != \"2.0\"", new[] { "web-1", "db" })]
    [InlineData("Service.Meta.env is empty", new[] { "web-2", "db" })]
    [InlineData("Service.Meta.env is not empty", new[] { "web-1" })]
    [InlineData("Service.Meta.env matches \"^p\"", new[] { "web-1" })]
    [InlineData("Service.Meta.env not matches \"^p\"", new[] { "web-2", "db" })]
    [InlineData("Service.Meta.env contains ro", new[] { "web-1" })]
    [InlineData("Node.Meta.rack == r2", new[] { "web-2", "db" })]
    public void Apply_MapOfStrings_KeysValuesAndMissingKeys(string filter, string[] expected) => Assert.Equal(expected, Ids(filter));

    [Theory]
    [InlineData("Service.TaggedAddresses.lan.Port == 8081", new[] { "web-2" })]
    [InlineData("Service.TaggedAddresses.lan.Address == \"10.1.0.1\"", new[] { "web-1", "web-2" })]
    [InlineData("Service.TaggedAddresses.wan.Port != 1", new[] { "web-1", "web-2", "db" })]
    [InlineData("Node.Address == \"10.0.0.1\"", new[] { "web-1" })]
    public void Apply_MapOfRecordsAndNestedRecords_Traverse(string filter, string[] expected) => Assert.Equal(expected, Ids(filter));

    [Theory]
    [InlineData("Checks.Status == critical", new[] { "web-2" })]
    [InlineData("Checks.Status == passing", new[] { "web-1", "web-2" })]
    [InlineData("Checks.Status != passing", new[] { "web-2" })]
    [InlineData("not Checks.Status == critical", new[] { "web-1", "db" })]
    [InlineData("Checks.ServiceID is empty", new[] { "web-1", "web-2" })]
    [InlineData("Checks is empty", new[] { "db" })]
    [InlineData("Checks is not empty", new[] { "web-1", "web-2" })]
    [InlineData("Checks.CheckID == \"service:web-2\" and Checks.Status == passing", new[] { "web-2" })]
    public void Apply_ListOfRecords_AnyElementMatches(string filter, string[] expected) => Assert.Equal(expected, Ids(filter));

    [Theory]
    [InlineData("Service.Service == web and Service.Port == 8081", new[] { "web-2" })]
    [InlineData("Service.Port == 8080 or Service.Port == 5432", new[] { "web-1", "db" })]
    [InlineData("not Service.Service == web", new[] { "db" })]
    [InlineData("not (Service.Port == 8080 or Service.Port == 5432)", new[] { "web-2" })]
    [InlineData("(Service.Service == db or v2 in Service.Tags) and Node.Node == \"node-2\"", new[] { "web-2", "db" })]
    public void Apply_LogicalOperators_Combine(string filter, string[] expected) => Assert.Equal(expected, Ids(filter));

    [Fact]
    public void Apply_JsonPointerSelector_SelectsLikeDottedOne()
    {
        Assert.Equal(Ids("Service.Meta.version == \"1.2\""), Ids("\"/Service/Meta/version\" == \"1.2\""));
    }

    [Fact]
    public void Create_EmptyExpression_MatchesEverything()
    {
        Assert.Equal(3, ExpressionFilter<ServiceEntry>.Create("").Apply(All).Count);
        Assert.Null(ExpressionFilter<ServiceEntry>.Create(null).Expression);
    }

    [Theory]
    [InlineData("Foo == 1", "Selector \"Foo\" is not valid")]
    [InlineData("Service.Foo == 1", "Selector \"Service.Foo\" is not valid")]
    [InlineData("service.Service == web", "Selector \"service\" is not valid")]
    [InlineData("Service.Port.X == 1", "Selector \"Service.Port.X\" is not valid")]
    [InlineData("Service.Tags.X == 1", "Selector \"Service.Tags.X\" is not valid")]
    [InlineData("Checks.Nope == 1", "Selector \"Checks.Nope\" is not valid")]
    [InlineData("Service.Port contains 1", "Invalid match operator \"In\" for selector \"Service.Port\"")]
    [InlineData("Service.Port is empty", "Invalid match operator \"Is Empty\" for selector \"Service.Port\"")]
    [InlineData("Service.Tags == x", "Invalid match operator \"Equal\" for selector \"Service.Tags\"")]
    [InlineData("Service.Meta matches x", "Invalid match operator \"Matches\" for selector \"Service.Meta\"")]
    [InlineData("Service == x", "Invalid match operator \"Equal\" for selector \"Service\"")]
    [InlineData("Checks == x", "Invalid match operator \"Equal\" for selector \"Checks\"")]
    [InlineData("Service.Port == abc", "Failed to coerce value \"abc\" for selector \"Service.Port\": strconv.ParseInt: parsing \"abc\": invalid syntax")]
    [InlineData("Service.Port == 99999999999999999999", "Failed to coerce value \"99999999999999999999\" for selector \"Service.Port\": strconv.ParseInt: parsing \"99999999999999999999\": value out of range")]
    [InlineData("Service.ModifyIndex == -1", "Failed to coerce value \"-1\" for selector \"Service.ModifyIndex\": strconv.ParseUint: parsing \"-1\": invalid syntax")]
    [InlineData("Service.EnableTagOverride == yes", "Failed to coerce value \"yes\" for selector \"Service.EnableTagOverride\": strconv.ParseBool: parsing \"yes\": invalid syntax")]
    [InlineData("Service.Port == \"1__000\"", "Failed to coerce value \"1__000\" for selector \"Service.Port\": strconv.ParseInt: parsing \"1__000\": invalid syntax")]
    [InlineData("Service.Port == 0x50", "1:18 (17): rule \"number\": Invalid number literal")]
    public void Create_InvalidForType_ThrowsConsulError(string filter, string error)
    {
        var e = Assert.Throws<InvalidRequestException>(() => ExpressionFilter<ServiceEntry>.Create(filter));

        Assert.Equal("Failed to create boolean expression evaluator: " + error, e.Message);
    }

    [Fact]
    public void Create_InvalidRegex_ThrowsCompileError()
    {
        var e = Assert.Throws<InvalidRequestException>(() => ExpressionFilter<ServiceEntry>.Create("Service.ID matches \"(\""));

        Assert.StartsWith("Failed to create boolean expression evaluator: Failed to compile regular expression \"(\": error parsing regexp: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_UnderscoresWithPrefix_AreAccepted()
    {
        Assert.Equal(["web-1"], Ids("Service.Port == \"0x1f_90\""));
    }

    [Fact]
    public void Matches_NodeServiceRecord_FiltersAgentServices()
    {
        var filter = ExpressionFilter<NodeService>.Create("Service == web and v1 in Tags and Meta.env == prod and Port == 8080");

        Assert.True(filter.Matches(Web1.Service));
        Assert.False(filter.Matches(Web2.Service));
    }

    [Fact]
    public void Matches_HealthCheckRecord_FiltersChecks()
    {
        var check = new HealthCheck
        {
            CheckID = "c1",
            Status = HealthStatus.Warning,
            ServiceTags = ["a"],
            Definition = new HealthCheckDefinition
            {
                HTTP = "http://x",
                Header = new Dictionary<string, IReadOnlyList<string>> { ["X-Auth"] = ["secret"] },
            },
        };

        Assert.True(ExpressionFilter<HealthCheck>.Create("Status == warning and a in ServiceTags").Matches(check));
        Assert.True(ExpressionFilter<HealthCheck>.Create("secret in Definition.Header[\"X-Auth\"]").Matches(check));
        Assert.True(ExpressionFilter<HealthCheck>.Create("Definition.Header.Other is empty").Matches(check));
        Assert.True(ExpressionFilter<HealthCheck>.Create("Definition.TCP is empty and Definition.HTTP contains http").Matches(check));
        Assert.False(ExpressionFilter<HealthCheck>.Create("Definition.TLSSkipVerify == true").Matches(check));
    }

    [Fact]
    public void Matches_CatalogNodeRecord_FiltersNodes()
    {
        var filter = ExpressionFilter<CatalogNode>.Create("Meta.rack == r1 and Datacenter == dc1 and TaggedAddresses is empty");

        Assert.True(filter.Matches(Web1.Node));
        Assert.False(filter.Matches(Web2.Node));
    }

    [Fact]
    public void Matches_KvEntry_SelectsKeysFlagsSessionAndValueBytes()
    {
        var entry = new KvEntry { Key = "config/web", Flags = 42, Value = Encoding.ASCII.GetBytes("A"), Session = null };

        Assert.True(ExpressionFilter<KvEntry>.Create("Key matches \"^config/\" and Flags == 42").Matches(entry));
        Assert.True(ExpressionFilter<KvEntry>.Create("Session is empty").Matches(entry));
        Assert.True(ExpressionFilter<KvEntry>.Create("65 in Value").Matches(entry));
        Assert.False(ExpressionFilter<KvEntry>.Create("Value is empty").Matches(entry));
        Assert.Throws<InvalidRequestException>(() => ExpressionFilter<KvEntry>.Create("Flags == -1"));
    }

    [Fact]
    public void Apply_ManyInstances_KeepsOrderAndCount()
    {
        var many = Enumerable.Range(0, 20_000).Select(i => i % 3 == 0 ? Web1 : i % 3 == 1 ? Web2 : Db).ToList();

        var result = ExpressionFilter<ServiceEntry>.Create("Checks.Status == critical or Service.Port == 5432").Apply(many);

        Assert.Equal(many.Count(e => e == Web2 || e == Db), result.Count);
        Assert.All(result, e => Assert.NotEqual(Web1, e));
    }

    public sealed record Numbers
    {
        public float Ratio { get; init; }

        public double Score { get; init; }

        public uint Count { get; init; }

        public short Small { get; init; }

        public int? Optional { get; init; }

        public IReadOnlyList<int> Codes { get; init; } = [];

        public DayOfWeek Day { get; init; }
    }

    [Theory]
    [InlineData("Ratio == 0.1", true)]
    [InlineData("Ratio == 0.2", false)]
    [InlineData("Score == 2.5", true)]
    [InlineData("Score == \"2.5e0\"", true)]
    [InlineData("Score != 2.5", false)]
    [InlineData("Count == 7", true)]
    [InlineData("Small == -3", true)]
    [InlineData("Optional == 5", true)]
    [InlineData("Optional != 5", false)]
    [InlineData("404 in Codes", true)]
    [InlineData("\"0x194\" in Codes", true)]
    [InlineData("500 in Codes", false)]
    [InlineData("Codes is not empty", true)]
    public void Matches_NumericFields_CompareAfterCoercion(string filter, bool expected)
    {
        var numbers = new Numbers { Ratio = 0.1f, Score = 2.5, Count = 7, Small = -3, Optional = 5, Codes = [200, 404] };

        Assert.Equal(expected, ExpressionFilter<Numbers>.Create(filter).Matches(numbers));
    }

    [Fact]
    public void Matches_NullNullableField_IsNotEqualToAnything()
    {
        var numbers = new Numbers { Optional = null };

        Assert.False(ExpressionFilter<Numbers>.Create("Optional == 0").Matches(numbers));
        Assert.True(ExpressionFilter<Numbers>.Create("Optional != 0").Matches(numbers));
    }

    [Theory]
    [InlineData("Ratio == abc", "Failed to coerce value \"abc\" for selector \"Ratio\": strconv.ParseFloat: parsing \"abc\": invalid syntax")]
    [InlineData("Ratio == \"1e39\"", "Failed to coerce value \"1e39\" for selector \"Ratio\": strconv.ParseFloat: parsing \"1e39\": value out of range")]
    [InlineData("Codes contains x", "Failed to coerce value \"x\" for selector \"Codes\": strconv.ParseInt: parsing \"x\": invalid syntax")]
    [InlineData("Day == Monday", "Selector \"Day\" is not valid")]
    public void Create_BadNumericValue_ThrowsConsulError(string filter, string error)
    {
        var e = Assert.Throws<InvalidRequestException>(() => ExpressionFilter<Numbers>.Create(filter));

        Assert.Equal("Failed to create boolean expression evaluator: " + error, e.Message);
    }
}
