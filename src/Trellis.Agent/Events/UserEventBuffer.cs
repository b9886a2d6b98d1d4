using System.Text.RegularExpressions;
using Trellis.Core.Errors;
using Trellis.Core.Events;

namespace Trellis.Agent.Events;

/// <summary>
/// The user events this agent has received (Consul keeps the last 256): validation of a fire, the filters that decide
/// whether this agent takes an event (node name, a local service and its tags), a Lamport clock for <c>LTime</c>, and a
/// change signal for blocking lists. Until gossip lands an event reaches only the agent it was fired on.
/// </summary>
/// <remarks>Thread-safe: one lock guards the ring and the clock.</remarks>
public sealed class UserEventBuffer
{
    /// <summary>How many events are kept (Consul's userEventRingSize).</summary>
    public const int Capacity = 256;

    /// <summary>The most payload, name and filter bytes one event may carry (Serf's default user event limit).</summary>
    public const int SizeLimit = 512;

    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    private readonly Lock _gate = new();
    private readonly Queue<UserEvent> _events = new();
    private ulong _clock;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Validates a fire with Consul's texts (an <see cref="InvalidRequestException"/>) and returns the event as the fire
    /// answers it: a new ID, version 1, LTime 0 (the clock is assigned on receipt).
    /// </summary>
    public static UserEvent Create(string name, byte[]? payload, string nodeFilter, string serviceFilter, string tagFilter)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new InvalidRequestException("User event missing name");
        }

        if (tagFilter.Length > 0 && serviceFilter.Length == 0)
        {
            throw new InvalidRequestException("Cannot provide tag filter without service filter");
        }

        Compile(nodeFilter, "node");
        Compile(serviceFilter, "service");
        Compile(tagFilter, "tag");
        var size = name.Length + nodeFilter.Length + serviceFilter.Length + tagFilter.Length + (payload?.Length ?? 0);
        if (size > SizeLimit)
        {
            // Consul compat: Serf's text; Trellis counts the raw fields where Serf counts its encoded message.
            throw new InvalidRequestException($"user event exceeds configured limit of {SizeLimit} bytes before encoding");
        }

        return new UserEvent
        {
            ID = Guid.NewGuid().ToString(),
            Name = name,
            Payload = payload is { Length: > 0 } ? payload : null,
            NodeFilter = nodeFilter,
            ServiceFilter = serviceFilter,
            TagFilter = tagFilter,
            Version = 1,
        };
    }

    /// <summary>
    /// Takes <paramref name="userEvent"/> when its filters match this agent (Consul's shouldProcessUserEvent): the node
    /// filter against <paramref name="nodeName"/>, the service filter against a local service's name and the tag filter
    /// against that service's tags. Returns whether it was taken.
    /// </summary>
    public bool Receive(UserEvent userEvent, string nodeName, IEnumerable<(string Service, IReadOnlyList<string> Tags)> services)
    {
        if (!Matches(userEvent.NodeFilter, nodeName))
        {
            return false;
        }

        if (userEvent.ServiceFilter.Length > 0 && !services.Any(s => Matches(userEvent.ServiceFilter, s.Service)
                && (userEvent.TagFilter.Length == 0 || s.Tags.Any(t => Matches(userEvent.TagFilter, t)))))
        {
            return false;
        }

        TaskCompletionSource changed;
        lock (_gate)
        {
            _events.Enqueue(userEvent with { LTime = ++_clock });
            while (_events.Count > Capacity)
            {
                _events.Dequeue();
            }

            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
        return true;
    }

    /// <summary>The events kept, oldest first, and a task that completes at the next change.</summary>
    public (IReadOnlyList<UserEvent> Events, Task Changed) Snapshot()
    {
        lock (_gate)
        {
            return ([.. _events], _changed.Task);
        }
    }

    private static bool Matches(string filter, string value) =>
        filter.Length == 0 || Regex.IsMatch(value, filter, RegexOptions.None, RegexTimeout);

    private static void Compile(string filter, string what)
    {
        if (filter.Length == 0)
        {
            return;
        }

        try
        {
            _ = new Regex(filter, RegexOptions.None, RegexTimeout);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidRequestException($"Invalid {what} filter: {ex.Message}", ex);
        }
    }
}
