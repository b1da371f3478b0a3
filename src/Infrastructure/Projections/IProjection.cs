using Npgsql;
using ProSaaS.Application.Common.EventStore;

namespace ProSaaS.Infrastructure.Projections;

public enum ProjectionLifecycle
{
    /// <summary>Applied in the transaction that appends the events: the read model is never behind.</summary>
    Inline,

    /// <summary>Applied by the projection daemon after commit, in sequence order, exactly once.</summary>
    Async,
}

/// <summary>Turns events into read-model rows. Implementations write only through the context's transaction.</summary>
public interface IProjection
{
    /// <summary>Stable name; the key of the projection's progress row and leader lock.</summary>
    string Name { get; }

    ProjectionLifecycle Lifecycle { get; }

    IReadOnlyCollection<Type> EventTypes { get; }

    /// <summary>
    /// Stored aliases an async projection reads as raw JSON (<see cref="RawEventData"/>) rather than as CLR events: for
    /// events this build may not know as types (raised by aggregates that come later, or retired), so that a projection
    /// can follow them by name. Honoured by the projection daemon; inline projections use <see cref="EventTypes"/> only.
    /// </summary>
    IReadOnlyCollection<string> EventAliases => [];

    /// <summary>
    /// Applies events in sequence order, all of <see cref="EventTypes"/> (or <see cref="EventAliases"/>): one append's events inline, or a batch of
    /// the daemon's. Writing a batch in few statements is what keeps projections cheap.
    /// </summary>
    Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken);

    /// <summary>
    /// Inline projections whose tables this projection's rows reference (a foreign key with cascade): resetting one of
    /// them removes rows of this one, so rebuilding it rebuilds this one too, in the same transaction.
    /// </summary>
    IReadOnlyCollection<string> DependsOn => [];

    /// <summary>Removes every row the projection wrote, ahead of a rebuild from the first event.</summary>
    Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken);
}

public sealed record ProjectionContext(NpgsqlConnection Connection, NpgsqlTransaction Transaction);

/// <summary>An event handed over by alias, as stored: <see cref="Json"/> is its data exactly as in <c>mt_events</c>.</summary>
public sealed record RawEventData(string Alias, string Json) : Domain.Common.IDomainEvent;

/// <summary>The projections of this deployment, as one list the store and the daemon share.</summary>
public sealed class ProjectionRegistry
{
    public ProjectionRegistry(IEnumerable<IProjection> projections)
    {
        All = projections.ToList();
        var duplicate = All.GroupBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two projections are named '{duplicate.Key}'.");
        }

        Inline = All.Where(p => p.Lifecycle == ProjectionLifecycle.Inline).ToList();
        Async = All.Where(p => p.Lifecycle == ProjectionLifecycle.Async).ToList();
    }

    public IReadOnlyList<IProjection> All { get; }
    public IReadOnlyList<IProjection> Inline { get; }
    public IReadOnlyList<IProjection> Async { get; }

    public IProjection Get(string name) =>
        All.FirstOrDefault(p => p.Name == name) ?? throw new KeyNotFoundException($"No projection is named '{name}'.");
}
