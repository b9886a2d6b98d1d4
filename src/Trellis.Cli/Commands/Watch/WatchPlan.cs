using Trellis.Core.Events;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Trellis.Api;
using Trellis.Api.Events;
using Trellis.Api.Serialization;
using Trellis.Core.Catalog;
using Trellis.Core.Kv;
using Trellis.Core.Queries;

namespace Trellis.Cli.Commands.Watch;

/// <summary>
/// A parsed watch (Consul's watch.Plan): its type and the blocking query it repeats. Types: key, keyprefix,
/// services, nodes, service, checks and event.
/// </summary>
/// <remarks>Immutable after <see cref="Parse"/>; <see cref="FetchAsync"/> may be called from any thread.</remarks>
public sealed class WatchPlan
{
    private readonly Func<TrellisClient, QueryOptions, ulong, CancellationToken, Task<WatchResult>> _fetch;
    private readonly bool _stale;

    private WatchPlan(string type, bool stale, Func<TrellisClient, QueryOptions, ulong, CancellationToken, Task<WatchResult>> fetch)
    {
        Type = type;
        _stale = stale;
        _fetch = fetch;
    }

    public string Type { get; private init; }

    public string Datacenter { get; private init; } = "";

    public string Token { get; private init; } = "";

    /// <summary>Builds a plan from <paramref name="parameters"/>, with Consul's errors for missing, conflicting or unknown parameters.</summary>
    public static WatchPlan Parse(WatchParameters parameters)
    {
        var datacenter = parameters.TakeString("datacenter");
        var token = parameters.TakeString("token");
        var type = parameters.TakeString("type");
        if (type.Length == 0)
        {
            throw new WatchPlanException("Watch type must be specified");
        }

        var plan = type switch
        {
            "key" => KeyPlan(parameters),
            "keyprefix" => KeyPrefixPlan(parameters),
            "services" => Simple(type, parameters, async (c, o, ct) =>
            {
                var r = await c.Catalog.ServicesAsync(o, ct).ConfigureAwait(false);
                var sorted = new Dictionary<string, List<string>>(StringComparer.Ordinal);
                foreach (var (name, tags) in r.Value.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    sorted[name] = [.. tags];
                }

                return Result(r.Meta.Index, sorted, ApiJsonContext.Default.DictionaryStringListString);
            }),
            "nodes" => Simple(type, parameters, async (c, o, ct) =>
            {
                var r = await c.Catalog.NodesAsync(o, ct).ConfigureAwait(false);
                return Result(r.Meta.Index, r.Value.ToList(), ApiJsonContext.Default.ListCatalogNode);
            }),
            "service" => ServicePlan(parameters),
            "checks" => ChecksPlan(parameters),
            "event" => EventPlan(parameters),
            _ => throw new WatchPlanException($"Unsupported watch type: {type}"),
        };

        if (parameters.Count != 0)
        {
            throw new WatchPlanException($"Invalid parameters: [{string.Join(' ', parameters.Names)}]");
        }

        return new WatchPlan(type, plan._stale, plan._fetch) { Type = type, Datacenter = datacenter, Token = token };
    }

    /// <summary>Runs the query once, blocking while the result index is still <paramref name="index"/> (0 = no blocking).</summary>
    public Task<WatchResult> FetchAsync(TrellisClient client, ulong index, CancellationToken cancellationToken)
    {
        var options = new QueryOptions
        {
            MinQueryIndex = index,
            Consistency = _stale ? ConsistencyMode.Stale : ConsistencyMode.Default,
            Datacenter = Datacenter.Length == 0 ? null : Datacenter,
            Token = Token.Length == 0 ? null : Token,
        };
        return _fetch(client, options, index, cancellationToken);
    }

    private static WatchPlan KeyPlan(WatchParameters parameters)
    {
        var stale = parameters.TakeBool("stale");
        var key = parameters.TakeString("key");
        if (key.Length == 0)
        {
            throw new WatchPlanException("Must specify a single key to watch");
        }

        return new WatchPlan("key", stale, async (c, o, _, ct) =>
        {
            var r = await c.Kv.GetAsync(key, o, ct).ConfigureAwait(false);
            return r.Value is null
                ? new WatchResult(r.Meta.Index, "null")
                : Result(r.Meta.Index, r.Value, ApiJsonContext.Default.KvEntry);
        });
    }

