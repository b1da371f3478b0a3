using Dapper;
using Npgsql;
using ProSaaS.Application.Notes;

namespace ProSaaS.Infrastructure.ReadModels.Notes;

public sealed class LeadNoteQueries(NpgsqlDataSource dataSource) : ILeadNoteQueries
{
    private const string NoteColumns = "n.id, n.lead_id, n.text, n.author_user_id, n.author_name, n.created_at, n.edited_at, n.version";
    private const string FileColumns = "a.id, a.note_id, a.file_name, a.content_type, a.size_bytes, a.sha256, a.created_at";

    public async Task<LeadNoteView?> GetAsync(string tenantId, Guid leadId, Guid noteId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var note = await scope.Connection.QuerySingleOrDefaultAsync<NoteRow>(new CommandDefinition(
            $"select {NoteColumns} from lead_notes n where n.tenant_id = @tenantId and n.lead_id = @leadId and n.id = @noteId",
            new { tenantId, leadId, noteId }, scope.Transaction, cancellationToken: cancellationToken));
        if (note is null)
        {
            return null;
        }

        var files = await FilesOfAsync(scope, tenantId, [noteId], cancellationToken);
        return note.ToView(files);
    }

    public async Task<IReadOnlyList<LeadNoteView>?> ListAsync(
        string tenantId, Guid leadId, NoteCursor? after, int limit, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        // The lead row anchors the page: no row at all means no such lead (404), a row without a note an empty page.
        var rows = (await scope.Connection.QueryAsync<NoteRow>(new CommandDefinition($"""
            select {NoteColumns}
            from leads l
            left join lateral (
                select * from lead_notes n
                where n.tenant_id = l.tenant_id and n.lead_id = l.id
                  and (@afterAt::timestamptz is null or (n.created_at, n.id) > (@afterAt, @afterId))
                order by n.created_at, n.id
                limit @limit) n on true
            where l.tenant_id = @tenantId and l.id = @leadId
            order by n.created_at, n.id
            """,
            new { tenantId, leadId, afterAt = after?.CreatedAt, afterId = after?.Id ?? Guid.Empty, limit },
            scope.Transaction, cancellationToken: cancellationToken))).ToList();
        if (rows.Count == 0)
        {
            return null;
        }

        var notes = rows.Where(r => r.Id is not null).ToList();
        var files = await FilesOfAsync(scope, tenantId, notes.Select(n => n.Id!.Value).ToArray(), cancellationToken);
        return notes.Select(n => n.ToView(files)).ToList();
    }

    public async Task<StoredNoteFile?> GetFileAsync(string tenantId, Guid leadId, Guid noteId, Guid attachmentId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        return await scope.Connection.QuerySingleOrDefaultAsync<StoredNoteFile>(new CommandDefinition("""
            select a.id, a.note_id as NoteId, a.file_name as FileName, a.content_type as ContentType, a.size_bytes as SizeBytes,
                   a.sha256, a.storage_key as StorageKey
            from lead_note_attachments a
            where a.tenant_id = @tenantId and a.lead_id = @leadId and a.note_id = @noteId and a.id = @attachmentId
            """,
            new { tenantId, leadId, noteId, attachmentId }, scope.Transaction, cancellationToken: cancellationToken));
    }

    private static async Task<ILookup<Guid, NoteFileView>> FilesOfAsync(TenantScope scope, string tenantId, Guid[] noteIds, CancellationToken cancellationToken)
    {
        if (noteIds.Length == 0)
        {
            return Array.Empty<FileRow>().ToLookup(r => r.Note_Id, r => (NoteFileView)null!);
        }

        var rows = await scope.Connection.QueryAsync<FileRow>(new CommandDefinition(
            $"select {FileColumns} from lead_note_attachments a where a.tenant_id = @tenantId and a.note_id = any(@noteIds) order by a.created_at, a.id",
            new { tenantId, noteIds }, scope.Transaction, cancellationToken: cancellationToken));
        return rows.ToLookup(r => r.Note_Id, r => new NoteFileView(
            r.Id, r.File_Name, r.Content_Type, r.Size_Bytes, r.Sha256, Utc(r.Created_At)));
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private sealed record NoteRow(
        Guid? Id, Guid? Lead_Id, string? Text, string? Author_User_Id, string? Author_Name, DateTime? Created_At, DateTime? Edited_At, long? Version)
    {
        public LeadNoteView ToView(ILookup<Guid, NoteFileView> files) => new(
            Id!.Value, Lead_Id!.Value, Text!, Author_User_Id!, Author_Name!, Utc(Created_At!.Value),
            Edited_At is { } edited ? Utc(edited) : null, Version!.Value, files[Id.Value].ToList());
    }

    private sealed record FileRow(
        Guid Id, Guid Note_Id, string File_Name, string Content_Type, long Size_Bytes, string Sha256, DateTime Created_At);
}
