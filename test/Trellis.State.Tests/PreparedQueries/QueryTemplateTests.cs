using Trellis.Core.PreparedQueries;

namespace Trellis.State.Tests.PreparedQueries;

public class QueryTemplateTests
{
    private static PreparedQuery Template(string name, ServiceQuery service, string regexp = "", bool removeEmptyTags = false) => new()
    {
        ID = "id",
        Name = name,
        Template = new QueryTemplateOptions { Type = QueryTemplateOptions.NamePrefixMatch, Regexp = regexp, RemoveEmptyTags = removeEmptyTags },
        Service = service,
    };

    [Fact]
    public void Render_NameVariables_AreInterpolatedEverywhere()
    {
        var t = QueryTemplate.Compile(Template("geo-", new ServiceQuery
        {
            Service = "${name.suffix}",
            Near = "${name.full}",
            Tags = ["${name.prefix}", "x-${agent.segment}-y"],
            NodeMeta = new Dictionary<string, string> { ["dc"] = "${name.suffix}" },
            ServiceMeta = new Dictionary<string, string> { ["v"] = "$${literal}" },
            Failover = new QueryFailoverOptions { Datacenters = ["${name.suffix}-dc"] },
        }));
        var s = t.Render("geo-db", "seg").Service;
        Assert.Equal(("db", "geo-db"), (s.Service, s.Near));
        Assert.Equal(["geo-", "x-seg-y"], s.Tags!);
        Assert.Equal("db", s.NodeMeta!["dc"]);
        Assert.Equal("${literal}", s.ServiceMeta!["v"]);
        Assert.Equal(["db-dc"], s.Failover.Datacenters!);
    }

    [Fact]
    public void Render_RegexpMatches_ByPosition_MissingGroupsEmpty()
    {
        var t = QueryTemplate.Compile(Template("geo-", new ServiceQuery
        {
            Service = "${match(1)}",
            Tags = ["${match(2)}", "${match(9)}", "${match(0)}"],
        }, @"^geo-(?P<svc>[a-z]+)-?(\w*)$"));
        Assert.Equal(["primary", "", "geo-db-primary"], t.Render("geo-db-primary", "").Service.Tags!);
        Assert.Equal("db", t.Render("geo-db-primary", "").Service.Service);
        Assert.Equal("", t.Render("GEO-DB", "").Service.Service);
    }

    [Fact]
    public void Render_RemoveEmptyTags_DropsTagsThatRenderEmpty()
    {
        var t = QueryTemplate.Compile(Template("x-", new ServiceQuery { Service = "web", Tags = ["${match(1)}", "keep"] }, "^x-(v1)?", removeEmptyTags: true));
        Assert.Equal(["keep"], t.Render("x-", "").Service.Tags!);
        Assert.Equal(["v1", "keep"], t.Render("x-v1", "").Service.Tags!);
    }

    [Fact]
    public void Compile_BadMatchArgument_IsRefused()
    {
        var ex = Assert.Throws<QueryTemplateException>(() => QueryTemplate.Compile(Template("a", new ServiceQuery { Service = "${match(\"1\")}" })));
        Assert.Equal("Bad evaluation for '${match(\"1\")}' in Service.Service: match: argument 1 should be type int, got type string", ex.Message);
        var unknown = Assert.Throws<QueryTemplateException>(() => QueryTemplate.Compile(Template("a", new ServiceQuery { Service = "${upper(1)}" })));
        Assert.Equal("Bad evaluation for '${upper(1)}' in Service.Service: unknown function called: upper", unknown.Message);
    }
}
