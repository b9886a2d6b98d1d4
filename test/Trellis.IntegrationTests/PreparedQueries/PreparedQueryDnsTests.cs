// Request bodies are anonymous objects with literal arrays, built once per test.
#pragma warning disable CA1861

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Trellis.IntegrationTests.Infrastructure;
using Trellis.TestKit;
using Xunit.Abstractions;

namespace Trellis.IntegrationTests.PreparedQueries;

/// <summary>
/// <c>&lt;query&gt;.query.consul</c> against a real agent process, asked with Debian's <c>dig</c> over UDP and TCP: the
/// answers come from the prepared query (its filters, its DNS TTL, templates) and unknown names are NXDOMAIN.
/// </summary>
public sealed class PreparedQueryDnsTests(AgentFixture fixture, ITestOutputHelper output)
    : AgentTest(fixture, output), IClassFixture<AgentFixture>
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = null };
    private readonly string _id = Guid.NewGuid().ToString("N")[..10];

    private string Name(string s) => $"{s}-{_id}";

    private async Task RegisterAsync(string node, string address, string service, string[] tags, string status)
    {
        var reply = await Http.PutJsonAsync("v1/catalog/register", new
        {
            Node = node, Address = address,
            Service = new { Service = service, Tags = tags, Port = 8080 },
            Checks = new object[] { new { Name = "svc", Status = status, ServiceID = service } },
        });
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
    }

    private async Task CreateAsync(object body)
    {
        var reply = await Http.SendRawAsync(HttpMethod.Post, "v1/query", JsonContent.Create(body, options: Json));
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
    }

    /// <summary>Runs dig; returns the answer lines as (ttl, type, data) and the response status.</summary>
    private async Task<(List<(int Ttl, string Type, string Data)> Answers, string Status)> DigAsync(string name, string type, bool tcp = false)
    {
        string[] args =
        [
            "@" + Agent.Address, "-p", Agent.DnsPort.ToString(CultureInfo.InvariantCulture), name, type,
            "+noall", "+answer", "+comments", "+time=5", "+tries=2", tcp ? "+tcp" : "+notcp",
        ];
        var result = await ProcessRunner.RunAsync("dig", args, TimeSpan.FromSeconds(30));
        Assert.True(result.ExitCode == 0, result.ToString());
        var status = result.StdOut.Split("status: ", 2) is [_, var rest] ? rest.Split(',')[0] : "";
        var answers = result.StdOut.Split('\n')
            .Where(l => l.Length > 0 && !l.StartsWith(';'))
            .Select(l => l.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 5 && f[2] == "IN")
            .Select(f => (int.Parse(f[1], CultureInfo.InvariantCulture), f[3], string.Join(' ', f[4..])))
            .ToList();
        Note(result.ToString());
        return (answers, status);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task QueryName_AnswersFilteredInstances_WithQueryTtl(bool tcp)
    {
        var svc = Name("dnssvc");
        await RegisterAsync(Name("d1"), "10.77.0.1", svc, ["keep"], "passing");
        await RegisterAsync(Name("d2"), "10.77.0.2", svc, ["skip"], "passing");
        await RegisterAsync(Name("d3"), "10.77.0.3", svc, ["keep"], "critical");
        await CreateAsync(new { Name = Name("dnsq"), Service = new { Service = svc, Tags = new[] { "!skip" } }, DNS = new { TTL = "17s" } });

        var (a, status) = await DigAsync(Name("dnsq") + ".query.consul", "A", tcp);
        Assert.Equal("NOERROR", status);
        Assert.Equal([(17, "A", "10.77.0.1")], a);

        var (srv, _) = await DigAsync(Name("dnsq") + ".query.consul", "SRV", tcp);
        var record = Assert.Single(srv);
        Assert.Equal(("SRV", 17), (record.Type, record.Ttl));
        Assert.Contains(" 8080 ", record.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TemplateName_IsRendered_AndUnknownNameIsNxDomain()
    {
        var svc = Name("dnstsvc");
        await RegisterAsync(Name("t1"), "10.77.1.1", svc, [], "passing");
        await CreateAsync(new { Name = Name("dnst") + "-", Template = new { Type = "name_prefix_match" }, Service = new { Service = "${name.suffix}" } });

        var (hit, status) = await DigAsync($"{Name("dnst")}-{svc}.query.consul", "A");
        Assert.Equal("NOERROR", status);
        Assert.Equal(["10.77.1.1"], hit.Select(r => r.Data));

        var (_, missing) = await DigAsync(Name("nosuchquery") + ".query.consul", "A");
        Assert.Equal("NXDOMAIN", missing);
    }
}
