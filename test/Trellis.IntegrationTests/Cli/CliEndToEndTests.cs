using System.Net;
using Trellis.IntegrationTests.Infrastructure;
using Trellis.TestKit;
using Xunit.Abstractions;

namespace Trellis.IntegrationTests.Cli;

/// <summary>The <c>trellis</c> CLI as a separate process against a real agent: output text and exit codes.</summary>
public sealed class CliEndToEndTests(AgentFixture fixture, ITestOutputHelper output)
    : AgentTest(fixture, output), IClassFixture<AgentFixture>
{
    [Fact]
    public async Task KvPutGetDelete_RoundTrip_PrintsConsulMessages()
    {
        var key = $"{Prefix}/greeting";

        var put = await CliAsync(["kv", "put"], [key, "hello world"]);
        Assert.True(put.ExitCode == 0, put.ToString());
        Assert.Contains($"Success! Data written to: {key}", put.StdOut, StringComparison.Ordinal);
        Assert.Equal("hello world", (await Http.GetReplyAsync($"v1/kv/{key}?raw")).Body);

        var get = await CliAsync(["kv", "get"], [key]);
        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Equal("hello world", get.StdOut.TrimEnd('\n', '\r'));

        var delete = await CliAsync(["kv", "delete"], [key]);
        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.Contains($"Success! Deleted key: {key}", delete.StdOut, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetReplyAsync($"v1/kv/{key}")).Status);
    }

    [Fact]
    public async Task KvGet_MissingKey_FailsWithExitCode1()
    {
        var key = $"{Prefix}/absent";

        var get = await CliAsync(["kv", "get"], [key]);

        Assert.True(get.ExitCode == 1, get.ToString());
        Assert.Contains($"Error! No key exists at: {key}", get.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KvGet_Recurse_PrintsKeyColonValueLines()
    {
        await Http.PutReplyAsync($"v1/kv/{Prefix}/r/a", "1");
        await Http.PutReplyAsync($"v1/kv/{Prefix}/r/b", "2");

        var get = await CliAsync(["kv", "get"], ["-recurse", $"{Prefix}/r/"]);

        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Equal([$"{Prefix}/r/a:1", $"{Prefix}/r/b:2"], Lines(get.StdOut));
    }

    [Fact]
    public async Task Kv_AgentUnreachable_FailsWithExitCode1()
    {
        var closedPort = Loopback.FreePort(Agent.Address);

        var get = await ProcessRunner.RunTrellisAsync(
            ["kv", "get", $"-http-addr=http://{Agent.Address}:{closedPort}", $"{Prefix}/x"], TimeSpan.FromSeconds(60));

        Assert.True(get.ExitCode == 1, get.ToString());
        Assert.Contains("Error", get.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SnapshotSaveInspectRestore_RoundTrip_RestoresState()
    {
        var file = Path.Combine(Agent.ScratchDir, $"cli-{Guid.NewGuid():N}.snap");
        await Http.PutReplyAsync($"v1/kv/{Prefix}/snap", "before");

        var save = await CliAsync(["snapshot", "save"], [file]);
        Assert.True(save.ExitCode == 0, save.ToString());
        Assert.Contains("Saved and verified snapshot to index", save.StdOut, StringComparison.Ordinal);
        Assert.True(new FileInfo(file).Length > 0);

        var inspect = await ProcessRunner.RunTrellisAsync(["snapshot", "inspect", file], TimeSpan.FromSeconds(60));
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        foreach (var field in new[] { "ID", "Size", "Index", "Term", "Version" })
        {
            Assert.Contains(field, inspect.StdOut, StringComparison.Ordinal);
        }

        // The record table of the real agent's snapshot: its keys and its own catalog registration.
        Assert.Matches(@"(?m)^ KVS +\d+ +\d", inspect.StdOut);
        Assert.Matches(@"(?m)^ Register +\d+ +\d", inspect.StdOut);
        var details = await ProcessRunner.RunTrellisAsync(["snapshot", "inspect", "-kvdetails", "-kvdepth=1", file], TimeSpan.FromSeconds(60));
        Assert.True(details.ExitCode == 0, details.ToString());
        Assert.Matches($@"(?m)^ {System.Text.RegularExpressions.Regex.Escape(Prefix.Split('/')[0])} +\d+ +\d", details.StdOut);

        await Http.PutReplyAsync($"v1/kv/{Prefix}/snap", "after");
        var restore = await CliAsync(["snapshot", "restore"], [file]);
        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.Contains("Restored snapshot", restore.StdOut, StringComparison.Ordinal);
        Assert.Equal("before", (await Http.GetReplyAsync($"v1/kv/{Prefix}/snap?raw")).Body);
    }

    [Fact]
    public async Task SnapshotInspect_MissingFile_FailsWithExitCode1()
    {
        var inspect = await ProcessRunner.RunTrellisAsync(
            ["snapshot", "inspect", Path.Combine(Agent.ScratchDir, "no-such.snap")], TimeSpan.FromSeconds(60));

        Assert.True(inspect.ExitCode == 1, inspect.ToString());
    }

    [Fact]
    public async Task Members_SingleAgent_ListsItselfAlive()
    {
        var members = await CliAsync(["members"], []);

        Assert.True(members.ExitCode == 0, members.ToString());
        var lines = Lines(members.StdOut);
        Assert.StartsWith("Node", lines[0], StringComparison.Ordinal);
        foreach (var column in new[] { "Address", "Status", "Type", "Build", "Protocol", "DC" })
        {
            Assert.Contains(column, lines[0], StringComparison.Ordinal);
        }

        var row = Assert.Single(lines.Skip(1));
        Assert.StartsWith(Agent.NodeName, row, StringComparison.Ordinal);
        Assert.Contains(Agent.Address.ToString(), row, StringComparison.Ordinal);
        Assert.Contains("alive", row, StringComparison.Ordinal);
        Assert.Contains("server", row, StringComparison.Ordinal);
        Assert.Contains("dc1", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OperatorRaftListPeers_SingleServer_ShowsLeaderVoter()
    {
        var peers = await CliAsync(["operator", "raft", "list-peers"], []);

        Assert.True(peers.ExitCode == 0, peers.ToString());
        var lines = Lines(peers.StdOut);
        foreach (var column in new[] { "Node", "ID", "Address", "State", "Voter", "RaftProtocol" })
        {
            Assert.Contains(column, lines[0], StringComparison.Ordinal);
        }

        var row = Assert.Single(lines.Skip(1));
        Assert.StartsWith(Agent.NodeName, row, StringComparison.Ordinal);
        Assert.Contains(Agent.ServerAddr, row, StringComparison.Ordinal);
        Assert.Contains("leader", row, StringComparison.Ordinal);
        Assert.Contains("true", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownVerb_FailsWithNonZeroExitCode()
    {
        var result = await ProcessRunner.RunTrellisAsync(["no-such-verb"], TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode != 0, result.ToString());
    }

    private Task<ProcessResult> CliAsync(string[] verb, string[] args) => Agent.RunCliAsync(verb, args);

    private static List<string> Lines(string text) =>
        text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
}
