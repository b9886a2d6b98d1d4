using System.Diagnostics;
using System.Net;
using Trellis.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Trellis.IntegrationTests.Kv;

/// <summary>Blocking queries (<c>?index=&amp;wait=</c>) on /v1/kv against a real agent.</summary>
public sealed class KvBlockingQueryTests(AgentFixture fixture, ITestOutputHelper output)
    : AgentTest(fixture, output), IClassFixture<AgentFixture>
{
    [Fact]
    public async Task Get_BlockingOnKeyThatChanges_ReturnsNewValueWithLargerIndex()
    {
        using var overall = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Http.PutReplyAsync($"v1/kv/{Prefix}/b", "old", overall.Token);
        var index = (await Http.GetReplyAsync($"v1/kv/{Prefix}/b", overall.Token)).Index;

        var blocking = Http.GetReplyAsync($"v1/kv/{Prefix}/b?index={index}&wait=30s", overall.Token);
        await Task.Delay(200, overall.Token);
        Assert.False(blocking.IsCompleted, "the blocking query returned before anything changed");
        await Http.PutReplyAsync($"v1/kv/{Prefix}/b", "new", overall.Token);
        var reply = await blocking;

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.True(reply.Index > index, $"index {reply.Index} is not above {index}");
        Assert.Equal("bmV3", Assert.Single(reply.Json().EnumerateArray()).GetProperty("Value").GetString());
    }

    [Fact]
    public async Task Get_BlockingOnMissingKeyThatIsCreated_ReturnsTheNewEntry()
    {
        using var overall = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var miss = await Http.GetReplyAsync($"v1/kv/{Prefix}/later", overall.Token);
        Assert.Equal(HttpStatusCode.NotFound, miss.Status);

        var blocking = Http.GetReplyAsync($"v1/kv/{Prefix}/later?index={miss.Index}&wait=30s", overall.Token);
        await Task.Delay(200, overall.Token);
        Assert.False(blocking.IsCompleted, "the blocking query returned before anything changed");
        await Http.PutReplyAsync($"v1/kv/{Prefix}/later", "here", overall.Token);
        var reply = await blocking;

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.True(reply.Index > miss.Index);
    }

    [Fact]
    public async Task Get_BlockingOnRecursePrefix_WakesOnWriteBelowPrefix()
    {
        using var overall = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Http.PutReplyAsync($"v1/kv/{Prefix}/dir/a", "a", overall.Token);
        var index = (await Http.GetReplyAsync($"v1/kv/{Prefix}/dir/?recurse", overall.Token)).Index;

        var blocking = Http.GetReplyAsync($"v1/kv/{Prefix}/dir/?recurse&index={index}&wait=30s", overall.Token);
        await Task.Delay(200, overall.Token);
        Assert.False(blocking.IsCompleted, "the blocking query returned before anything changed");
        await Http.PutReplyAsync($"v1/kv/{Prefix}/dir/b", "b", overall.Token);
        var reply = await blocking;

        Assert.True(reply.Index > index);
        Assert.Equal(2, reply.Json().GetArrayLength());
    }

    [Fact]
    public async Task Get_BlockingWithoutChange_ReturnsAfterWaitWithSameIndex()
    {
        using var overall = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Http.PutReplyAsync($"v1/kv/{Prefix}/quiet", "v", overall.Token);
        var index = (await Http.GetReplyAsync($"v1/kv/{Prefix}/quiet", overall.Token)).Index;
        var clock = Stopwatch.StartNew();

        var reply = await Http.GetReplyAsync($"v1/kv/{Prefix}/quiet?index={index}&wait=1s", overall.Token);

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal(index, reply.Index);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"returned after {clock.ElapsedMilliseconds} ms without a change");
    }
}
