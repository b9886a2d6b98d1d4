using Trellis.Agent.Checks;
using Trellis.Agent.Local;
using Trellis.Core.Checks;
using Trellis.Core.Errors;
using Trellis.Core.Services;

namespace Trellis.Agent.Tests.Local;

#pragma warning disable CA1001 // disposed by xunit through IAsyncLifetime
public sealed class LocalAgentTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly InMemoryCatalog _catalog = new();
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "trellis-local-" + Guid.NewGuid().ToString("N"));
    private LocalAgent _agent = null!;

    public Task InitializeAsync()
    {
        _agent = LocalTestKit.Create(_catalog, new LocalAgentOptions { DataDir = _dataDir, DeregisterCriticalMinimum = TimeSpan.Zero });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    private static ServiceDefinition Web(params CheckDefinition[] checks) => new() { Name = "web", Port = 80, Checks = checks };

    private static CheckDefinition Ttl(string? id = null, string? status = null) => new() { ID = id, TTL = "30s", Status = status };

    [Fact]
    public async Task RegisterService_NoIds_ConsulDefaults()
    {
        await _agent.RegisterServiceAsync(Web(Ttl(), Ttl()), replaceExistingChecks: false, null, CancellationToken.None);

        Assert.Equal("web", _agent.State.Service("web")!.Service);
        var checks = _agent.State.ChecksForService("web", includeNodeChecks: false);
        Assert.Equal(["service:web:1", "service:web:2"], checks.Select(c => c.CheckID));
        Assert.All(checks, c => Assert.Equal(("Service 'web' check", HealthStatus.Critical, "ttl"), (c.Name, c.Status, c.Type)));
    }

    [Fact]
    public async Task RegisterService_SingleCheck_ServiceColonId()
    {
        await _agent.RegisterServiceAsync(new ServiceDefinition { Name = "api", ID = "api-1", Check = Ttl(status: HealthStatus.Passing) }, false, null, CancellationToken.None);

        Assert.Equal(HealthStatus.Passing, _agent.State.Check("service:api-1")!.Status);
    }

    [Fact]
    public async Task RegisterService_SyncedToCatalogBeforeReturning()
    {
        await _agent.RegisterServiceAsync(Web(Ttl("t")), false, null, CancellationToken.None);

        Assert.NotNull(_catalog.Service("node1", "web"));
        Assert.NotNull(_catalog.Check("node1", "t"));
    }

    [Theory]
    [InlineData("{\"Port\":1}", "Missing service name")]
    [InlineData("{\"Name\":\"x\",\"Address\":\"0.0.0.0\"}", "Invalid service address")]
    [InlineData("{\"Name\":\"x\",\"Weights\":{\"Passing\":0}}", "Invalid Weights: Passing must be greater than 0")]
    [InlineData("{\"Name\":\"x\",\"Meta\":{\"consul-x\":\"1\"}}", "Invalid Service Meta: Key prefix 'consul-' is reserved for internal use")]
    [InlineData("{\"Name\":\"x\",\"Check\":{\"HTTP\":\"http://x\"}}", "Invalid check: Interval must be > 0 for Script, HTTP, H2PING, TCP, UDP or OSService checks")]
    [InlineData("{\"Name\":\"x\",\"Checks\":[{\"TTL\":\"1s\",\"Status\":\"bogus\"}]}", "Status for checks must 'passing', 'warning', 'critical'")]
    [InlineData("{\"Name\":\"x\",\"Check\":{\"Args\":[\"true\"],\"Interval\":\"1s\"}}", CheckRunnerFactory.ScriptsDisabledRemote)]
    public async Task RegisterService_Invalid_ConsulTextAndNothingRegistered(string body, string error)
    {
        var definition = DefinitionJson.DecodeService(System.Text.Encoding.UTF8.GetBytes(body));

        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() => _agent.RegisterServiceAsync(definition, false, null, CancellationToken.None));

        Assert.Equal(error, ex.Message);
        Assert.Empty(_agent.State.Services());
        Assert.Empty(_agent.State.Checks());
    }

    [Fact]
    public async Task RegisterService_Again_UnchangedCheckKeepsRunnerAndStatus()
    {
        await _agent.RegisterServiceAsync(Web(Ttl("t")), false, null, CancellationToken.None);
        var runner = _agent.RunnerOf("t");
        await _agent.UpdateTtlAsync("t", HealthStatus.Passing, "fine", CancellationToken.None);

        await _agent.RegisterServiceAsync(Web(Ttl("t")) with { Port = 81 }, false, null, CancellationToken.None);

        Assert.Same(runner, _agent.RunnerOf("t"));
        Assert.Equal((HealthStatus.Passing, "fine"), (_agent.State.Check("t")!.Status, _agent.State.Check("t")!.Output));
        Assert.Equal(81, _agent.State.Service("web")!.Port);
    }

    [Fact]
    public async Task RegisterService_ChangedCheck_NewRunner()
    {
        await _agent.RegisterServiceAsync(Web(Ttl("t")), false, null, CancellationToken.None);
        var runner = _agent.RunnerOf("t");

        await _agent.RegisterServiceAsync(Web(Ttl("t") with { TTL = "40s" }), false, null, CancellationToken.None);

        Assert.NotSame(runner, _agent.RunnerOf("t"));
    }

    [Fact]
    public async Task RegisterService_ReplaceExistingChecks_DropsChecksNotInRegistration()
    {
        await _agent.RegisterServiceAsync(Web(Ttl("a"), Ttl("b")), false, null, CancellationToken.None);

        await _agent.RegisterServiceAsync(Web(Ttl("a")), replaceExistingChecks: false, null, CancellationToken.None);
        Assert.NotNull(_agent.State.Check("b"));

        await _agent.RegisterServiceAsync(Web(Ttl("a")), replaceExistingChecks: true, null, CancellationToken.None);
        Assert.Null(_agent.State.Check("b"));
        Assert.Null(_agent.RunnerOf("b"));
        Assert.Null(_catalog.Check("node1", "b"));
    }

    [Fact]
    public async Task RegisterCheck_UnknownService_NotFound()
    {
        var ex = await Assert.ThrowsAsync<NotFoundException>(() =>
            _agent.RegisterCheckAsync(new CheckDefinition { Name = "c", TTL = "5s", ServiceID = "nope" }, null, CancellationToken.None));

        Assert.Equal("ServiceID \"nope\" does not exist", ex.Message);
    }

    [Fact]
    public async Task RegisterCheck_IdDefaultsToName()
    {
        await _agent.RegisterCheckAsync(new CheckDefinition { Name = "mem", TTL = "5s" }, null, CancellationToken.None);

        Assert.Equal("mem", _agent.State.Check("mem")!.Name);
    }

    [Fact]
    public async Task UpdateTtl_PassWarnFail_StatusAndOutput()
    {
        await _agent.RegisterCheckAsync(new CheckDefinition { Name = "t", TTL = "30s" }, null, CancellationToken.None);

        await _agent.UpdateTtlAsync("t", HealthStatus.Warning, "slow", CancellationToken.None);

        Assert.Equal((HealthStatus.Warning, "slow"), (_agent.State.Check("t")!.Status, _agent.State.Check("t")!.Output));
        Assert.Equal(HealthStatus.Warning, _catalog.Check("node1", "t")!.Status);
    }

    [Fact]
    public async Task UpdateTtl_NotTtlOrUnknown_ConsulTexts()
    {
        await _agent.RegisterCheckAsync(new CheckDefinition { Name = "tcp", TCP = "127.0.0.1:1", Interval = "10s" }, null, CancellationToken.None);

        var notTtl = await Assert.ThrowsAsync<InvalidRequestException>(() => _agent.UpdateTtlAsync("tcp", HealthStatus.Passing, "", CancellationToken.None));
        var unknown = await Assert.ThrowsAsync<NotFoundException>(() => _agent.UpdateTtlAsync("nope", HealthStatus.Passing, "", CancellationToken.None));

        Assert.Equal("CheckID \"tcp\" does not have associated TTL", notTtl.Message);
        Assert.Equal("Unknown check ID \"nope\". Ensure that the check ID is passed, not the check name.", unknown.Message);
    }

    [Fact]
    public async Task ServiceMaintenance_EnableDisable_CheckAddedAndRemoved()
    {
        await _agent.RegisterServiceAsync(Web(), false, null, CancellationToken.None);

        await _agent.SetServiceMaintenanceAsync("web", true, "", CancellationToken.None);
        var check = _agent.State.Check("_service_maintenance:web")!;
        Assert.Equal((HealthStatus.Critical, MaintenanceChecks.DefaultServiceReason, "maintenance", "web"), (check.Status, check.Notes, check.Type, check.ServiceName));
        Assert.NotNull(_catalog.Check("node1", "_service_maintenance:web"));

        await _agent.SetServiceMaintenanceAsync("web", false, "", CancellationToken.None);
        Assert.Null(_agent.State.Check("_service_maintenance:web"));
        Assert.Null(_catalog.Check("node1", "_service_maintenance:web"));
    }

    [Fact]
    public async Task ServiceMaintenance_UnknownService_NotFound()
    {
        var ex = await Assert.ThrowsAsync<NotFoundException>(() => _agent.SetServiceMaintenanceAsync("nope", true, "", CancellationToken.None));

        Assert.Equal("Unknown service ID \"nope\". Ensure that the service ID is passed, not the service name.", ex.Message);
    }

    [Fact]
    public async Task NodeMaintenance_Reason_KeptAsNotes()
    {
        await _agent.SetNodeMaintenanceAsync(true, "patching", CancellationToken.None);

        Assert.Equal(("patching", "Node Maintenance Mode"), (_agent.State.Check("_node_maintenance")!.Notes, _agent.State.Check("_node_maintenance")!.Name));
    }

    [Fact]
    public async Task ReapOnce_CheckCriticalPastDeregisterAfter_ServiceRemoved()
    {
        await _agent.RegisterServiceAsync(Web(Ttl("t") with { DeregisterCriticalServiceAfter = "50ms" }), false, null, CancellationToken.None);
        await _agent.RegisterServiceAsync(new ServiceDefinition { Name = "other", Check = Ttl("o") }, false, null, CancellationToken.None);
        await Task.Delay(150);

        await _agent.ReapOnceAsync(CancellationToken.None);

        Assert.Null(_agent.State.Service("web"));
        Assert.Null(_catalog.Service("node1", "web"));
        Assert.NotNull(_agent.State.Service("other")); // critical too, but without deregister_critical_service_after
    }

    [Fact]
    public async Task ReapOnce_CheckPassing_ServiceKept()
    {
        await _agent.RegisterServiceAsync(Web(Ttl("t", HealthStatus.Passing) with { DeregisterCriticalServiceAfter = "50ms" }), false, null, CancellationToken.None);
        await Task.Delay(150);

        await _agent.ReapOnceAsync(CancellationToken.None);

        Assert.NotNull(_agent.State.Service("web"));
    }

    [Fact]
    public async Task Persistence_ApiRegistrations_RestoredByNextAgent()
    {
        await _agent.RegisterServiceAsync(Web(Ttl("t")), false, null, CancellationToken.None);
        await _agent.RegisterCheckAsync(new CheckDefinition { Name = "mem", TTL = "5s" }, null, CancellationToken.None);
        await _agent.SetNodeMaintenanceAsync(true, "why", CancellationToken.None);
        await _agent.RegisterServiceAsync(new ServiceDefinition { Name = "gone" }, false, null, CancellationToken.None);
        await _agent.DeregisterServiceAsync("gone", CancellationToken.None);
        await _agent.DisposeAsync();

        _agent = LocalTestKit.Create(new InMemoryCatalog(), new LocalAgentOptions { DataDir = _dataDir });
        await _agent.StartAsync([], [], CancellationToken.None);

        Assert.Equal(["web"], _agent.State.Services().Select(s => s.ID));
        Assert.Equal(["_node_maintenance", "mem", "t"], _agent.State.Checks().Select(c => c.CheckID));
        Assert.IsType<TtlCheck>(_agent.RunnerOf("t"));
    }

    [Fact]
    public async Task ApplyConfig_Reload_UnchangedKeptChangedReplacedRemovedGone()
    {
        ServiceDefinition[] first = [new() { Name = "a", Check = Ttl("a-ttl") }, new() { Name = "b", Check = Ttl("b-ttl") }];
        await _agent.StartAsync(first, [new CheckDefinition { Name = "n", TTL = "5s" }], CancellationToken.None);
        await _agent.UpdateTtlAsync("a-ttl", HealthStatus.Passing, "up", CancellationToken.None);
        var aRunner = _agent.RunnerOf("a-ttl");

        ServiceDefinition[] second = [new() { Name = "a", Check = Ttl("a-ttl") }, new() { Name = "c", Check = Ttl("c-ttl") }];
        await _agent.ApplyConfigAsync(second, [], CancellationToken.None);

        Assert.Equal(["a", "c"], _agent.State.Services().Select(s => s.ID));
        Assert.Same(aRunner, _agent.RunnerOf("a-ttl"));
        Assert.Equal(HealthStatus.Passing, _agent.State.Check("a-ttl")!.Status);
        Assert.Null(_agent.State.Check("n"));
        Assert.Null(_agent.RunnerOf("b-ttl"));
        Assert.False(Directory.Exists(Path.Combine(_dataDir, "services")) && Directory.EnumerateFiles(Path.Combine(_dataDir, "services")).Any());
    }

    [Fact]
    public async Task ApplyConfig_InvalidDefinition_NothingChanges()
    {
        await _agent.StartAsync([new ServiceDefinition { Name = "a" }], [], CancellationToken.None);

        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            _agent.ApplyConfigAsync([new ServiceDefinition { Name = "b" }, new ServiceDefinition { Port = 3 }], [], CancellationToken.None));

        Assert.Equal("Failed to register service \"\": Missing service name", ex.Message);
        Assert.Equal(["a"], _agent.State.Services().Select(s => s.ID));
    }

    [Fact]
    public async Task ConfigScriptCheck_LocalScriptsEnabled_Allowed_RemoteRefused()
    {
        await _agent.DisposeAsync();
        _agent = new LocalAgent(LocalTestKit.Identity, _catalog, new LocalAgentOptions { Checks = new CheckRunnerOptions { EnableLocalScriptChecks = true } });
        var script = new CheckDefinition { Name = "s", Args = ["true"], Interval = "10s" };

        await _agent.StartAsync([], [script], CancellationToken.None);
        var remote = await Assert.ThrowsAsync<InvalidRequestException>(() => _agent.RegisterCheckAsync(script with { Name = "r" }, null, CancellationToken.None));

        Assert.Equal("script", _agent.State.Check("s")!.Type);
        Assert.Equal(CheckRunnerFactory.ScriptsDisabledRemote, remote.Message);
    }

    [Fact]
    public async Task AliasCheck_OfLocalService_FollowsItsChecksThroughLocalState()
    {
        await _agent.RegisterServiceAsync(Web(Ttl("web-ttl", HealthStatus.Passing)), false, null, CancellationToken.None);
        await _agent.RegisterCheckAsync(new CheckDefinition { Name = "alias", AliasService = "web" }, null, CancellationToken.None);

        Assert.True(await LocalTestKit.EventuallyAsync(() => _agent.State.Check("alias")?.Status == HealthStatus.Passing));
        await _agent.UpdateTtlAsync("web-ttl", HealthStatus.Critical, "down", CancellationToken.None);
        Assert.True(await LocalTestKit.EventuallyAsync(() => _agent.State.Check("alias")?.Status == HealthStatus.Critical));
        await _agent.DeregisterServiceAsync("web", CancellationToken.None);
        Assert.True(await LocalTestKit.EventuallyAsync(() => _agent.State.Check("alias")?.Output.Contains("could not be found", StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task ApplyConfig_ScriptCheckNotAllowed_NothingChanges()
    {
        await _agent.StartAsync([new ServiceDefinition { Name = "a" }], [], CancellationToken.None);

        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() => _agent.ApplyConfigAsync(
            [new ServiceDefinition { Name = "b" }, new ServiceDefinition { Name = "c", Check = new CheckDefinition { Args = ["true"], Interval = "5s" } }],
            [],
            CancellationToken.None));

        Assert.Equal("Failed to register \"c\": " + CheckRunnerFactory.ScriptsDisabledLocal, ex.Message);
        Assert.Equal(["a"], _agent.State.Services().Select(s => s.ID));
    }

    [Fact]
    public async Task Persistence_TtlStatus_RestoredWhileNotExpired()
    {
        await _agent.RegisterCheckAsync(new CheckDefinition { Name = "long", TTL = "10m" }, null, CancellationToken.None);
        await _agent.RegisterCheckAsync(new CheckDefinition { Name = "short", TTL = "1s" }, null, CancellationToken.None);
        await _agent.UpdateTtlAsync("long", HealthStatus.Passing, "kept", CancellationToken.None);
        await _agent.UpdateTtlAsync("short", HealthStatus.Passing, "lost", CancellationToken.None);
        await _agent.DisposeAsync();
        await Task.Delay(TimeSpan.FromSeconds(2.1));

        _agent = LocalTestKit.Create(new InMemoryCatalog(), new LocalAgentOptions { DataDir = _dataDir });
        await _agent.StartAsync([], [], CancellationToken.None);

        Assert.Equal((HealthStatus.Passing, "kept"), (_agent.State.Check("long")!.Status, _agent.State.Check("long")!.Output));
        Assert.Equal(HealthStatus.Critical, _agent.State.Check("short")!.Status);
    }
}
