using ProSaaS.Application.Common.Errors;
using ProSaaS.Domain.Leads;
using ProSaaS.Domain.Notes;
using ProSaaS.Infrastructure.Projections;
using ProSaaS.Infrastructure.ReadModels.Leads;
using ProSaaS.Infrastructure.ReadModels.Notes;
using ProSaaS.Testing;

namespace ProSaaS.Infrastructure.Tests.ReadModels;

/// <summary>The notes read model against the real schema: cascades, the blob queue, lost races and rebuilds.</summary>
public sealed class LeadNoteProjectionTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private static readonly IProjection[] Projections = [new LeadProjection(), new LeadNoteProjection()];
    private readonly string _tenant = "tenant-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Recording_a_file_takes_its_upload_out_of_the_queue_and_removing_it_queues_the_blob()
    {
        var lead = await NewLeadAsync();
        var key = Key();
        await db.ExecuteAsync("insert into file_deletions (tenant_id, storage_key, delete_after) values ($1, $2, now() + interval '1 hour')", _tenant, key);

        var note = LeadNote.Add(Guid.NewGuid(), lead, "עם קובץ", "user-1", "דנה", DateTimeOffset.UtcNow, File(key));
        await Store().SaveAsync(note);
        (await Queued(key)).Should().BeFalse("the attachment row claims the upload");

        note.RemoveAttachment(note.Attachments[0].Id, "user-1", DateTimeOffset.UtcNow);
        await Store().SaveAsync(note);
        (await Queued(key)).Should().BeTrue("a removed file's blob waits in the queue for the sweep");
        (await Count("select count(*) from file_deletions where storage_key = $1 and delete_after <= now()", key)).Should().Be(1, "and is due at once");
    }

    [Fact]
    public async Task Deleting_a_note_or_its_lead_queues_every_blob_in_the_same_transaction()
    {
        var lead = await NewLeadAsync();
        var (first, second, third) = (Key(), Key(), Key());
        var note = LeadNote.Add(Guid.NewGuid(), lead, "שניים", "user-1", "דנה", DateTimeOffset.UtcNow, File(first));
        note.Attach(File(second), "user-1", DateTimeOffset.UtcNow);
        await Store().SaveAsync(note);
        var other = LeadNote.Add(Guid.NewGuid(), lead, "אחד", "user-1", "דנה", DateTimeOffset.UtcNow, File(third));
        await Store().SaveAsync(other);

        note.RemoveAttachment(note.Attachments[0].Id, "user-1", DateTimeOffset.UtcNow);
        await Store().SaveAsync(note);
        (await Queued(first)).Should().BeTrue();
        (await Queued(second)).Should().BeFalse();

        note.Delete("user-1", DateTimeOffset.UtcNow);
        await Store().SaveAsync(note);
        (await Queued(second)).Should().BeTrue();
        (await Count("select count(*) from lead_notes where id = $1", note.Id)).Should().Be(0);

        var leadAggregate = (await Store().AggregateStreamAsync<Lead>(lead))!;
        leadAggregate.Delete(null, DateTimeOffset.UtcNow);
        await Store().SaveAsync(leadAggregate);
        (await Queued(third)).Should().BeTrue("the lead's deletion cascades to its notes' files");
        (await Count("select count(*) from lead_note_attachments where lead_id = $1", lead)).Should().Be(0);
    }

    [Fact]
    public async Task A_note_for_a_lead_deleted_before_it_is_refused_and_nothing_is_appended()
    {
        var lead = await NewLeadAsync();
        var leadAggregate = (await Store().AggregateStreamAsync<Lead>(lead))!;
        leadAggregate.Delete(null, DateTimeOffset.UtcNow);
        await Store().SaveAsync(leadAggregate);

        var note = LeadNote.Add(Guid.NewGuid(), lead, "מאוחר מדי", "user-1", "דנה", DateTimeOffset.UtcNow, File(Key()));
        await FluentActions.Awaiting(() => Store().SaveAsync(note)).Should().ThrowAsync<NotFoundException>();

        (await Count("select count(*) from mt_events where stream_id = $1", note.Id)).Should().Be(0);
    }

    [Fact]
    public async Task Rebuilding_reproduces_the_notes_and_keeps_every_blob_out_of_the_queue()
    {
        var kept = await NewLeadAsync();
        var gone = await NewLeadAsync();
        var keptKey = Key();
        var note = LeadNote.Add(Guid.NewGuid(), kept, "נשאר", "user-1", "דנה", DateTimeOffset.UtcNow, File(keptKey));
        note.Attach(File(Key()), "user-1", DateTimeOffset.UtcNow);
        note.Edit("נשאר ונערך", "user-2", DateTimeOffset.UtcNow);
        note.RemoveAttachment(note.Attachments[1].Id, "user-2", DateTimeOffset.UtcNow);
        await Store().SaveAsync(note);
        var deletedNote = LeadNote.Add(Guid.NewGuid(), kept, "נמחק", "user-1", "דנה", DateTimeOffset.UtcNow, File(Key()));
        deletedNote.Delete("user-1", DateTimeOffset.UtcNow);
        await Store().SaveAsync(deletedNote);
        await Store().SaveAsync(LeadNote.Add(Guid.NewGuid(), gone, "של ליד שנמחק", "user-1", "דנה", DateTimeOffset.UtcNow, File(Key())));
        var goneLead = (await Store().AggregateStreamAsync<Lead>(gone))!;
        goneLead.Delete(null, DateTimeOffset.UtcNow);
        await Store().SaveAsync(goneLead);
        await db.ExecuteAsync("delete from file_deletions where tenant_id = $1", _tenant);
        var before = await ReadModelAsync();

        await using var daemon = Harness.Daemon(db, null, Projections);
        await daemon.RebuildAsync("lead_notes");
        (await ReadModelAsync()).Should().BeEquivalentTo(before);

        // Rebuilding the leads empties their notes (cascade) and rebuilds them with it, without condemning a single file.
        await daemon.RebuildAsync("leads");
        (await Count("select count(*) from file_deletions where tenant_id = $1", _tenant)).Should().Be(0);
        (await ReadModelAsync()).Should().BeEquivalentTo(before);
        (await Count("select count(*) from lead_note_attachments where storage_key = $1", keptKey)).Should().Be(1);
    }

    private Infrastructure.EventStore.PostgresEventStore Store() => Harness.Store(db, Harness.Context(_tenant), null, null, Projections);

    private async Task<Guid> NewLeadAsync()
    {
        var lead = Lead.Capture(Guid.NewGuid(), "ליד " + Guid.NewGuid().ToString("N")[..6], null, null, LeadSource.Manual, null, DateTimeOffset.UtcNow);
        await Store().SaveAsync(lead);
        return lead.Id;
    }

    private string Key() => $"{_tenant}/2026/03/{Guid.NewGuid():N}";

    private static NoteAttachment File(string key) => new(Guid.NewGuid(), "קובץ.png", "image/png", 10, new string('0', 64), key);

    private async Task<bool> Queued(string key) => await Count("select count(*) from file_deletions where storage_key = $1", key) == 1;

    private Task<long> Count(string sql, params object[] parameters) => db.ScalarAsync<long>(sql, parameters);

    private async Task<object> ReadModelAsync() => new
    {
        Notes = await db.ScalarAsync<string>(
            "select coalesce(string_agg(concat_ws('|', id, lead_id, text, author_user_id, edited_by, version), ',' order by id), '') from lead_notes where tenant_id = $1", _tenant),
        Files = await db.ScalarAsync<string>(
            "select coalesce(string_agg(concat_ws('|', id, note_id, storage_key), ',' order by id), '') from lead_note_attachments where tenant_id = $1", _tenant),
        Queue = await Count("select count(*) from file_deletions where tenant_id = $1", _tenant),
    };
}
