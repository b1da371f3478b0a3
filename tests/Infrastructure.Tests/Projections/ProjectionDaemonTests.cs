using Dapper;
using Microsoft.Extensions.Logging;
using ProSaaS.Domain.Leads;
using ProSaaS.Infrastructure.EventStore;
using ProSaaS.Infrastructure.Projections;
using ProSaaS.Infrastructure.Projections.Daemon;
using ProSaaS.Infrastructure.ReadModels.Leads;
using ProSaaS.Testing;

namespace ProSaaS.Infrastructure.Tests.Projections;

/// <summary>Each test gets its own database: the high-water mark and progress rows are database-wide.</summary>
public sealed class ProjectionDaemonTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly PostgresDatabase _db = new();

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        await _db.ExecuteAsync(EventLogProjection.CreateTable);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private static LeadCaptured Captured(Guid id, string name = "לקוח") =>
        new(id, name, null, null, LeadSource.Api, new Dictionary<string, string>(), Lead.DefaultStatus, DateTimeOffset.UtcNow);

    private Task<Guid> CaptureAsync(string name = "לקוח", string tenant = "tenant-a")
    {
        var id = Guid.NewGuid();
        return Harness.Store(_db, Harness.Context(tenant)).StartStreamAsync<Lead>(id, [Captured(id, name)]).ContinueWith(_ => id);
    }

    private Task WaitAsync(params string[] projections) => ProjectionProgress.WaitForNonStaleAsync(_db.DataSource, projections, Patience);

    private Task<long> LoggedAsync(string projection = "event_log") =>
        _db.ScalarAsync<long>("select count(*) from test_event_log where projection = $1", projection);

    /// <summary>Appends inside a transaction the test keeps open: the append has drawn its sequence number but not committed.</summary>
    private async Task<(Npgsql.NpgsqlConnection Connection, Npgsql.NpgsqlTransaction Transaction, long Sequence)> OpenAppendAsync()
    {
        var connection = await _db.DataSource.OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync();
        var id = Guid.NewGuid();
        var stored = await Harness.Store(_db).AppendInTransactionAsync(
            connection, transaction, "tenant-a", id, PostgresEventStore.Expectation.New, "lead", [Captured(id, "איטי")], CancellationToken.None);
        return (connection, transaction, stored[0].Sequence);
    }

    [Fact]
    public async Task Async_projection_catches_up_and_records_progress()
    {
        for (var i = 0; i < 250; i++)
        {
            await CaptureAsync();
        }

        await using var daemon = Harness.Daemon(_db, projections: new EventLogProjection());
        await daemon.StartAsync(CancellationToken.None);
        await WaitAsync("event_log");

        (await LoggedAsync()).Should().Be(250);
        (await _db.ScalarAsync<long>("select last_seq_id from mt_event_progression where name = 'event_log'"))
            .Should().Be(await _db.ScalarAsync<long>("select max(seq_id) from mt_events"));
        daemon.IsRunning.Should().BeTrue();
    }

    [Fact]
    public async Task Gap_left_by_a_rolled_back_transaction_is_skipped_and_logged()
    {
        var (connection, transaction, gapSequence) = await OpenAppendAsync();
        await transaction.RollbackAsync();
        await connection.DisposeAsync();
        await CaptureAsync("אחרי");
        var logger = new ListLogger<ProjectionDaemon>();

        await using var daemon = Harness.Daemon(_db, logger, new EventLogProjection());
        await daemon.StartAsync(CancellationToken.None);
        await WaitAsync("event_log");

        var skips = (await _db.PlatformDataSource.OpenConnection().QueryAsync<(long From, long To)>(
            "select from_seq_id, to_seq_id from mt_high_water_skips")).ToList();
        skips.Should().ContainSingle().Which.Should().Be((gapSequence, gapSequence));
        (await LoggedAsync()).Should().Be(1);
        (await _db.ScalarAsync<string>("select name from test_event_log")).Should().Be("אחרי");
        logger.Entries.Should().Contain(e => e.Level == LogLevel.Warning && e.Message.Contains($"skipped sequence numbers {gapSequence}"));
    }

    [Fact]
    public async Task Gap_held_by_a_slow_transaction_is_waited_for_and_its_event_is_projected()
    {
        var (connection, transaction, slowSequence) = await OpenAppendAsync();
        await CaptureAsync("מהיר");
        var fastSequence = await _db.ScalarAsync<long>("select max(seq_id) from mt_events");
        fastSequence.Should().BeGreaterThan(slowSequence);

        await using var daemon = Harness.Daemon(_db, projections: new EventLogProjection());
        await daemon.StartAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // dozens of polls while the slow transaction stays open

        (await _db.ScalarAsync<long>("select last_seq_id from mt_event_progression where name = 'HighWaterMark'")).Should().Be(slowSequence - 1);
        (await _db.ScalarAsync<long>("select last_seq_id from mt_event_progression where name = 'event_log'")).Should().BeLessThan(slowSequence);
        (await LoggedAsync()).Should().Be(0, "the committed event above the gap must wait for the gap");

        await transaction.CommitAsync();
        await connection.DisposeAsync();
        await WaitAsync("event_log");

        (await _db.ScalarAsync<long>("select count(*) from mt_high_water_skips")).Should().Be(0);
        var names = (await _db.PlatformDataSource.OpenConnection().QueryAsync<string>("select name from test_event_log order by seq_id")).ToList();
        names.Should().Equal("איטי", "מהיר");
    }

    [Fact]
    public async Task Two_daemons_on_one_database_project_each_event_exactly_once()
    {
        await using var first = Harness.Daemon(_db, projections: new EventLogProjection());
        await using var second = Harness.Daemon(_db, projections: new EventLogProjection());
        await first.StartAsync(CancellationToken.None);
        await second.StartAsync(CancellationToken.None);

        var writers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 100; i++)
            {
                var id = await CaptureAsync();
                if (i % 3 == 0)
                {
                    await Harness.Store(_db).AppendAsync(id, 1, [new LeadStatusChanged(id, "new", "contacted", null, DateTimeOffset.UtcNow)]);
                }
            }
        }));
        await Task.WhenAll(writers);
        await WaitAsync("event_log");

        var total = await _db.ScalarAsync<long>("select count(*) from mt_events");
        total.Should().Be(400 + 4 * 34);
        (await LoggedAsync()).Should().Be(total);
        (await _db.ScalarAsync<long>("select count(distinct seq_id) from test_event_log")).Should().Be(total);
        var leaders = first.GetStatus().Agents.Concat(second.GetStatus().Agents).Where(a => a.Name == "event_log" && a.IsLeader).ToList();
        leaders.Should().ContainSingle("one process leads a projection at a time");
    }

    [Fact]
    public async Task Poison_event_is_parked_in_the_dead_letter_table_and_later_events_still_project()
    {
        await CaptureAsync("ראשון");
        var poisonId = await CaptureAsync("רעיל");
        await CaptureAsync("שלישי");

        await using var daemon = Harness.Daemon(_db, projections: new EventLogProjection(poisonName: "רעיל"));
        await daemon.StartAsync(CancellationToken.None);
        await WaitAsync("event_log");
        await CaptureAsync("רביעי");
        await WaitAsync("event_log");

        var names = (await _db.PlatformDataSource.OpenConnection().QueryAsync<string>("select name from test_event_log order by seq_id")).ToList();
        names.Should().Equal("ראשון", "שלישי", "רביעי");
        var dead = (await _db.PlatformDataSource.OpenConnection().QueryAsync<(string Projection, Guid StreamId, string ErrorType, string ErrorMessage)>(
            "select projection_name, stream_id, error_type, error_message from mt_dead_letter_events")).ToList();
        dead.Should().ContainSingle();
        dead[0].Projection.Should().Be("event_log");
        dead[0].StreamId.Should().Be(poisonId);
        dead[0].ErrorType.Should().Be(typeof(FormatException).FullName);
        dead[0].ErrorMessage.Should().Contain("רעיל");
    }

    [Fact]
    public async Task Rebuild_reproduces_the_same_async_and_inline_read_models()
    {
        await using var daemon = Harness.Daemon(_db, projections: [new LeadStatusCountsProjection(), new LeadProjection()]);
        var store = Harness.Store(_db);
        var statuses = new[] { "contacted", "qualified", "won", "lost" };
        var expected = new Dictionary<string, int>();
        for (var i = 0; i < 60; i++)
        {
            var tenant = i % 3 == 0 ? "tenant-a" : "tenant-b";
            var lead = Lead.Capture(Guid.NewGuid(), $"ליד {i}", null, null, LeadSource.Call, null, DateTimeOffset.UtcNow);
            var tenantStore = Harness.Store(_db, Harness.Context(tenant));
            await tenantStore.SaveAsync(lead);
            for (var s = 0; s < i % 4; s++)
            {
                lead.ChangeStatus(statuses[s], null, DateTimeOffset.UtcNow);
                await tenantStore.SaveAsync(lead);
            }

            var key = $"{tenant}:{lead.Status}";
            expected[key] = expected.GetValueOrDefault(key) + 1;
        }

        await daemon.StartAsync(CancellationToken.None);
        await WaitAsync("lead_status_counts");
        const string countsSql = "select tenant_id || ':' || status || '=' || lead_count from lead_status_counts where lead_count <> 0 order by 1";
        const string leadsSql = "select tenant_id || ':' || id || ':' || status || ':' || version from leads order by 1";
        var counts = (await _db.PlatformDataSource.OpenConnection().QueryAsync<string>(countsSql)).ToList();
        var leads = (await _db.PlatformDataSource.OpenConnection().QueryAsync<string>(leadsSql)).ToList();
        counts.Should().Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}"));
        leads.Should().HaveCount(60);

        await _db.ExecuteAsync("update lead_status_counts set lead_count = 999");
        await _db.ExecuteAsync("update leads set status = 'corrupted'");
        await daemon.RebuildAsync("lead_status_counts");
        await daemon.RebuildAsync("leads");
        await WaitAsync("lead_status_counts");

        (await _db.PlatformDataSource.OpenConnection().QueryAsync<string>(countsSql)).Should().Equal(counts);
        (await _db.PlatformDataSource.OpenConnection().QueryAsync<string>(leadsSql)).Should().Equal(leads);
    }

    [Fact]
    public async Task Leadership_is_taken_again_after_the_leader_session_is_killed()
    {
        await using var daemon = Harness.Daemon(_db, projections: new EventLogProjection());
        await daemon.StartAsync(CancellationToken.None);
        await CaptureAsync();
        await WaitAsync("event_log");

        // What a PostgreSQL restart does to the leader: its session, and the advisory locks with it, are gone.
        var killed = await _db.ScalarAsync<long>("""
            select count(*) from (select pg_terminate_backend(pid) from pg_stat_activity
                                  where application_name = 'prosaas-leader' and datname = current_database()) t
            """);
        killed.Should().BeGreaterThanOrEqualTo(2);
        await CaptureAsync();
        await CaptureAsync();
        await WaitAsync("event_log");

        (await LoggedAsync()).Should().Be(3);
        (await _db.ScalarAsync<long>("""
            select count(*) from pg_locks l join pg_stat_activity a on a.pid = l.pid
            where l.locktype = 'advisory' and a.application_name = 'prosaas-leader' and a.datname = current_database()
            """)).Should().BeGreaterThanOrEqualTo(2);
        daemon.GetStatus().Agents.Should().OnlyContain(a => a.IsLeader);
    }
}
