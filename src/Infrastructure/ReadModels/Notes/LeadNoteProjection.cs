using Dapper;
using Npgsql;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Notes;
using ProSaaS.Infrastructure.Projections;
using ProSaaS.Infrastructure.ReadModels.Leads;

namespace ProSaaS.Infrastructure.ReadModels.Notes;

/// <summary>
/// Keeps <c>lead_notes</c> and <c>lead_note_attachments</c> equal to the note streams, in the append's transaction.
/// Events are folded per note and per file first, so an append or a rebuild page costs a handful of statements.
/// Removing rows queues their blobs (a trigger on the files table); recording a file takes its upload's queue entry out.
/// A note or file whose lead (or note) row is gone is refused with 404 when it is new history — the lead was deleted
/// before this append — and skipped when a later <c>lead_deleted</c> explains it (a rebuild replaying a deleted lead).
/// </summary>
public sealed class LeadNoteProjection : IProjection
{
    private const string InsertNotes = """
        insert into lead_notes (tenant_id, id, lead_id, text, author_user_id, author_name, created_at, edited_at, edited_by, version)
        select x.t, x.i, x.l, x.tx, x.au, x.an, x.c, x.ea, x.eb, x.v
        from unnest(@TenantIds, @Ids, @LeadIds, @Texts, @AuthorIds, @AuthorNames, @CreatedAt, @EditedAt, @EditedBy, @Versions)
             as x(t, i, l, tx, au, an, c, ea, eb, v)
        where exists (select 1 from leads l where l.tenant_id = x.t and l.id = x.l)
        on conflict (tenant_id, id) do update set
            text = excluded.text, edited_at = excluded.edited_at, edited_by = excluded.edited_by, version = excluded.version
        returning tenant_id, id
        """;

    private const string UpdateNotes = """
        update lead_notes n set
            text = coalesce(x.tx, n.text),
            edited_at = coalesce(x.ea, n.edited_at),
            edited_by = coalesce(x.eb, n.edited_by),
            version = x.v
        from unnest(@TenantIds, @Ids, @Texts, @EditedAt, @EditedBy, @Versions) as x(t, i, tx, ea, eb, v)
        where n.tenant_id = x.t and n.id = x.i
        returning n.tenant_id, n.id
        """;

    private const string InsertFiles = """
        with inserted as (
            insert into lead_note_attachments (tenant_id, id, note_id, lead_id, file_name, content_type, size_bytes, sha256, storage_key, created_at)
            select x.t, x.i, x.n, x.l, x.fn, x.ct, x.sz, x.sh, x.k, x.c
            from unnest(@TenantIds, @Ids, @NoteIds, @LeadIds, @FileNames, @ContentTypes, @Sizes, @Hashes, @Keys, @CreatedAt)
                 as x(t, i, n, l, fn, ct, sz, sh, k, c)
            where exists (select 1 from lead_notes n where n.tenant_id = x.t and n.id = x.n)
            on conflict (tenant_id, id) do nothing
            returning tenant_id, id, storage_key),
        claimed as (
            delete from file_deletions d using inserted i where d.tenant_id = i.tenant_id and d.storage_key = i.storage_key)
        select tenant_id, id from inserted
        """;

    /// <summary>Of rows that went missing, those not explained by a later deletion of their lead.</summary>
    public string Name => "lead_notes";

    /// <summary>Its rows reference leads (cascade): rebuilding leads rebuilds this too.</summary>
    public IReadOnlyCollection<string> DependsOn { get; } = ["leads"];

    public ProjectionLifecycle Lifecycle => ProjectionLifecycle.Inline;

