using Dapper;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Leads;
using ProSaaS.Infrastructure.Projections;

namespace ProSaaS.Infrastructure.Tests.Projections;

/// <summary>Writes one row per event it sees, so a test can tell "exactly once" from "at least once".</summary>
internal sealed class EventLogProjection(string name = "event_log", string? poisonName = null) : IProjection
{
    public const string CreateTable = """
        create table if not exists test_event_log (projection text not null, seq_id bigint not null, stream_id uuid not null, name text)
        """;

    public string Name { get; } = name;

    public ProjectionLifecycle Lifecycle => ProjectionLifecycle.Async;

    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(LeadCaptured), typeof(LeadStatusChanged)];

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        foreach (var @event in events)
        {
            var name = (@event.Data as LeadCaptured)?.Name;
            await context.Connection.ExecuteAsync(
                "insert into test_event_log (projection, seq_id, stream_id, name) values (@Projection, @Sequence, @StreamId, @Name)",
                new { Projection = Name, @event.Sequence, @event.StreamId, Name = name }, context.Transaction);
            if (poisonName is not null && name == poisonName)
            {
                throw new FormatException($"cannot project lead named {name}");
            }
        }
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken) =>
        context.Connection.ExecuteAsync("delete from test_event_log where projection = @Name", new { Name }, context.Transaction);
}
