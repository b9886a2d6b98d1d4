using Trellis.Agent.Metrics;

namespace Trellis.Agent.Tests.Metrics;

public sealed class PrometheusFormatterTests
{
    [Fact]
    public void Format_AllKinds_WritesTypedFamilies()
    {
        var snapshot = new MetricsSnapshot
        {
            Timestamp = "2025-01-01 00:00:00 +0000 UTC",
            Gauges = [new GaugeValue("consul.raft.peers", 3, new Dictionary<string, string>())],
            Counters = [new SampledValue { Name = "consul.kvs.apply", Count = 2, Sum = 5, Labels = new Dictionary<string, string> { ["op"] = "set" } }],
            Samples = [new SampledValue { Name = "consul.api.http", Count = 4, Sum = 1.5 }],
        };

        var text = PrometheusFormatter.Format(snapshot);

        Assert.Equal(
            "# HELP consul_raft_peers consul_raft_peers\n# TYPE consul_raft_peers gauge\nconsul_raft_peers 3\n" +
            "# HELP consul_kvs_apply consul_kvs_apply\n# TYPE consul_kvs_apply counter\nconsul_kvs_apply{op=\"set\"} 5\n" +
            "# HELP consul_api_http consul_api_http\n# TYPE consul_api_http summary\nconsul_api_http_sum 1.5\nconsul_api_http_count 4\n",
            text);
    }

    [Fact]
    public void Format_LabelValue_IsEscaped()
    {
        var snapshot = new MetricsSnapshot
        {
            Timestamp = "t",
            Gauges = [new GaugeValue("g", 1, new Dictionary<string, string> { ["path"] = "a\"b\\c\nd" })],
        };

        Assert.Contains("g{path=\"a\\\"b\\\\c\\nd\"} 1\n", PrometheusFormatter.Format(snapshot), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("consul.kvs.apply", "consul_kvs_apply")]
    [InlineData("9lives", "_lives")]
    [InlineData("a-b:c", "a_b:c")]
    public void SanitizeName_ReplacesInvalidCharacters(string name, string expected)
    {
        Assert.Equal(expected, PrometheusFormatter.SanitizeName(name));
    }
}
