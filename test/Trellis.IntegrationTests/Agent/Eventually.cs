namespace Trellis.IntegrationTests.Agent;

/// <summary>Bounded polling for behaviour that follows within a check interval or a sync.</summary>
public static class Eventually
{
    /// <summary>Polls every 200 ms until <paramref name="condition"/> holds or <paramref name="timeout"/> (default 30 s) passes.</summary>
    public static async Task<bool> HoldsAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(200);
        }

        return await condition();
    }
}
