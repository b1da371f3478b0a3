using ProSaaS.Application.Common.Errors;
using ProSaaS.Domain.Common;
using ProSaaS.Domain.Leads;
using ProSaaS.Testing;

namespace ProSaaS.Infrastructure.Tests.EventStore;

public sealed class SaveManyTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private static int _phoneSequence = Random.Shared.Next(0, 5_000_000);

    private static Lead NewLead() =>
        Lead.Capture(Guid.NewGuid(), "לקוח", "+97253" + Interlocked.Increment(ref _phoneSequence).ToString("D7"), null, LeadSource.Api, null, DateTimeOffset.UtcNow);

    [Fact]
    public async Task Several_aggregates_are_appended_together_with_their_inline_projections()
    {
        var store = Harness.Store(db);
        var leads = new[] { NewLead(), NewLead(), NewLead() };
        await store.SaveManyAsync(leads);

        leads.Should().OnlyContain(l => l.UncommittedEvents.Count == 0);
        (await db.ScalarAsync<long>("select count(*) from leads where id = any($1)", leads.Select(l => l.Id).ToArray())).Should().Be(3);
        var correlations = await db.ScalarAsync<long>(
            "select count(distinct correlation_id) from mt_events where stream_id = any($1)", leads.Select(l => l.Id).ToArray());
        correlations.Should().Be(1, "one request, one correlation");
    }

    [Fact]
    public async Task One_stale_aggregate_rolls_back_every_append_of_the_call()
    {
        var store = Harness.Store(db);
        var fresh = NewLead();
        var existing = NewLead();
        await store.SaveAsync(existing);

        var stale = (await store.AggregateStreamAsync<Lead>(existing.Id))!;
        var winner = (await store.AggregateStreamAsync<Lead>(existing.Id))!;
        winner.ChangeStatus("contacted", null, DateTimeOffset.UtcNow);
        await store.SaveAsync(winner);

        stale.Delete("ישן", DateTimeOffset.UtcNow);
        var act = () => store.SaveManyAsync(new AggregateRoot[] { fresh, stale });
        await act.Should().ThrowAsync<ConcurrencyException>();

        (await db.ScalarAsync<long>("select count(*) from mt_events where stream_id = $1", fresh.Id)).Should().Be(0);
        (await db.ScalarAsync<long>("select count(*) from leads where id = $1", fresh.Id)).Should().Be(0);
        (await db.ScalarAsync<long>("select count(*) from leads where id = $1", existing.Id)).Should().Be(1);
        fresh.UncommittedEvents.Should().NotBeEmpty("nothing was committed");
    }
}
