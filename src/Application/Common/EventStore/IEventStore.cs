using ProSaaS.Domain.Common;

namespace ProSaaS.Application.Common.EventStore;

/// <summary>
/// Append-only store of event streams, scoped to the tenant of the current <see cref="Context.IRequestContext"/>.
/// Every appended event carries the context's correlation id, causation id, user name and headers.
/// </summary>
public interface IEventStore
{
    /// <summary>
    /// The same store scoped to another tenant: for platform work that creates or changes a tenant's own streams
    /// (the system admin creating a business). Everything else uses the request's tenant.
    /// </summary>
    IEventStore ForTenant(string tenantId);

    /// <summary>Starts a new stream. Fails with <see cref="Errors.ConcurrencyException"/> if it already exists.</summary>
    Task<long> StartStreamAsync<TAggregate>(Guid streamId, IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken = default)
        where TAggregate : AggregateRoot;

    /// <summary>
    /// Appends to an existing stream that must be at <paramref name="expectedVersion"/>; otherwise fails with
    /// <see cref="Errors.ConcurrencyException"/> and appends nothing. Returns the stream's new version.
    /// </summary>
    Task<long> AppendAsync(Guid streamId, long expectedVersion, IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Appends at the end of a stream whatever its version, creating it when missing.</summary>
    Task<long> AppendAsync(Guid streamId, IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken = default);

    /// <summary>The stream's events in order, optionally only up to a version and/or up to a point in time.</summary>
    Task<IReadOnlyList<StoredEvent>> FetchStreamAsync(Guid streamId, long? toVersion = null, DateTimeOffset? toTimestamp = null, CancellationToken cancellationToken = default);

    Task<StreamState?> FetchStreamStateAsync(Guid streamId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Rebuilds an aggregate by replaying its stream, optionally as it stood at a version or at a moment.
    /// Returns null when the stream has no events in that range.
    /// </summary>
    Task<TAggregate?> AggregateStreamAsync<TAggregate>(Guid streamId, long? version = null, DateTimeOffset? timestamp = null, CancellationToken cancellationToken = default)
        where TAggregate : AggregateRoot;

    /// <summary>Appends the aggregate's uncommitted events, expecting the version it was loaded at.</summary>
    Task SaveAsync<TAggregate>(TAggregate aggregate, CancellationToken cancellationToken = default)
        where TAggregate : AggregateRoot;

    /// <summary>
    /// Appends the uncommitted events of several aggregates in one transaction: all of them, with their inline
    /// projections, or — on any concurrency error or failure — none.
    /// </summary>
    Task SaveManyAsync(IReadOnlyList<AggregateRoot> aggregates, CancellationToken cancellationToken = default);

    /// <summary>Marks a stream and its events archived: kept for audit, closed to further appends.</summary>
    Task ArchiveStreamAsync(Guid streamId, CancellationToken cancellationToken = default);
}

public sealed record StoredEvent(
    long Sequence,
    Guid Id,
    Guid StreamId,
    long Version,
    string EventTypeName,
    IDomainEvent Data,
    DateTimeOffset Timestamp,
    string TenantId,
    string? CorrelationId,
    string? CausationId,
    string? UserName,
    IReadOnlyDictionary<string, string> Headers,
    bool IsArchived);

public sealed record StreamState(
    Guid Id,
    long Version,
    string? AggregateTypeName,
    DateTimeOffset Created,
    DateTimeOffset LastTimestamp,
    bool IsArchived);
