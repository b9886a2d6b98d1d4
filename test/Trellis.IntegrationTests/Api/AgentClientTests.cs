using Trellis.Api;
using Trellis.Core.Checks;
using Trellis.Core.Services;
using Trellis.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Trellis.IntegrationTests.Api;

/// <summary>The <c>Trellis.Api</c> agent client against a real dev agent's <c>/v1/agent</c> service and check endpoints.</summary>
public sealed class AgentClientTests(AgentFixture fixture, ITestOutputHelper output)
    : AgentTest(fixture, output), IClassFixture<AgentFixture>
{
    [Fact]
    public async Task ServiceWithTtlCheck_TtlUpdates_DriveLocalHealth()
    {
        using var client = NewClient();
        var id = Unique("web");
        await client.Agent.ServiceRegisterAsync(new ServiceDefinition
        {
            ID = id,
            Name = "web",
            Port = 8080,
            Tags = ["v1"],
            Check = new CheckDefinition { CheckID = id + "-ttl", TTL = "60s" },
        });

        var service = (await client.Agent.ServiceAsync(id)).Value;
        Assert.NotNull(service);
        Assert.Equal(("web", 8080, "dc1"), (service.Service, service.Port, service.Datacenter));
        Assert.False(string.IsNullOrEmpty(service.ContentHash));
        Assert.Contains(id, (await client.Agent.ServicesAsync()).Keys);

        Assert.Equal("critical", (await client.Agent.HealthServiceByIdAsync(id)).AggregatedStatus);
        await client.Agent.PassTtlAsync(id + "-ttl", "all good");
        var passing = await client.Agent.HealthServiceByIdAsync(id);
        Assert.Equal("passing", passing.AggregatedStatus);
        Assert.Equal("all good", Assert.Single(Assert.Single(passing.Services).Checks!).Output);

        await client.Agent.WarnTtlAsync(id + "-ttl");
        Assert.Equal("warning", (await client.Agent.HealthServiceByIdAsync(id)).AggregatedStatus);
        await client.Agent.UpdateTtlAsync(id + "-ttl", HealthStatus.Critical, "down");
        var critical = await client.Agent.HealthServiceByNameAsync("web");
        Assert.Equal("critical", critical.AggregatedStatus);
        Assert.Contains(critical.Services, s => s.Service!.ID == id);

        await client.Agent.ServiceDeregisterAsync(id);
        Assert.Null((await client.Agent.ServiceAsync(id)).Value);
        Assert.DoesNotContain(id + "-ttl", (await client.Agent.ChecksAsync()).Keys);
    }

    [Fact]
    public async Task ServiceRegister_ReplaceExistingChecks_DropsChecksNotInRequest()
    {
        using var client = NewClient();
        var id = Unique("db");
        await client.Agent.ServiceRegisterAsync(new ServiceDefinition
        {
            ID = id,
            Name = "db",
            Checks = [new CheckDefinition { CheckID = id + "-a", TTL = "60s" }, new CheckDefinition { CheckID = id + "-b", TTL = "60s" }],
        });
        await client.Agent.ServiceRegisterAsync(new ServiceDefinition
        {
            ID = id,
            Name = "db",
            Check = new CheckDefinition { CheckID = id + "-a", TTL = "60s" },
        }, replaceExistingChecks: true);

        var checks = (await client.Agent.ChecksAsync()).Keys.Where(k => k.StartsWith(id, StringComparison.Ordinal)).ToList();
        Assert.Equal([id + "-a"], checks);
        await client.Agent.ServiceDeregisterAsync(id);
    }

    [Fact]
    public async Task NodeCheck_RegisterFailDeregister()
    {
        using var client = NewClient();
        var id = Unique("disk");
        await client.Agent.CheckRegisterAsync(new CheckDefinition { ID = id, Name = "Disk", TTL = "60s", Status = HealthStatus.Passing });
        var check = (await client.Agent.ChecksAsync())[id];
        Assert.Equal(("Disk", "passing", ""), (check.Name, check.Status, check.ServiceID));

        await client.Agent.FailTtlAsync(id, "full");
        check = (await client.Agent.ChecksAsync())[id];
        Assert.Equal(("critical", "full"), (check.Status, check.Output));

        await client.Agent.CheckDeregisterAsync(id);
        Assert.DoesNotContain(id, (await client.Agent.ChecksAsync()).Keys);
    }

    [Fact]
    public async Task Maintenance_ServiceEnableDisable_AddsAndRemovesMaintenanceCheck()
    {
        using var client = NewClient();
        var id = Unique("cache");
        await client.Agent.ServiceRegisterAsync(new ServiceDefinition { ID = id, Name = "cache" });

        await client.Agent.EnableServiceMaintenanceAsync(id, "upgrading");
        var check = (await client.Agent.ChecksAsync())[MaintenanceChecks.ServiceCheckId(id)];
        Assert.Equal(("critical", "upgrading", id), (check.Status, check.Notes, check.ServiceID));
        Assert.Equal("maintenance", (await client.Agent.HealthServiceByIdAsync(id)).Services[0].AggregatedStatus);

        await client.Agent.DisableServiceMaintenanceAsync(id);
        Assert.DoesNotContain(MaintenanceChecks.ServiceCheckId(id), (await client.Agent.ChecksAsync()).Keys);
        await client.Agent.ServiceDeregisterAsync(id);
    }

    [Fact]
    public async Task Errors_UnknownServiceAndBadRegistration_AreConsulAnswers()
    {
        using var client = NewClient();
        var health = await client.Agent.HealthServiceByNameAsync(Unique("none"));
        Assert.Equal(("critical", 0), (health.AggregatedStatus, health.Services.Count));

        var ex = await Assert.ThrowsAsync<ApiException>(() => client.Agent.ServiceRegisterAsync(new ServiceDefinition { Port = 1 }));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Contains("Missing service name", ex.Body, StringComparison.Ordinal);
        Assert.Equal(Agent.NodeName, await client.Agent.NodeNameAsync());
    }

    private TrellisClient NewClient() => new(new ClientOptions { Address = Agent.HttpAddr });

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)];
}
