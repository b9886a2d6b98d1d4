using Trellis.Cli.Commands.Operator;
using Trellis.Cli.Tests.TestSupport;

namespace Trellis.Cli.Tests.Commands.Operator;

public sealed class AutopilotStateCommandTests
{
    private const string State = """
        {"Healthy":false,"FailureTolerance":0,"OptimisticFailureTolerance":0,
         "Servers":{
          "b-id":{"ID":"b-id","Name":"node2","Address":"10.0.0.2:8300","NodeStatus":"failed","Version":"1.20.0",
            "LastContact":"2500ms","LastTerm":3,"LastIndex":39,"Healthy":false,"StableSince":"2026-01-02T03:04:05.5Z",
            "ReadReplica":false,"Status":"voter","Meta":null,"NodeType":"voter"},
          "a-id":{"ID":"a-id","Name":"node1","Address":"10.0.0.1:8300","NodeStatus":"alive","Version":"1.20.0",
            "LastContact":"0s","LastTerm":3,"LastIndex":42,"Healthy":true,"StableSince":"2026-01-02T03:00:00Z",
            "ReadReplica":false,"Status":"leader","Meta":{"zeta":"1","alpha":"x y"},"NodeType":"voter"}},
         "Leader":"a-id","Voters":["a-id","b-id"]}
        """;

    [Fact]
    public async Task Run_Pretty_PrintsConsulLayoutSortedByServerId()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => State);
        var run = await CliRun.AgainstAsync(agent, "operator", "autopilot", "state");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Equal(
            "Healthy:                      false\n" +
            "Failure Tolerance:            0\n" +
            "Optimistic Failure Tolerance: 0\n" +
            "Leader:                       a-id\n" +
            "Voters:\n" +
            "   a-id\n" +
            "   b-id\n" +
            "Servers:\n" +
            "   a-id\n" +
            "      Name:            node1\n" +
            "      Address:         10.0.0.1:8300\n" +
            "      Version:         1.20.0\n" +
            "      Status:          leader\n" +
            "      Node Type:       voter\n" +
            "      Node Status:     alive\n" +
            "      Healthy:         true\n" +
            "      Last Contact:    0s\n" +
            "      Last Term:       3\n" +
            "      Last Index:      42\n" +
            "      Meta\n" +
            "         \"alpha\": \"x y\"\n" +
            "         \"zeta\": \"1\"\n" +
            "   b-id\n" +
            "      Name:            node2\n" +
            "      Address:         10.0.0.2:8300\n" +
            "      Version:         1.20.0\n" +
            "      Status:          voter\n" +
            "      Node Type:       voter\n" +
            "      Node Status:     failed\n" +
            "      Healthy:         false\n" +
            "      Last Contact:    2.5s\n" +
            "      Last Term:       3\n" +
            "      Last Index:      39\n" +
            "\n", run.Out);
        Assert.Equal("/v1/operator/autopilot/state", agent.Requests.Single().PathAndQuery);
    }

    [Fact]
    public async Task Run_Json_PrintsGoFieldOrderIndentedByFour()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => State);
        var run = await CliRun.AgainstAsync(agent, "operator", "autopilot", "state", "-format=json", "-stale");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("""
            {
                "Healthy": false,
                "FailureTolerance": 0,
                "OptimisticFailureTolerance": 0,
                "Servers": {
                    "a-id": {
                        "ID": "a-id",
                        "Name": "node1",
                        "Address": "10.0.0.1:8300",
                        "NodeStatus": "alive",
                        "Version": "1.20.0",
                        "LastContact": "0s",
                        "LastTerm": 3,
                        "LastIndex": 42,
                        "Healthy": true,
                        "StableSince": "2026-01-02T03:00:00Z",
                        "ReadReplica": false,
                        "Status": "leader",
                        "Meta": {
                            "alpha": "x y",
                            "zeta": "1"
                        },
                        "NodeType": "voter"
                    },
                    "b-id": {
                        "ID": "b-id",
                        "Name": "node2",
                        "Address": "10.0.0.2:8300",
                        "NodeStatus": "failed",
                        "Version": "1.20.0",
                        "LastContact": "2.5s",
                        "LastTerm": 3,
                        "LastIndex": 39,
                        "Healthy": false,
                        "StableSince": "2026-01-02T03:04:05.5Z",
                        "ReadReplica": false,
                        "Status": "voter",
                        "Meta": null,
                        "NodeType": "voter"
                    }
                },
                "Leader": "a-id",
                "Voters": [
                    "a-id",
                    "b-id"
                ]
            }

            """, run.Out);
        Assert.Equal("/v1/operator/autopilot/state?stale", agent.Requests.Single().PathAndQuery);
    }

    [Fact]
    public async Task Run_UnknownFormat_ReportsAfterReadingExit1()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => State);
        var run = await CliRun.AgainstAsync(agent, "operator", "autopilot", "state", "-format=yaml");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal("Unknown format: yaml\n", run.Error);
        Assert.Single(agent.Requests);
    }

    [Fact]
    public async Task Run_AgentError_ReportsConsulErrorExit1()
    {
        await using var agent = await FakeAgent.StartJsonAsync((_, _) => null);
        var run = await CliRun.AgainstAsync(agent, "operator", "autopilot", "state");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("Error querying Autopilot state: Unexpected response code: 404 ()\n", run.Error);
    }

    [Fact]
    public async Task Run_NoFormatValue_ReportsFlagErrorExit1()
    {
        var run = await CliRun.RunAsync(["operator", "autopilot", "state", "-format"]);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("flag needs an argument: -format\nUsage: trellis operator autopilot state", run.Error);
    }

    [Fact]
    public void FormatPretty_ReadReplicas_ListedAfterVoters()
    {
        var state = new Core.Operator.AutopilotState
        {
            Healthy = true, FailureTolerance = 1, Leader = "a", Voters = ["a"], ReadReplicas = ["r"],
        };
        Assert.Equal(
            "Healthy:                      true\n" +
            "Failure Tolerance:            1\n" +
            "Optimistic Failure Tolerance: 0\n" +
            "Leader:                       a\n" +
            "Voters:\n   a\n" +
            "Read Replicas:\n   r\n" +
            "Servers:\n", AutopilotStateFormatter.FormatPretty(state));
    }

    [Fact]
    public void GoTime_OffsetAndFraction_FormatsAsGoRfc3339Nano()
    {
        Assert.Equal("2026-01-02T03:04:05Z", AutopilotStateFormatter.GoTime(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)));
        Assert.Equal("2026-01-02T03:04:05.25+02:00",
            AutopilotStateFormatter.GoTime(new DateTimeOffset(2026, 1, 2, 3, 4, 5, 250, TimeSpan.FromHours(2))));
    }
}