    private static WatchPlan KeyPrefixPlan(WatchParameters parameters)
    {
        var stale = parameters.TakeBool("stale");
        var prefix = parameters.TakeString("prefix");
        if (prefix.Length == 0)
        {
            throw new WatchPlanException("Must specify a single prefix to watch");
        }

        return new WatchPlan("keyprefix", stale, async (c, o, _, ct) =>
        {
            var r = await c.Kv.ListAsync(prefix, o, ct).ConfigureAwait(false);
            return Result(r.Meta.Index, r.Value.ToList(), ApiJsonContext.Default.ListKvEntry);
        });
    }

    private static WatchPlan ServicePlan(WatchParameters parameters)
    {
        var stale = parameters.TakeBool("stale");
        var service = parameters.TakeString("service");
        if (service.Length == 0)
        {
            throw new WatchPlanException("Must specify a single service to watch");
        }

        var tags = parameters.TakeStrings("tag");
        var passingOnly = parameters.TakeBool("passingonly");
        return new WatchPlan("service", stale, async (c, o, _, ct) =>
        {
            var r = await c.Health.ServiceAsync(service, tags, passingOnly, o, ct).ConfigureAwait(false);
            return Result(r.Meta.Index, r.Value.ToList(), ApiJsonContext.Default.ListServiceEntry);
        });
    }

    private static WatchPlan ChecksPlan(WatchParameters parameters)
    {
        var stale = parameters.TakeBool("stale");
        var service = parameters.TakeString("service");
        var state = parameters.TakeString("state");
        if (service.Length > 0 && state.Length > 0)
        {
            throw new WatchPlanException("Cannot specify service and state");
        }

        if (service.Length == 0 && state.Length == 0)
        {
            state = "any";
        }

        var tags = parameters.TakeStrings("tag");
        return new WatchPlan("checks", stale, async (c, o, _, ct) =>
        {
            var r = state.Length > 0
                ? await c.Health.StateAsync(state, o, ct).ConfigureAwait(false)
                : await c.Health.ChecksAsync(service, o, ct).ConfigureAwait(false);
            // Tags narrow the checks to those of service instances carrying every tag.
            var checks = r.Value
                .Where(check => tags.All(t => check.ServiceTags?.Contains(t, StringComparer.Ordinal) == true))
                .ToList();
            return Result(r.Meta.Index, checks, ApiJsonContext.Default.ListHealthCheck);
        });
    }

    private static WatchPlan EventPlan(WatchParameters parameters)
    {
        // Consul compat: stale does not apply to events (it is left unconsumed, hence an invalid parameter).
        var name = parameters.TakeString("name");
        return new WatchPlan("event", false, async (c, o, last, ct) =>
        {
            var r = await c.Event.ListAsync(name.Length == 0 ? null : name, o, ct).ConfigureAwait(false);
            var events = r.Value.ToList();
            // Only the events after the last one already delivered.
            for (var i = 0; i < events.Count; i++)
            {
                if (last != 0 && UserEvent.IdToIndex(events[i].ID) == last)
                {
                    events = events[(i + 1)..];
                    break;
                }
            }

            return Result(r.Meta.Index, events, AgentApiJsonContext.Default.ListUserEvent);
        });
    }

    private static WatchPlan Simple(string type, WatchParameters parameters,
        Func<TrellisClient, QueryOptions, CancellationToken, Task<WatchResult>> fetch)
    {
        var stale = parameters.TakeBool("stale");
        return new WatchPlan(type, stale, (c, o, _, ct) => fetch(c, o, ct));
    }

    private static WatchResult Result<T>(ulong index, T value, JsonTypeInfo<T> typeInfo) =>
        new(index, JsonSerializer.Serialize(value, typeInfo));
}
