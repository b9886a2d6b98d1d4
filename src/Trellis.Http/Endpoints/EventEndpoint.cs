using Trellis.Core.Errors;
using Trellis.Core.Events;
using Trellis.Core.Queries;
using Trellis.Http.Requests;
using Trellis.Http.Responses;

namespace Trellis.Http.Endpoints;

/// <summary>
/// <c>PUT /v1/event/fire/:name</c> and <c>GET /v1/event/list</c>: user events fired on and received by this agent.
/// The list blocks as Consul's does: its index is derived from the newest matching event's ID
/// (<see cref="UserEvent.IdToIndex"/>), so a waiter wakes when a newer event arrives, not on a monotonic counter.
/// </summary>
/// <remarks>Thread-safe: the agent's event buffer is the only state.</remarks>
public sealed class EventEndpoint(Agent.Agent agent)
{
    private const int MaxBodyBytes = 64 * 1024;

    public async Task<ApiResult> FireAsync(ApiRequest request)
    {
        request.CheckDatacenter();
        var name = request.PathAfter("/v1/event/fire/");
        if (name.Length == 0)
        {
            return ApiResult.Text(400, "Missing name");
        }

        var body = await request.ReadBodyAsync(MaxBodyBytes, size => new RequestTooLargeException($"Request body too large ({size} bytes)"));
        // Consul compat: Consul answers a refused event with a 500; bad input is a 400 here, with Consul's text.
        var fired = Agent.Events.UserEventBuffer.Create(name, body, request.Get("node"), request.Get("service"), request.Get("tag"));
        var services = agent.Local.State.Services().Select(s => (s.Service, (IReadOnlyList<string>)(s.Tags ?? [])));
        agent.Events.Receive(fired, agent.NodeName, services);
        return ApiResult.Json(fired);
    }

    public async Task<ApiResult> ListAsync(ApiRequest request)
    {
        var name = request.Get("name");
        var options = request.Options;
        var wait = QueryOptions.BlockingWait(options.MaxQueryTime);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(request.Aborted);
        deadline.CancelAfter(wait);
        while (true)
        {
            var (events, changed) = agent.Events.Snapshot();
            var matching = events.Where(e => name.Length == 0 || e.Name == name).ToList();
            // Consul compat: the index names the newest matching event; with none it is reported as 1 (never 0).
            var index = matching.Count == 0 ? 1 : Math.Max(UserEvent.IdToIndex(matching[^1].ID), 1);
            if (options.MinQueryIndex == 0 || index != options.MinQueryIndex || deadline.IsCancellationRequested)
            {
                ResponseHeaders.SetIndex(request.Context.Response, index);
                return ApiResult.Json<IReadOnlyList<UserEvent>>(matching);
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!request.Aborted.IsCancellationRequested)
            {
                // The wait ended: answer with what is there.
            }
        }
    }
}
