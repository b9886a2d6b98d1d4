using System.Text;
using Microsoft.AspNetCore.Http;
using System.Text.Json;
using Trellis.Cli.Commands.Services;
using Trellis.Cli.Tests.TestSupport;
using Trellis.Core.Catalog;
using Trellis.Core.Services;

namespace Trellis.Cli.Tests.Commands.Services;

public sealed class ServicesCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("trellis-cli-services-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Register_Flags_PutsRegistrationAndReportsName()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => "");
        var run = await CliRun.AgainstAsync(agent, "services", "register", "-name=web", "-id=web1", "-port=8080",
            "-address=10.0.0.5", "-tag=v1", "-tag=blue", "-meta=team=a", "-tagged-address=wan=1.2.3.4:80");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("Registered service: web\n", run.Out);
        var request = Assert.Single(agent.Requests);
        Assert.Equal(("PUT", "/v1/agent/service/register"), (request.Method, request.PathAndQuery));
        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.Equal(("web1", "web", 8080, "10.0.0.5"),
            (root.GetProperty("ID").GetString(), root.GetProperty("Name").GetString(), root.GetProperty("Port").GetInt32(),
                root.GetProperty("Address").GetString()));
        Assert.Equal(["v1", "blue"], root.GetProperty("Tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("a", root.GetProperty("Meta").GetProperty("team").GetString());
        Assert.Equal(("1.2.3.4", 80), (root.GetProperty("TaggedAddresses").GetProperty("wan").GetProperty("Address").GetString(),
            root.GetProperty("TaggedAddresses").GetProperty("wan").GetProperty("Port").GetInt32()));
    }

    [Fact]
    public async Task Register_NothingGiven_FailsWithConsulMessage()
    {
        var run = await CliRun.RunAsync(["services", "register"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("Service registration requires at least one argument or flags.\n", run.Error);
    }

    [Fact]
    public async Task Register_FileAndName_FailsWithConsulMessage()
    {
        var run = await CliRun.RunAsync(["services", "register", "-name=web", "web.hcl"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("Service registration requires arguments or -id, not both.\n", run.Error);
    }

    [Fact]
    public async Task Register_HclFileWithTwoBlocks_RegistersEachWithChecks()
    {
        var file = Write("web.hcl", """
            service {
              name = "web"
              id   = "web-1"
              port = 8080
              tags = ["v1"]
              meta = { build_id = "42" }
              enable_tag_override = true
              check {
                id       = "web-http"
                http     = "http://127.0.0.1:8080/health"
                interval = "10s"
                deregister_critical_service_after = "90m"
              }
            }
            service {
              name = "db"
              checks = [{ ttl = "30s" }, { tcp = "127.0.0.1:5432", interval = "5s", tcp_use_tls = true }]
              tagged_addresses = { lan_ipv4 = { address = "10.0.0.9", port = 5432 } }
            }
            """);
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => "");
        var run = await CliRun.AgainstAsync(agent, "services", "register", file);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("Registered service: web\nRegistered service: db\n", run.Out);
        var bodies = agent.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.Equal(2, bodies.Count);
        var web = bodies[0];
        Assert.Equal(("web-1", 8080, true), (web.GetProperty("ID").GetString(), web.GetProperty("Port").GetInt32(),
            web.GetProperty("EnableTagOverride").GetBoolean()));
        Assert.Equal("42", web.GetProperty("Meta").GetProperty("build_id").GetString());
        var check = web.GetProperty("Check");
        Assert.Equal(("web-http", "http://127.0.0.1:8080/health", "10s", "90m"),
            (check.GetProperty("ID").GetString(), check.GetProperty("HTTP").GetString(), check.GetProperty("Interval").GetString(),
                check.GetProperty("DeregisterCriticalServiceAfter").GetString()));
        var db = bodies[1];
        Assert.Equal("30s", db.GetProperty("Checks")[0].GetProperty("TTL").GetString());
        Assert.True(db.GetProperty("Checks")[1].GetProperty("TCPUseTLS").GetBoolean());
        Assert.Equal("10.0.0.9", db.GetProperty("TaggedAddresses").GetProperty("lan_ipv4").GetProperty("Address").GetString());
    }

    [Fact]
    public async Task Register_JsonFileServicesList_CamelOrSnakeKeys()
    {
        var file = Write("svc.json", """
            {"services": [{"Name": "api", "Port": 9000}, {"name": "worker", "id": "worker-7"}]}
            """);
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => "");
        var run = await CliRun.AgainstAsync(agent, "services", "register", file);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("Registered service: api\nRegistered service: worker\n", run.Out);
        var bodies = agent.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.Equal(9000, bodies[0].GetProperty("Port").GetInt32());
        Assert.Equal("worker-7", bodies[1].GetProperty("ID").GetString());
    }

    [Fact]
    public async Task Register_BadFile_ReportsErrorWithoutCallingAgent()
    {
        var file = Write("bad.hcl", "service { name = \n");
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => "");
        var run = await CliRun.AgainstAsync(agent, "services", "register", file);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Error: ", run.Error);
        Assert.Contains("bad.hcl", run.Error, StringComparison.Ordinal);
        Assert.Empty(agent.Requests);
    }

    [Fact]
    public async Task Register_MissingFile_ReportsOpenFailure()
    {
        var run = await CliRun.RunAsync(["services", "register", Path.Combine(_dir, "none.hcl")]);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Error: config: Open failed on", run.Error);
    }

    [Fact]
    public async Task Register_AgentRefuses_ReportsServiceName()
    {
        await using var agent = await FakeAgent.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("Invalid service address");
        });
        var run = await CliRun.AgainstAsync(agent, "services", "register", "-name=web");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("Error registering service \"web\": Unexpected response code: 400 (Invalid service address)\n", run.Error);
    }

    [Fact]
    public async Task Deregister_Id_PutsDeregister()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => "");
        var run = await CliRun.AgainstAsync(agent, "services", "deregister", "-id=web-1");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Deregistered service: web-1\n", run.Out);
        Assert.Equal(("PUT", "/v1/agent/service/deregister/web-1"), (agent.Requests.Single().Method, agent.Requests.Single().PathAndQuery));
    }

    [Fact]
    public async Task Deregister_File_UsesIdElseName()
    {
        var file = Write("two.hcl", "service { name = \"web\" \n id = \"web-1\" }\nservice { name = \"db\" }\n");
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => "");
        var run = await CliRun.AgainstAsync(agent, "services", "deregister", file);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Deregistered service: web-1\nDeregistered service: db\n", run.Out);
        Assert.Equal(["/v1/agent/service/deregister/web-1", "/v1/agent/service/deregister/db"],
            agent.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task Deregister_NeitherOrBoth_FailsWithConsulMessages()
    {
        var none = await CliRun.RunAsync(["services", "deregister"]);
        Assert.Equal((1, "Service deregistration requires at least one argument or -id.\n"), (none.ExitCode, none.Error));
        var both = await CliRun.RunAsync(["services", "deregister", "-id=x", "f.hcl"]);
        Assert.Equal((1, "Service deregistration requires arguments or -id, not both.\n"), (both.ExitCode, both.Error));
    }

    [Fact]
    public void Combine_FileAndFlags_FileWinsScalarsFlagsAddTagsAndMeta()
    {
        var file = new ServiceDefinition
        {
            Name = "web",
            Port = 80,
            Tags = ["a"],
            Meta = new Dictionary<string, string> { ["k"] = "file", ["f"] = "1" },
        };
        var flags = new ServiceDefinition
        {
            ID = "web-9",
            Name = "ignored",
            Port = 81,
            Address = "10.0.0.1",
            Tags = ["b"],
            Meta = new Dictionary<string, string> { ["k"] = "flag" },
        };
        var combined = ServicesRegisterCommand.Combine(file, flags);
        Assert.Equal(("web-9", "web", 80, "10.0.0.1"), (combined.ID, combined.Name, combined.Port, combined.Address));
        Assert.Equal(["a", "b"], combined.Tags);
        Assert.Equal(new Dictionary<string, string> { ["k"] = "flag", ["f"] = "1" }, combined.Meta);
    }

    [Theory]
    [InlineData("1.2.3.4:80", "1.2.3.4", 80)]
    [InlineData("host.example", "host.example", 0)]
    [InlineData("[::1]:8500", "::1", 8500)]
    [InlineData("::1", "::1", 0)]
    public void TryParseServiceAddress_Forms_SplitHostAndPort(string value, string host, int port)
    {
        Assert.True(ServicesRegisterCommand.TryParseServiceAddress(value, out var address, out _));
        Assert.Equal(new ServiceAddress { Address = host, Port = port }, address);
    }

    [Fact]
    public async Task Register_BadTaggedAddressPort_Fails()
    {
        var run = await CliRun.RunAsync(["services", "register", "-name=web", "-tagged-address=wan=1.2.3.4:http"]);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Invalid Tagged Address: ", run.Error);
    }

    [Fact]
    public async Task Register_Socket_RefusedAsUnsupported()
    {
        var run = await CliRun.RunAsync(["services", "register", "-name=web", "-socket=/tmp/web.sock"]);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Error: -socket", run.Error);
    }

    [Fact]
    public async Task Register_FileWithInvalidCheck_FailsLikeTheAgentConfig()
    {
        var file = Write("badcheck.hcl", "service {\n name = \"web\"\n check { http = \"http://127.0.0.1/\" }\n}\n");
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => "");
        var run = await CliRun.AgainstAsync(agent, "services", "register", file);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Error: service \"web\": ", run.Error);
        Assert.Empty(agent.Requests);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content, Encoding.UTF8);
        return path;
    }
}
