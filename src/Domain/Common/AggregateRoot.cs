namespace ProSaaS.Domain.Common;

/// <summary>
/// An event-sourced aggregate: state changes only by applying events. New events are raised by behaviour
/// methods, applied at once, and kept as uncommitted until the store appends them.
/// </summary>
public abstract class AggregateRoot
{
    private readonly List<IDomainEvent> _uncommitted = [];

    public Guid Id { get; protected set; }

    /// <summary>Version of the last event applied (stream version). 0 for an aggregate with no events.</summary>
    public long Version { get; private set; }

    /// <summary>Version the aggregate had when it was loaded: the expected version for the next append.</summary>
    public long PersistedVersion => Version - _uncommitted.Count;

    public IReadOnlyList<IDomainEvent> UncommittedEvents => _uncommitted;

    protected void Raise(IDomainEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        Apply(@event);
        Version++;
        _uncommitted.Add(@event);
    }

    /// <summary>Replays one stored event; used when loading from the stream.</summary>
    public void ReplayEvent(IDomainEvent @event, long version)
    {
        ArgumentNullException.ThrowIfNull(@event);
        if (version != Version + 1)
        {
            throw new InvalidOperationException(
                $"Event version {version} does not follow version {Version} of {GetType().Name} {Id}.");
        }

        Apply(@event);
        Version = version;
    }

    public void MarkCommitted() => _uncommitted.Clear();

    /// <summary>Changes state for one event. Must not throw for an event that was valid when raised.</summary>
    protected abstract void Apply(IDomainEvent @event);
}
