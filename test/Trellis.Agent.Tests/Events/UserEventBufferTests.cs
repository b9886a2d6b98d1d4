using Trellis.Agent.Events;
using Trellis.Core.Errors;

namespace Trellis.Agent.Tests.Events;

public sealed class UserEventBufferTests
{
    private static readonly (string, IReadOnlyList<string>)[] WebBlue = [("web", ["blue", "v2"])];

    [Fact]
    public async Task Receive_KeepsTheLast256WithIncreasingLTime_AndSignalsEachChange()
    {
        var buffer = new UserEventBuffer();
        var (_, changed) = buffer.Snapshot();

        for (var i = 0; i < UserEventBuffer.Capacity + 10; i++)
        {
            Assert.True(buffer.Receive(UserEventBuffer.Create($"e{i}", null, "", "", ""), "node-1", []));
        }

        await changed.WaitAsync(TimeSpan.FromSeconds(5));
        var (events, next) = buffer.Snapshot();
        Assert.Equal(UserEventBuffer.Capacity, events.Count);
        Assert.Equal(("e10", 11UL), (events[0].Name, events[0].LTime));
        Assert.Equal((ulong)UserEventBuffer.Capacity + 10, events[^1].LTime);
        Assert.False(next.IsCompleted);
    }

    [Theory]
    [InlineData("^node-1$", "", "", true)]
    [InlineData("node-2", "", "", false)]
    [InlineData("", "^web$", "", true)]
    [InlineData("", "^web$", "^blue$", true)]
    [InlineData("", "^web$", "^green$", false)]
    [InlineData("", "db", "", false)]
    public void Receive_Filters_MatchNodeNameAndALocalServiceWithItsTags(string node, string service, string tag, bool taken)
    {
        var buffer = new UserEventBuffer();

        Assert.Equal(taken, buffer.Receive(UserEventBuffer.Create("e", null, node, service, tag), "node-1", WebBlue));
        Assert.Equal(taken ? 1 : 0, buffer.Snapshot().Events.Count);
    }

    [Theory]
    [InlineData("", "", "", "", "User event missing name")]
    [InlineData("e", "", "", "x", "Cannot provide tag filter without service filter")]
    [InlineData("e", "(", "", "", "Invalid node filter: ")]
    [InlineData("e", "", "[", "", "Invalid service filter: ")]
    public void Create_BadInput_ConsulTexts(string name, string node, string service, string tag, string expected)
    {
        var ex = Assert.Throws<InvalidRequestException>(() => UserEventBuffer.Create(name, null, node, service, tag));
        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_TooLarge_RefusedAndEmptyPayloadIsNull()
    {
        Assert.Throws<InvalidRequestException>(() => UserEventBuffer.Create("e", new byte[UserEventBuffer.SizeLimit], "", "", ""));
        var fired = UserEventBuffer.Create("e", [], "", "", "");
        Assert.Null(fired.Payload);
        Assert.Equal((1, 0UL), (fired.Version, fired.LTime));
    }
}
