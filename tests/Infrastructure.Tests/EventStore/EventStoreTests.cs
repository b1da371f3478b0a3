using System.Text.Json.Nodes;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Domain.Leads;
using ProSaaS.Infrastructure.EventStore;
using ProSaaS.Testing;

namespace ProSaaS.Infrastructure.Tests.EventStore;

public sealed class EventStoreTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private static LeadCaptured Captured(Guid id, string name = "דנה כהן") =>
        new(id, name, UniquePhone(), null, LeadSource.Call, new Dictionary<string, string> { ["city"] = "חיפה" }, Lead.DefaultStatus,
            DateTimeOffset.UtcNow);

    private static int _phoneSequence = Random.Shared.Next(0, 5_000_000);

    /// <summary>A business has one lead per phone: each captured stream gets its own number.</summary>
    private static string UniquePhone() => "+97252" + Interlocked.Increment(ref _phoneSequence).ToString("D7");

    private static LeadStatusChanged Changed(Guid id, string from, string to) => new(id, from, to, null, DateTimeOffset.UtcNow);

    [Fact]
    public async Task Started_stream_reads_back_in_order_with_versions_and_sequence()
    {
        var store = Harness.Store(db);
        var id = Guid.NewGuid();
        var captured = Captured(id);
        var version = await store.StartStreamAsync<Lead>(id, [captured, Changed(id, "new", "contacted"), Changed(id, "contacted", "won")]);

        version.Should().Be(3);
        var events = await store.FetchStreamAsync(id);
        events.Select(e => e.Version).Should().Equal(1, 2, 3);
        events.Select(e => e.EventTypeName).Should().Equal("lead_captured", "lead_status_changed", "lead_status_changed");
        events.Select(e => e.Sequence).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        events[0].Data.Should().BeEquivalentTo(captured);
        var state = await store.FetchStreamStateAsync(id);
        state!.Version.Should().Be(3);
        state.AggregateTypeName.Should().Be("lead");
    }

    [Fact]
    public async Task Starting_an_existing_stream_is_a_concurrency_error_and_appends_nothing()
    {
        var store = Harness.Store(db);
        var id = Guid.NewGuid();
        await store.StartStreamAsync<Lead>(id, [Captured(id)]);

        var act = () => store.StartStreamAsync<Lead>(id, [Captured(id, "other")]);

        await act.Should().ThrowAsync<ConcurrencyException>();
        (await store.FetchStreamAsync(id)).Should().HaveCount(1);
    }

    [Fact]
    public async Task Append_with_a_stale_expected_version_fails_with_the_actual_version_and_appends_nothing()
    {
        var store = Harness.Store(db);
        var id = Guid.NewGuid();
        await store.StartStreamAsync<Lead>(id, [Captured(id), Changed(id, "new", "contacted")]);

        var act = () => store.AppendAsync(id, 1, [Changed(id, "new", "lost")]);

        var error = (await act.Should().ThrowAsync<ConcurrencyException>()).Which;
        error.ExpectedVersion.Should().Be(1);
        error.ActualVersion.Should().Be(2);
        (await store.FetchStreamAsync(id)).Should().HaveCount(2);
    }

    [Fact]
    public async Task Append_to_a_missing_stream_with_an_expected_version_is_not_found()
    {
        var store = Harness.Store(db);
        var act = () => store.AppendAsync(Guid.NewGuid(), 3, [Changed(Guid.NewGuid(), "a", "b")]);
        await act.Should().ThrowAsync<NotFoundException>();
    }

    [Fact]
    public async Task Append_without_expectation_creates_or_extends_the_stream()
    {
        var store = Harness.Store(db);
        var id = Guid.NewGuid();
        (await store.AppendAsync(id, [Captured(id)])).Should().Be(1);
        (await store.AppendAsync(id, [Changed(id, "new", "a"), Changed(id, "a", "b")])).Should().Be(3);
        (await store.FetchStreamAsync(id)).Select(e => e.Version).Should().Equal(1, 2, 3);
    }

    [Fact]
    public async Task Racing_writers_on_one_stream_exactly_one_wins_each_round_and_no_event_is_lost_or_duplicated()
    {
        var id = Guid.NewGuid();
        await Harness.Store(db).StartStreamAsync<Lead>(id, [Captured(id)]);
        const int writers = 6;
        const int rounds = 15;
        var wins = 0;
        var conflicts = 0;

        for (var round = 0; round < rounds; round++)
        {
            var expected = 1L + round;
            using var start = new ManualResetEventSlim();
            var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
            {
                var store = Harness.Store(db);
                start.Wait();
                try
                {
                    await store.AppendAsync(id, expected, [Changed(id, $"r{round}", $"w{w}")]);
                    return true;
                }
                catch (ConcurrencyException)
                {
                    return false;
                }
            })).ToList();
            start.Set();
            var results = await Task.WhenAll(tasks);
            results.Count(r => r).Should().Be(1, "exactly one writer may win round {0}", round);
            wins += results.Count(r => r);
            conflicts += results.Count(r => !r);
        }

        wins.Should().Be(rounds);
        conflicts.Should().Be(rounds * (writers - 1));
        var events = await Harness.Store(db).FetchStreamAsync(id);
        events.Select(e => e.Version).Should().Equal(Enumerable.Range(1, rounds + 1).Select(v => (long)v));
        events.Select(e => e.Id).Should().OnlyHaveUniqueItems();
        (await db.ScalarAsync<long>("select count(*) from mt_events where stream_id = $1", id)).Should().Be(rounds + 1);
        (await db.ScalarAsync<long>("select version from mt_streams where id = $1", id)).Should().Be(rounds + 1);
    }

    [Fact]
    public async Task Request_metadata_is_recorded_on_every_event_of_the_append()
    {
        var context = Harness.Context();
        context.CorrelationId = "corr-42";
        context.CausationId = "cmd-7";
        context.UserName = "owner@biz.co.il";
        context.SetHeader("channel", "api").SetHeader("client", "n8n");
        var store = Harness.Store(db, context);
        var id = Guid.NewGuid();

        await store.StartStreamAsync<Lead>(id, [Captured(id), Changed(id, "new", "contacted")]);

        var events = await Harness.Store(db).FetchStreamAsync(id);
        events.Should().HaveCount(2).And.OnlyContain(e =>
            e.CorrelationId == "corr-42" && e.CausationId == "cmd-7" && e.UserName == "owner@biz.co.il" &&
            e.Headers["channel"] == "api" && e.Headers["client"] == "n8n" && e.TenantId == "tenant-a");
        (await db.ScalarAsync<string>("select headers->>'client' from mt_events where stream_id = $1 and version = 2", id)).Should().Be("n8n");
        (await db.ScalarAsync<string>("select mt_dotnet_type from mt_events where stream_id = $1 and version = 1", id))
            .Should().Be(typeof(LeadCaptured).FullName);
    }

    [Fact]
    public async Task Aggregate_loads_as_of_a_past_version_and_a_past_timestamp()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));
        var store = Harness.Store(db, clock: clock);
        var lead = Lead.Capture(Guid.NewGuid(), "יוסי", "052-1234567", null, LeadSource.WhatsApp, null, clock.GetUtcNow());
        await store.SaveAsync(lead);
        clock.Advance(TimeSpan.FromHours(1));
        lead.ChangeStatus("contacted", null, clock.GetUtcNow());
        await store.SaveAsync(lead);
        clock.Advance(TimeSpan.FromHours(1));
        lead.ChangeStatus("won", "closed", clock.GetUtcNow());
        await store.SaveAsync(lead);

        (await store.AggregateStreamAsync<Lead>(lead.Id))!.Status.Should().Be("won");
        var atVersion2 = await store.AggregateStreamAsync<Lead>(lead.Id, version: 2);
        atVersion2!.Status.Should().Be("contacted");
        atVersion2.Version.Should().Be(2);
        var atNineThirty = await store.AggregateStreamAsync<Lead>(lead.Id, timestamp: new DateTimeOffset(2026, 5, 1, 9, 30, 0, TimeSpan.Zero));
        atNineThirty!.Status.Should().Be("contacted");
        var atStart = await store.AggregateStreamAsync<Lead>(lead.Id, timestamp: new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));
        atStart!.Status.Should().Be("new");
        (await store.AggregateStreamAsync<Lead>(lead.Id, timestamp: new DateTimeOffset(2026, 5, 1, 7, 0, 0, TimeSpan.Zero))).Should().BeNull();
    }

    [Fact]
    public async Task Saving_a_stale_aggregate_is_a_concurrency_error()
    {
        var store = Harness.Store(db);
        var lead = Lead.Capture(Guid.NewGuid(), "רונית", null, null, LeadSource.Manual, null, DateTimeOffset.UtcNow);
        await store.SaveAsync(lead);
        var first = (await store.AggregateStreamAsync<Lead>(lead.Id))!;
        var second = (await store.AggregateStreamAsync<Lead>(lead.Id))!;
        first.ChangeStatus("contacted", null, DateTimeOffset.UtcNow);
        second.ChangeStatus("lost", null, DateTimeOffset.UtcNow);

        await store.SaveAsync(first);
        var act = () => store.SaveAsync(second);

        await act.Should().ThrowAsync<ConcurrencyException>();
        (await store.AggregateStreamAsync<Lead>(lead.Id))!.Status.Should().Be("contacted");
    }

    [Fact]
    public async Task Tenants_are_isolated_even_with_the_same_stream_id()
    {
        var id = Guid.NewGuid();
        var storeA = Harness.Store(db, Harness.Context("tenant-a"));
        var storeB = Harness.Store(db, Harness.Context("tenant-b"));
        await storeA.StartStreamAsync<Lead>(id, [Captured(id, "של א")]);

        (await storeB.FetchStreamAsync(id)).Should().BeEmpty();
        (await storeB.AggregateStreamAsync<Lead>(id)).Should().BeNull();
        await storeB.StartStreamAsync<Lead>(id, [Captured(id, "של ב")]);
        (await storeA.AggregateStreamAsync<Lead>(id))!.Name.Should().Be("של א");
        (await storeB.AggregateStreamAsync<Lead>(id))!.Name.Should().Be("של ב");
        (await db.ScalarAsync<long>("select count(distinct tenant_id) from mt_events where stream_id = $1", id)).Should().Be(2);
    }

    [Fact]
    public async Task Archived_stream_keeps_its_history_and_refuses_new_events()
    {
        var store = Harness.Store(db);
        var id = Guid.NewGuid();
        await store.StartStreamAsync<Lead>(id, [Captured(id)]);

        await store.ArchiveStreamAsync(id);

        (await store.FetchStreamStateAsync(id))!.IsArchived.Should().BeTrue();
        (await store.FetchStreamAsync(id)).Should().ContainSingle().Which.IsArchived.Should().BeTrue();
        var act = () => store.AppendAsync(id, 1, [Changed(id, "new", "x")]);
        (await act.Should().ThrowAsync<BusinessRuleException>()).Which.Code.Should().Be("stream.archived");
        var anyAct = () => store.AppendAsync(id, [Changed(id, "new", "x")]);
        await anyAct.Should().ThrowAsync<BusinessRuleException>();
        var missing = () => store.ArchiveStreamAsync(Guid.NewGuid());
        await missing.Should().ThrowAsync<NotFoundException>();
    }

    [Fact]
    public async Task Events_stored_under_a_retired_alias_are_upcast_on_read()
    {
        var id = Guid.NewGuid();
        await db.ExecuteAsync("insert into mt_streams (id, tenant_id, type, version, timestamp, created) values ($1, 'tenant-a', 'lead', 1, now(), now())", id);
        await db.ExecuteAsync("""
            insert into mt_events (id, stream_id, version, data, type, timestamp, tenant_id)
            values (gen_random_uuid(), $1, 1, jsonb_build_object('leadId', $1::text, 'fullName', 'אבי לוי', 'mobile', '+972541112233'),
                    'lead_created_v0', now(), 'tenant-a')
            """, id);
        var types = EventTypeRegistry.ForDomain().AddUpcaster("lead_created_v0", "lead_captured", old => new JsonObject
        {
            ["leadId"] = old["leadId"]!.GetValue<string>(),
            ["name"] = old["fullName"]!.GetValue<string>(),
            ["phone"] = old["mobile"]!.GetValue<string>(),
            ["source"] = "call",
            ["fields"] = new JsonObject(),
            ["status"] = "new",
            ["capturedAt"] = "2024-01-01T00:00:00+00:00",
        });
        var store = Harness.Store(db, types: types);

        var lead = await store.AggregateStreamAsync<Lead>(id);

        lead!.Name.Should().Be("אבי לוי");
        lead.Phone.Should().Be("+972541112233");
        types.StoredAliasesOf(typeof(LeadCaptured)).Should().BeEquivalentTo("lead_captured", "lead_created_v0");
    }

    [Fact]
    public async Task Inline_projection_is_updated_in_the_append_transaction_and_a_failing_one_rolls_the_append_back()
    {
        var id = Guid.NewGuid();
        await Harness.Store(db).StartStreamAsync<Lead>(id, [Captured(id), Changed(id, "new", "contacted")]);
        (await db.ScalarAsync<string>("select status from leads where id = $1", id)).Should().Be("contacted");
        (await db.ScalarAsync<long>("select version from leads where id = $1", id)).Should().Be(2);

        var failing = Harness.Store(db, projections: new ThrowingInlineProjection());
        var other = Guid.NewGuid();
        var act = () => failing.StartStreamAsync<Lead>(other, [Captured(other)]);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("projection broke");
        (await db.ScalarAsync<long>("select count(*) from mt_events where stream_id = $1", other)).Should().Be(0);
        (await db.ScalarAsync<long>("select count(*) from mt_streams where id = $1", other)).Should().Be(0);
    }

    private sealed class ThrowingInlineProjection : Infrastructure.Projections.IProjection
    {
        public string Name => "throwing";
        public Infrastructure.Projections.ProjectionLifecycle Lifecycle => Infrastructure.Projections.ProjectionLifecycle.Inline;
        public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(LeadCaptured)];

        public Task ApplyAsync(Infrastructure.Projections.ProjectionContext context, IReadOnlyList<Application.Common.EventStore.StoredEvent> events, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("projection broke");

        public Task ResetAsync(Infrastructure.Projections.ProjectionContext context, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