    public IReadOnlyCollection<Type> EventTypes { get; } =
    [
        typeof(LeadNoteAdded), typeof(LeadNoteEdited), typeof(LeadNoteDeleted), typeof(LeadNoteAttachmentAdded), typeof(LeadNoteAttachmentRemoved),
    ];

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var notes = new Dictionary<(string Tenant, Guid Id), NoteRow>();
        var files = new Dictionary<(string Tenant, Guid Id), FileRow>();
        foreach (var @event in events)
        {
            switch (@event.Data)
            {
                case LeadNoteAdded e:
                    notes[(@event.TenantId, e.NoteId)] = new NoteRow(@event.TenantId, e.NoteId, e.LeadId)
                    {
                        Added = e, Text = e.Text, Version = @event.Version, Sequence = @event.Sequence,
                    };
                    break;
                case LeadNoteEdited e:
                {
                    var note = NoteOf(notes, @event, e.NoteId, e.LeadId);
                    note.Text = e.Text;
                    note.EditedAt = e.EditedAt;
                    note.EditedBy = e.EditedBy;
                    break;
                }

                case LeadNoteDeleted e:
                    NoteOf(notes, @event, e.NoteId, e.LeadId).Deleted = true;
                    foreach (var key in files.Where(f => f.Value.NoteId == e.NoteId && f.Key.Tenant == @event.TenantId).Select(f => f.Key).ToList())
                    {
                        // Files of this batch go with their note; earlier ones go with the note's row (cascade).
                        files.Remove(key);
                    }

                    break;
                case LeadNoteAttachmentAdded e:
                    NoteOf(notes, @event, e.NoteId, e.LeadId);
                    files[(@event.TenantId, e.AttachmentId)] = new FileRow(@event.TenantId, e.AttachmentId, e.NoteId, e.LeadId)
                    {
                        Added = e, Sequence = @event.Sequence,
                    };
                    break;
                case LeadNoteAttachmentRemoved e:
                    NoteOf(notes, @event, e.NoteId, e.LeadId);
                    if (files.TryGetValue((@event.TenantId, e.AttachmentId), out var added) && added.Added is not null)
                    {
                        // Added and removed in one batch: never recorded, so its upload entry stays queued and the blob goes.
                        files.Remove((@event.TenantId, e.AttachmentId));
                    }
                    else
                    {
                        files[(@event.TenantId, e.AttachmentId)] = new FileRow(@event.TenantId, e.AttachmentId, e.NoteId, e.LeadId)
                        {
                            Removed = true, Sequence = @event.Sequence,
                        };
                    }

                    break;
            }
        }

        var missing = new List<(string Tenant, Guid LeadId, long Sequence)>();

        var deletedNotes = notes.Values.Where(n => n.Deleted && n.Added is null).ToList();
        if (deletedNotes.Count > 0)
        {
            await ExecuteAsync(context, "delete from lead_notes n using unnest(@TenantIds, @Ids) as x(t, i) where n.tenant_id = x.t and n.id = x.i",
                new { TenantIds = deletedNotes.Select(n => n.Tenant).ToArray(), Ids = deletedNotes.Select(n => n.Id).ToArray() }, cancellationToken);
        }

        var newNotes = notes.Values.Where(n => n.Added is not null && !n.Deleted).ToList();
        if (newNotes.Count > 0)
        {
            var inserted = await QueryKeysAsync(context, InsertNotes, new
            {
                TenantIds = newNotes.Select(n => n.Tenant).ToArray(),
                Ids = newNotes.Select(n => n.Id).ToArray(),
                LeadIds = newNotes.Select(n => n.LeadId).ToArray(),
                Texts = newNotes.Select(n => n.Text!).ToArray(),
                AuthorIds = newNotes.Select(n => n.Added!.AuthorUserId).ToArray(),
                AuthorNames = newNotes.Select(n => n.Added!.AuthorName).ToArray(),
                CreatedAt = newNotes.Select(n => n.Added!.AddedAt.ToUniversalTime()).ToArray(),
                EditedAt = newNotes.Select(n => n.EditedAt?.ToUniversalTime()).ToArray(),
                EditedBy = newNotes.Select(n => n.EditedBy).ToArray(),
                Versions = newNotes.Select(n => n.Version).ToArray(),
            }, "lead", cancellationToken);
            missing.AddRange(newNotes.Where(n => !inserted.Contains((n.Tenant, n.Id))).Select(n => (n.Tenant, n.LeadId, n.Sequence)));
        }

        var changedNotes = notes.Values.Where(n => n.Added is null && !n.Deleted).ToList();
        if (changedNotes.Count > 0)
        {
            var updated = await QueryKeysAsync(context, UpdateNotes, new
            {
                TenantIds = changedNotes.Select(n => n.Tenant).ToArray(),
                Ids = changedNotes.Select(n => n.Id).ToArray(),
                Texts = changedNotes.Select(n => n.Text).ToArray(),
                EditedAt = changedNotes.Select(n => n.EditedAt?.ToUniversalTime()).ToArray(),
                EditedBy = changedNotes.Select(n => n.EditedBy).ToArray(),
                Versions = changedNotes.Select(n => n.Version).ToArray(),
            }, "note", cancellationToken);
            missing.AddRange(changedNotes.Where(n => !updated.Contains((n.Tenant, n.Id))).Select(n => (n.Tenant, n.LeadId, n.Sequence)));
        }

