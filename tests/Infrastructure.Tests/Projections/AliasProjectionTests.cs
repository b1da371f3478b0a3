using Dapper;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Leads;
using ProSaaS.Infrastructure.Projections;
using ProSaaS.Testing;

namespace ProSaaS.Infrastructure.Tests.Projections;

/// <summary>Async projections can follow events by stored alias, including aliases this build has no CLR type for.</summary>
public sealed class AliasProjectionTests : IAsyncLifetime
{
    private readonly PostgresDatabase _db = new();

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        await _db.ExecuteAsync(EventLogProjection.CreateTable);
        await _db.ExecuteAsync("create table if not exists test_raw_log (seq_id bigint not null, alias text not null, json text not null)");
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task Events_named_by_alias_arrive_as_raw_json_whether_or_not_a_type_is_registered()
    {
        var leadId = Guid.NewGuid();
        await Harness.Store(_db).StartStreamAsync<Lead>(leadId,
            [new LeadCaptured(leadId, "רות", null, null, LeadSource.Api, new Dictionary<string, string>(), Lead.DefaultStatus, DateTimeOffset.UtcNow)]);
        var streamId = Guid.NewGuid();
        await _db.ExecuteAsync("insert into mt_streams (id, tenant_id, type, version, timestamp, created) values ($1, 'tenant-a', 'future', 1, now(), now())", streamId);
        await _db.ExecuteAsync("""
            insert into mt_events (id, stream_id, version, data, type, timestamp, tenant_id)
            values ($1, $2, 1, '{"futureId":"f-1","note":"שלום"}'::jsonb, 'future_thing_happened', now(), 'tenant-a')
            """, Guid.NewGuid(), streamId);

        await using var daemon = Harness.Daemon(_db, projections: [new RawLogProjection(), new EventLogProjection()]);
        await daemon.StartAsync(CancellationToken.None);
        await ProjectionProgress.WaitForNonStaleAsync(_db.DataSource, ["raw_log", "event_log"], TimeSpan.FromSeconds(20));

        await using var connection = await _db.DataSource.OpenConnectionAsync();
        var rows = (await connection.QueryAsync<(long Seq, string Alias, string Json)>("select seq_id, alias, json from test_raw_log order by seq_id")).ToList();
        rows.Select(r => r.Alias).Should().Equal("lead_captured", "future_thing_happened");
        rows[0].Json.Should().Contain(leadId.ToString()).And.Contain("רות");
        rows[1].Json.Should().Contain("\"futureId\": \"f-1\"");
        (await _db.ScalarAsync<long>("select count(*) from test_event_log")).Should().Be(1, "a typed projection still gets its typed events only");
        (await _db.ScalarAsync<long>("select count(*) from mt_dead_letter_events")).Should().Be(0);
    }

    private sealed class RawLogProjection : IProjection
    {
        public string Name => "raw_log";

        public ProjectionLifecycle Lifecycle => ProjectionLifecycle.Async;

        public IReadOnlyCollection<Type> EventTypes { get; } = [];

        public IReadOnlyCollection<string> EventAliases { get; } = ["lead_captured", "future_thing_happened"];

        public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
        {
            foreach (var @event in events)
            {
                var raw = @event.Data.Should().BeOfType<RawEventData>().Subject;
                raw.Alias.Should().Be(@event.EventTypeName);
                await context.Connection.ExecuteAsync("insert into test_raw_log (seq_id, alias, json) values (@Sequence, @Alias, @Json)",
                    new { @event.Sequence, raw.Alias, raw.Json }, context.Transaction);
            }
        }

        public Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken) =>
            context.Connection.ExecuteAsync("delete from test_raw_log", transaction: context.Transaction);
    }
}