        var removedFiles = files.Values.Where(f => f.Removed).ToList();
        if (removedFiles.Count > 0)
        {
            await ExecuteAsync(context,
                "delete from lead_note_attachments a using unnest(@TenantIds, @Ids) as x(t, i) where a.tenant_id = x.t and a.id = x.i",
                new { TenantIds = removedFiles.Select(f => f.Tenant).ToArray(), Ids = removedFiles.Select(f => f.Id).ToArray() }, cancellationToken);
        }

        var newFiles = files.Values.Where(f => f.Added is not null).ToList();
        if (newFiles.Count > 0)
        {
            var inserted = await QueryKeysAsync(context, InsertFiles, new
            {
                TenantIds = newFiles.Select(f => f.Tenant).ToArray(),
                Ids = newFiles.Select(f => f.Id).ToArray(),
                NoteIds = newFiles.Select(f => f.NoteId).ToArray(),
                LeadIds = newFiles.Select(f => f.LeadId).ToArray(),
                FileNames = newFiles.Select(f => f.Added!.FileName).ToArray(),
                ContentTypes = newFiles.Select(f => f.Added!.ContentType).ToArray(),
                Sizes = newFiles.Select(f => f.Added!.SizeBytes).ToArray(),
                Hashes = newFiles.Select(f => f.Added!.Sha256).ToArray(),
                Keys = newFiles.Select(f => f.Added!.StorageKey).ToArray(),
                CreatedAt = newFiles.Select(f => f.Added!.AddedAt.ToUniversalTime()).ToArray(),
            }, "note", cancellationToken);
            missing.AddRange(newFiles.Where(f => !inserted.Contains((f.Tenant, f.Id))).Select(f => (f.Tenant, f.LeadId, f.Sequence)));
        }

        await MissingLeads.ThrowIfUnexplainedAsync(context, missing, cancellationToken);
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken) =>
        context.Connection.ExecuteAsync(new CommandDefinition("delete from lead_notes", transaction: context.Transaction, cancellationToken: cancellationToken));

    private static NoteRow NoteOf(Dictionary<(string Tenant, Guid Id), NoteRow> notes, StoredEvent @event, Guid noteId, Guid leadId)
    {
        if (!notes.TryGetValue((@event.TenantId, noteId), out var note))
        {
            notes[(@event.TenantId, noteId)] = note = new NoteRow(@event.TenantId, noteId, leadId);
        }

        note.Version = @event.Version;
        note.Sequence = @event.Sequence;
        return note;
    }

    private static Task ExecuteAsync(ProjectionContext context, string sql, object parameters, CancellationToken cancellationToken) =>
        context.Connection.ExecuteAsync(new CommandDefinition(sql, parameters, context.Transaction, cancellationToken: cancellationToken));

    /// <summary>Runs a write that returns the keys it touched; a concurrent delete of the parent row reads as not found.</summary>
    private static async Task<HashSet<(string Tenant, Guid Id)>> QueryKeysAsync(
        ProjectionContext context, string sql, object parameters, string parent, CancellationToken cancellationToken)
    {
        try
        {
            var rows = await context.Connection.QueryAsync<(string TenantId, Guid Id)>(new CommandDefinition(
                sql, parameters, context.Transaction, cancellationToken: cancellationToken));
            return rows.Select(r => (r.TenantId, r.Id)).ToHashSet();
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            // The lead (or note) was deleted by a transaction that committed while this one waited on its row.
            throw new NotFoundException(parent, ex.ConstraintName ?? parent);
        }
    }

    private sealed class NoteRow(string tenant, Guid id, Guid leadId)
    {
        public string Tenant { get; } = tenant;
        public Guid Id { get; } = id;
        public Guid LeadId { get; } = leadId;
        public LeadNoteAdded? Added { get; init; }

        /// <summary>For a new note its text; for an earlier one the new text, or null when unchanged.</summary>
        public string? Text { get; set; }

        public DateTimeOffset? EditedAt { get; set; }
        public string? EditedBy { get; set; }
        public long Version { get; set; }
        public long Sequence { get; set; }
        public bool Deleted { get; set; }
    }

    private sealed class FileRow(string tenant, Guid id, Guid noteId, Guid leadId)
    {
        public string Tenant { get; } = tenant;
        public Guid Id { get; } = id;
        public Guid NoteId { get; } = noteId;
        public Guid LeadId { get; } = leadId;
        public LeadNoteAttachmentAdded? Added { get; init; }
        public bool Removed { get; init; }
        public long Sequence { get; init; }
    }
}
