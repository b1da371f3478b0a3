using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Api.Tests.Tenancy;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Files;
using ProSaaS.Domain.Leads;
using ProSaaS.Domain.Users;
using ProSaaS.Api.Hosting;
using Quartz;

namespace ProSaaS.Api.Tests.Crm;

/// <summary>
/// Notes with files on the real Api, PostgreSQL and disk storage: text notes, uploads checked by content and size with
/// nothing stored when refused, downloads with safe headers, isolation between businesses, and blobs that never outlive
/// their rows — whether a file, its note or its lead is deleted.
/// </summary>
public sealed class NotesTests(TenancyFixture fx) : IClassFixture<TenancyFixture>
{
    private Guid A => fx.TenantA;

    private Guid B => fx.TenantB;

    [Fact]
    public async Task A_text_note_is_added_listed_edited_and_deleted()
    {
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var leadId = await NewLeadAsync(A);

        var created = await agent.PostAsJsonAsync(NotesOf(leadId), new { text = "  שיחה ראשונה: מחפשת 4 חדרים בחיפה  " });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var note = await created.ReadJsonAsync();
        var noteId = note.GetProperty("id").GetGuid();
        created.Headers.Location!.ToString().Should().Be($"{NotesOf(leadId)}/{noteId}");
        note.GetProperty("text").GetString().Should().Be("שיחה ראשונה: מחפשת 4 חדרים בחיפה");
        note.GetProperty("leadId").GetGuid().Should().Be(leadId);
        note.GetProperty("authorUserId").GetString().Should().Be(fx.Users[(A, Role.Agent)].ToString());
        note.GetProperty("authorName").GetString().Should().NotBeNullOrWhiteSpace();
        note.GetProperty("version").GetInt64().Should().Be(1);
        note.GetProperty("editedAt").ValueKind.Should().Be(JsonValueKind.Null);
        note.GetProperty("attachments").GetArrayLength().Should().Be(0);

        await TenancyFixture.ReadAsync(await agent.PostAsJsonAsync(NotesOf(leadId), new { text = "שיחה שנייה" }), "second note");
        var page = await TenancyFixture.ReadAsync(await agent.GetAsync(NotesOf(leadId)), "list");
        page.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("text").GetString())
            .Should().Equal(["שיחה ראשונה: מחפשת 4 חדרים בחיפה", "שיחה שנייה"], "notes are chronological");

        var stale = await agent.PutAsJsonAsync($"{NotesOf(leadId)}/{noteId}", new { text = "גרסה ישנה", expectedVersion = 7 });
        await stale.ShouldBeProblemAsync(409);
        var edited = await TenancyFixture.ReadAsync(
            await agent.PutAsJsonAsync($"{NotesOf(leadId)}/{noteId}", new { text = "מחפשת 4 חדרים בחיפה או בקריות", expectedVersion = 1 }), "edit");
        edited.GetProperty("text").GetString().Should().Be("מחפשת 4 חדרים בחיפה או בקריות");
        edited.GetProperty("version").GetInt64().Should().Be(2);
        edited.GetProperty("editedAt").ValueKind.Should().Be(JsonValueKind.String);
        (await TenancyFixture.ReadAsync(await agent.GetAsync($"{NotesOf(leadId)}/{noteId}"), "get")).GetProperty("text").GetString()
            .Should().Be("מחפשת 4 חדרים בחיפה או בקריות");

        (await agent.DeleteAsync($"{NotesOf(leadId)}/{noteId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await (await agent.GetAsync($"{NotesOf(leadId)}/{noteId}")).ShouldBeProblemAsync(404);
        (await TenancyFixture.ReadAsync(await agent.GetAsync(NotesOf(leadId)), "list after delete")).GetProperty("items").GetArrayLength().Should().Be(1);
        (await Count("select count(*) from lead_notes where id = $1", noteId)).Should().Be(0);

        var types = await Strings("select type from mt_events where stream_id = $1 order by version", noteId);
        types.Should().Equal("lead_note_added", "lead_note_edited", "lead_note_deleted");
        (await Count("select count(*) from mt_events where stream_id = $1 and data ->> 'leadId' = $2", noteId, leadId.ToString())).Should().Be(3);
    }

    [Fact]
    public async Task A_note_needs_text_or_a_file_and_text_of_at_most_ten_thousand_characters()
    {
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var leadId = await NewLeadAsync(A);

        var empty = await (await agent.PostAsJsonAsync(NotesOf(leadId), new { text = "   " })).ShouldBeProblemAsync(400);
        empty.GetProperty("errors").GetProperty("text").EnumerateArray().Should().NotBeEmpty();
        var tooLong = await (await agent.PostAsJsonAsync(NotesOf(leadId), new { text = new string('א', 10_001) })).ShouldBeProblemAsync(400);
        tooLong.GetProperty("errors").GetProperty("text").EnumerateArray().Should().NotBeEmpty();
        (await agent.PostAsJsonAsync(NotesOf(leadId), new { text = new string('א', 10_000) })).StatusCode.Should().Be(HttpStatusCode.Created);
        await (await agent.PostAsync(NotesOf(leadId), TestFiles.Form(text: ""))).ShouldBeProblemAsync(400);
        await (await agent.PostAsJsonAsync(NotesOf(Guid.NewGuid()), new { text = "ליד שאינו קיים" })).ShouldBeProblemAsync(404);

        // A file alone is a note; its only file cannot be removed, and its text cannot be emptied once it has none.
        var photo = await TenancyFixture.ReadAsync(await agent.PostAsync(NotesOf(leadId), TestFiles.Form(null, TestFiles.Png(), "חזית.png", "image/png")), "file note");
        photo.GetProperty("text").GetString().Should().BeEmpty();
        var noteId = photo.GetProperty("id").GetGuid();
        var fileId = photo.GetProperty("attachments")[0].GetProperty("id").GetGuid();
        var last = await (await agent.DeleteAsync($"{NotesOf(leadId)}/{noteId}/attachments/{fileId}")).ShouldBeProblemAsync(422);
        last.GetProperty("code").GetString().Should().Be("note.empty");

        var textNote = (await TenancyFixture.ReadAsync(await agent.PostAsJsonAsync(NotesOf(leadId), new { text = "טקסט" }), "text note")).GetProperty("id").GetGuid();
        var emptied = await (await agent.PutAsJsonAsync($"{NotesOf(leadId)}/{textNote}", new { text = "" })).ShouldBeProblemAsync(422);
        emptied.GetProperty("code").GetString().Should().Be("note.empty");
    }

    [Fact]
    public async Task Only_the_author_or_an_admin_changes_a_note()
    {
        var owner = await fx.CachedSessionAsync(A, Role.Owner);
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var admin = await fx.CachedSessionAsync(A, Role.Admin);
        var agentKey = fx.ApiKeyClient(A, Role.Agent);
        var leadId = await NewLeadAsync(A);
        var ownersNote = await NewNoteAsync(owner, leadId, "של הבעלים");

        await (await agent.PutAsJsonAsync($"{NotesOf(leadId)}/{ownersNote}", new { text = "שינוי של סוכן" })).ShouldBeProblemAsync(403);
        await (await agent.DeleteAsync($"{NotesOf(leadId)}/{ownersNote}")).ShouldBeProblemAsync(403);
        await (await agentKey.PostAsync($"{NotesOf(leadId)}/{ownersNote}/attachments", TestFiles.Form(null, TestFiles.Png(), "a.png"))).ShouldBeProblemAsync(403);
        (await Strings("select text from lead_notes where id = $1", ownersNote)).Should().Equal("של הבעלים");

        (await admin.PutAsJsonAsync($"{NotesOf(leadId)}/{ownersNote}", new { text = "תיקון של מנהל" })).StatusCode.Should().Be(HttpStatusCode.OK);
        var keysNote = await NewNoteAsync(agentKey, leadId, "נכתב דרך מפתח");
        (await Strings("select author_user_id from lead_notes where id = $1", keysNote)).Single().Should().StartWith("key:");
        (await agentKey.PutAsJsonAsync($"{NotesOf(leadId)}/{keysNote}", new { text = "המפתח מתקן את שלו" })).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await agent.DeleteAsync($"{NotesOf(leadId)}/{keysNote}")).ShouldBeProblemAsync(403);
        (await admin.DeleteAsync($"{NotesOf(leadId)}/{keysNote}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_png_uploaded_with_a_hebrew_name_downloads_byte_identical_with_safe_headers()
    {
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var leadId = await NewLeadAsync(A);
        var png = TestFiles.Png(3, 2);

        // A dashboard session: the multipart upload carries the CSRF header like any other change.
        var created = await agent.PostAsync(NotesOf(leadId), TestFiles.Form("תמונת החזית", png, "חזית הבית.png", "image/png"));
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var note = await created.ReadJsonAsync();
        var file = note.GetProperty("attachments").EnumerateArray().Single();
        file.GetProperty("fileName").GetString().Should().Be("חזית הבית.png");
        file.GetProperty("contentType").GetString().Should().Be("image/png");
        file.GetProperty("sizeBytes").GetInt64().Should().Be(png.Length);
        file.GetProperty("sha256").GetString().Should().Be(Convert.ToHexStringLower(SHA256.HashData(png)));

        var url = $"{NotesOf(leadId)}/{note.GetProperty("id").GetGuid()}/attachments/{file.GetProperty("id").GetGuid()}";
        var download = await agent.GetAsync(url);
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).Should().Equal(png);
        download.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        download.Content.Headers.ContentLength.Should().Be(png.Length);
        download.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        download.Headers.CacheControl!.Private.Should().BeTrue();
        var disposition = download.Content.Headers.ContentDisposition!;
        disposition.DispositionType.Should().Be("inline");
        disposition.FileNameStar.Should().Be("חזית הבית.png");
        download.Content.Headers.GetValues("Content-Disposition").Single().Should().Contain("filename*=UTF-8''%D7%97%D7%96%D7%99%D7%AA");

        // The same file for an API key of the business; nothing for anyone else.
        (await (await fx.ApiKeyClient(A, Role.Agent).GetAsync(url)).Content.ReadAsByteArrayAsync()).Should().Equal(png);
        await (await fx.NewClient().GetAsync(url)).ShouldBeProblemAsync(401);
        await (await (await fx.CachedSessionAsync(B, Role.Owner)).GetAsync(url)).ShouldBeProblemAsync(404);
        await (await fx.ApiKeyClient(B, Role.Owner).GetAsync(url)).ShouldBeProblemAsync(404);
    }

    [Fact]
    public async Task Documents_download_as_attachments_under_their_sniffed_type()
    {
        var owner = fx.ApiKeyClient(A, Role.Owner);
        var leadId = await NewLeadAsync(A);
        var noteId = await NewNoteAsync(owner, leadId, "מסמכים");

        var cases = new (byte[] Bytes, string Name, string? Declared, string Expected)[]
        {
            (TestFiles.Pdf(), "הצעת מחיר.pdf", "application/pdf", "application/pdf"),
            (TestFiles.Docx(), "חוזה.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (TestFiles.Text("שורה ראשונה\nשורה שנייה\n"), "סיכום.txt", null, "text/plain; charset=utf-8"),
            (TestFiles.Png(), "scan", "application/octet-stream", "image/png"),
        };
        foreach (var (bytes, name, declared, expected) in cases)
        {
            var uploaded = await owner.PostAsync($"{NotesOf(leadId)}/{noteId}/attachments", TestFiles.Form(null, bytes, name, declared));
            uploaded.StatusCode.Should().Be(HttpStatusCode.Created, $"{name}: {await uploaded.Content.ReadAsStringAsync()}");
            var file = await uploaded.ReadJsonAsync();
            file.GetProperty("contentType").GetString().Should().Be(expected);
            var download = await owner.GetAsync(uploaded.Headers.Location);
            (await download.Content.ReadAsByteArrayAsync()).Should().Equal(bytes);
            download.Content.Headers.ContentType!.ToString().Replace(" ", "").Should().Be(expected.Replace(" ", ""));
            download.Content.Headers.ContentDisposition!.DispositionType.Should().Be(expected.StartsWith("image/") ? "inline" : "attachment", name);
        }

        var note = await TenancyFixture.ReadAsync(await owner.GetAsync($"{NotesOf(leadId)}/{noteId}"), "the note");
        note.GetProperty("attachments").GetArrayLength().Should().Be(cases.Length);
        note.GetProperty("version").GetInt64().Should().Be(1 + cases.Length);
    }

    [Fact]
    public async Task A_file_over_ten_megabytes_is_refused_with_413_and_nothing_is_stored()
    {
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var leadId = await NewLeadAsync(A);
        var noteId = await NewNoteAsync(agent, leadId, "לפני העלאה גדולה");
        var before = await SnapshotAsync();

        // Declared length over the limit: refused before the body is read.
        var declared = await agent.PostAsync(NotesOf(leadId), TestFiles.Form("גדול מדי", TestFiles.OversizedPng(FileIntake.MaxBytes + 1), "big.png", "image/png"));
        (await declared.ShouldBeProblemAsync(413)).GetProperty("code").GetString().Should().Be("file.too_large");

        // Sent chunked, with no length up front: counted as it streams and cut off one byte past 10 MB.
        var streamed = await agent.PostAsync($"{NotesOf(leadId)}/{noteId}/attachments",
            TestFiles.Form(null, TestFiles.OversizedPng(FileIntake.MaxBytes + 1), "big.png", "image/png", chunked: true));
        (await streamed.ShouldBeProblemAsync(413)).GetProperty("code").GetString().Should().Be("file.too_large");
        var streamedNote = await agent.PostAsync(NotesOf(leadId),
            TestFiles.Form("גדול מדי", TestFiles.OversizedPng(FileIntake.MaxBytes + 1), "big.png", "image/png", chunked: true));
        (await streamedNote.ShouldBeProblemAsync(413)).GetProperty("code").GetString().Should().Be("file.too_large");

        (await SnapshotAsync()).Should().BeEquivalentTo(before, "a refused upload stores no blob, row, event or queue entry");

        // Exactly 10 MB is within the limit.
        var largest = await agent.PostAsync($"{NotesOf(leadId)}/{noteId}/attachments",
            TestFiles.Form(null, TestFiles.OversizedPng(FileIntake.MaxBytes), "largest.png", "image/png", chunked: true));
        largest.StatusCode.Should().Be(HttpStatusCode.Created, await largest.Content.ReadAsStringAsync());
        (await largest.ReadJsonAsync()).GetProperty("sizeBytes").GetInt64().Should().Be(FileIntake.MaxBytes);
    }

    [Theory]
    [InlineData("executable", "photo.jpg", "image/jpeg", "file.type_not_allowed")]
    [InlineData("html", "photo.jpg", "image/jpeg", "file.type_not_allowed")]
    [InlineData("html", "page.png", "image/png", "file.type_not_allowed")]
    [InlineData("svg", "logo.svg", "image/svg+xml", "file.type_not_allowed")]
    [InlineData("zip", "archive.zip", "application/zip", "file.type_not_allowed")]
    [InlineData("macro", "report.docx", null, "file.type_not_allowed")]
    [InlineData("png", "report.pdf", "application/pdf", "file.type_mismatch")]
    [InlineData("png", "photo.png", "text/html", "file.type_mismatch")]
    [InlineData("png", "setup.exe", null, "file.type_mismatch")]
    [InlineData("pdf", "photo.jpg", "image/jpeg", "file.type_mismatch")]
    [InlineData("docx", "photo.jpg", null, "file.type_mismatch")]
    [InlineData("docx", "sheet.xlsx", null, "file.type_mismatch")]
    public async Task A_disguised_or_forbidden_type_is_refused_with_415_and_nothing_is_stored(string content, string fileName, string? declared, string code)
    {
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var leadId = await NewLeadAsync(A);
        var noteId = await NewNoteAsync(agent, leadId, "לפני קובץ מוסווה");
        var bytes = content switch
        {
            "executable" => TestFiles.Executable(),
            "html" => TestFiles.Html(),
            "svg" => TestFiles.Svg(),
            "zip" => TestFiles.Zip(("readme.txt", "שלום")),
            "macro" => TestFiles.Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"), ("word/vbaProject.bin", "macro")),
            "png" => TestFiles.Png(),
            "pdf" => TestFiles.Pdf(),
            "docx" => TestFiles.Docx(),
            _ => throw new ArgumentOutOfRangeException(nameof(content)),
        };
        var before = await SnapshotAsync();

        var asNote = await agent.PostAsync(NotesOf(leadId), TestFiles.Form("עם קובץ", bytes, fileName, declared));
        (await asNote.ShouldBeProblemAsync(415)).GetProperty("code").GetString().Should().Be(code);
        var asFile = await agent.PostAsync($"{NotesOf(leadId)}/{noteId}/attachments", TestFiles.Form(null, bytes, fileName, declared));
        var problem = await asFile.ShouldBeProblemAsync(415);
        problem.GetProperty("code").GetString().Should().Be(code);
        problem.GetProperty("detail").GetString().Should().NotBeNullOrWhiteSpace();

        (await SnapshotAsync()).Should().BeEquivalentTo(before, "a refused upload stores no blob, row, event or queue entry");
    }

    [Fact]
    public async Task An_empty_file_or_a_request_without_one_is_refused()
    {
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var leadId = await NewLeadAsync(A);
        var noteId = await NewNoteAsync(agent, leadId, "פתק");

        var empty = await (await agent.PostAsync($"{NotesOf(leadId)}/{noteId}/attachments", TestFiles.Form(null, [], "empty.txt"))).ShouldBeProblemAsync(422);
        empty.GetProperty("code").GetString().Should().Be("file.empty");
        await (await agent.PostAsync($"{NotesOf(leadId)}/{noteId}/attachments", TestFiles.Form("רק טקסט"))).ShouldBeProblemAsync(400);
        (await agent.PostAsync($"{NotesOf(leadId)}/{noteId}/attachments", new StringContent("{}", System.Text.Encoding.UTF8, "application/json")))
            .StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_session_upload_without_the_csrf_token_is_refused_and_stores_nothing()
    {
        var session = await fx.FreshSessionAsync(A, Caller.AgentSession);
        session.DefaultRequestHeaders.Remove("X-CSRF-Token");
        var leadId = await NewLeadAsync(A);
        var before = await SnapshotAsync();

        await (await session.PostAsync(NotesOf(leadId), TestFiles.Form("בלי אסימון", TestFiles.Png(), "a.png", "image/png"))).ShouldBeProblemAsync(403);

        (await SnapshotAsync()).Should().BeEquivalentTo(before);
    }

    [Fact]
    public async Task Another_business_neither_lists_reads_nor_changes_the_notes()
    {
        var ownerA = await fx.CachedSessionAsync(A, Role.Owner);
        var leadId = await NewLeadAsync(A);
        var created = await TenancyFixture.ReadAsync(await ownerA.PostAsync(NotesOf(leadId), TestFiles.Form("סודי של א", TestFiles.Png(), "a.png", "image/png")), "note");
        var noteId = created.GetProperty("id").GetGuid();
        var fileId = created.GetProperty("attachments")[0].GetProperty("id").GetGuid();

        foreach (var other in new[] { await fx.CachedSessionAsync(B, Role.Owner), fx.ApiKeyClient(B, Role.Owner), await fx.CachedSessionAsync(B, Role.SystemAdmin) })
        {
            await (await other.GetAsync(NotesOf(leadId))).ShouldBeProblemAsync(404);
            await (await other.GetAsync($"{NotesOf(leadId)}/{noteId}")).ShouldBeProblemAsync(404);
            await (await other.GetAsync($"{NotesOf(leadId)}/{noteId}/attachments/{fileId}")).ShouldBeProblemAsync(404);
            await (await other.PostAsJsonAsync(NotesOf(leadId), new { text = "פריצה" })).ShouldBeProblemAsync(404);
            await (await other.PutAsJsonAsync($"{NotesOf(leadId)}/{noteId}", new { text = "פריצה" })).ShouldBeProblemAsync(404);
            await (await other.PostAsync($"{NotesOf(leadId)}/{noteId}/attachments", TestFiles.Form(null, TestFiles.Png(), "x.png"))).ShouldBeProblemAsync(404);
            await (await other.DeleteAsync($"{NotesOf(leadId)}/{noteId}/attachments/{fileId}")).ShouldBeProblemAsync(404);
            await (await other.DeleteAsync($"{NotesOf(leadId)}/{noteId}")).ShouldBeProblemAsync(404);
        }

        var note = await TenancyFixture.ReadAsync(await ownerA.GetAsync($"{NotesOf(leadId)}/{noteId}"), "A's note");
        note.GetProperty("text").GetString().Should().Be("סודי של א");
        note.GetProperty("attachments").GetArrayLength().Should().Be(1);
        (await Count("select count(*) from lead_notes where lead_id = $1", leadId)).Should().Be(1);
    }

    [Fact]
    public async Task Removing_a_file_or_deleting_its_note_deletes_the_blobs()
    {
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var leadId = await NewLeadAsync(A);
        var note = await TenancyFixture.ReadAsync(await agent.PostAsync(NotesOf(leadId), TestFiles.Form("שני קבצים", TestFiles.Png(), "1.png", "image/png")), "note");
        var noteId = note.GetProperty("id").GetGuid();
        await TenancyFixture.ReadAsync(await agent.PostAsync($"{NotesOf(leadId)}/{noteId}/attachments", TestFiles.Form(null, TestFiles.Pdf(), "2.pdf")), "second file");
        var keys = await Strings("select storage_key from lead_note_attachments where note_id = $1 order by created_at", noteId);
        keys.Should().HaveCount(2);
        keys.Should().OnlyContain(k => k.StartsWith(A + "/"));
        keys.Should().OnlyContain(k => File.Exists(BlobPath(k)));
        var firstId = note.GetProperty("attachments")[0].GetProperty("id").GetGuid();

        (await agent.DeleteAsync($"{NotesOf(leadId)}/{noteId}/attachments/{firstId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        File.Exists(BlobPath(keys[0])).Should().BeFalse("a removed file's blob is deleted right after");
        File.Exists(BlobPath(keys[1])).Should().BeTrue();
        await (await agent.GetAsync($"{NotesOf(leadId)}/{noteId}/attachments/{firstId}")).ShouldBeProblemAsync(404);

        (await agent.DeleteAsync($"{NotesOf(leadId)}/{noteId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        File.Exists(BlobPath(keys[1])).Should().BeFalse("a deleted note's blobs are deleted right after");
        (await Count("select count(*) from lead_note_attachments where note_id = $1", noteId)).Should().Be(0);
        (await Count("select count(*) from file_deletions where storage_key = any($1)", (object)keys.ToArray())).Should().Be(0);
    }

    [Fact]
    public async Task The_sweep_after_a_delete_stays_within_the_deleting_business()
    {
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var leadId = await NewLeadAsync(A);
        var note = await TenancyFixture.ReadAsync(await agent.PostAsync(NotesOf(leadId), TestFiles.Form("פתק", TestFiles.Png(), "a.png")), "note");
        var key = (await Strings("select storage_key from lead_note_attachments where note_id = $1", note.GetProperty("id").GetGuid())).Single();
        var othersEntry = $"{B}/2020/01/{Guid.NewGuid():N}";
        await fx.Database.ExecuteAsync("insert into file_deletions (tenant_id, storage_key) values ($1, $2)", B.ToString(), othersEntry);

        (await agent.DeleteAsync($"{NotesOf(leadId)}/{note.GetProperty("id").GetGuid()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        File.Exists(BlobPath(key)).Should().BeFalse();
        (await Count("select count(*) from file_deletions where storage_key = $1", key)).Should().Be(0);
        (await Count("select count(*) from file_deletions where storage_key = $1", othersEntry)).Should().Be(1, "another business's queue waits for the periodic sweep");
        await using var scope = fx.Api.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<IFileCleanup>().SweepAsync(CancellationToken.None)).Should().Be(1);
        (await Count("select count(*) from file_deletions where storage_key = $1", othersEntry)).Should().Be(0);
    }

    [Fact]
    public async Task Deleting_the_lead_cascades_to_its_notes_and_files_and_the_sweep_deletes_the_blobs()
    {
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var leadId = await NewLeadAsync(A);
        var keptLead = await NewLeadAsync(A);
        for (var i = 0; i < 2; i++)
        {
            var note = await TenancyFixture.ReadAsync(await agent.PostAsync(NotesOf(leadId), TestFiles.Form($"פתק {i}", TestFiles.Png(), $"{i}.png")), "note");
            await TenancyFixture.ReadAsync(await agent.PostAsync($"{NotesOf(leadId)}/{note.GetProperty("id").GetGuid()}/attachments",
                TestFiles.Form(null, TestFiles.Pdf(), $"{i}.pdf")), "second file");
        }

        await TenancyFixture.ReadAsync(await agent.PostAsync(NotesOf(keptLead), TestFiles.Form("נשאר", TestFiles.Png(), "kept.png")), "kept note");
        var keys = await Strings("select storage_key from lead_note_attachments where lead_id = $1", leadId);
        var keptKeys = await Strings("select storage_key from lead_note_attachments where lead_id = $1", keptLead);
        keys.Should().HaveCount(4).And.OnlyContain(k => File.Exists(BlobPath(k)));

        await DeleteLeadAsync(A, leadId);

        (await Count("select count(*) from lead_notes where lead_id = $1", leadId)).Should().Be(0);
        (await Count("select count(*) from lead_note_attachments where lead_id = $1", leadId)).Should().Be(0);
        (await Count("select count(*) from file_deletions where tenant_id = $1 and storage_key = any($2)", A.ToString(), keys.ToArray()))
            .Should().Be(4, "the cascade queues every blob of the lead in the deleting transaction");

        // The periodic job (Quartz) sweeps the queue.
        var scheduler = await fx.Api.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.TriggerJob(FileCleanupJob.Key);
        await WaitUntilAsync(async () => keys.All(k => !File.Exists(BlobPath(k)))
                                         && await Count("select count(*) from file_deletions where storage_key = any($1)", (object)keys.ToArray()) == 0);

        keptKeys.Should().OnlyContain(k => File.Exists(BlobPath(k)), "other leads keep their files");
        (await Count("select count(*) from lead_notes where lead_id = $1", keptLead)).Should().Be(1);
        await (await agent.GetAsync(NotesOf(leadId))).ShouldBeProblemAsync(404);

        // The sweep is idempotent: nothing left to do, and a queued blob already gone counts as deleted.
        await using var scope = fx.Api.Services.CreateAsyncScope();
        var cleanup = scope.ServiceProvider.GetRequiredService<IFileCleanup>();
        await fx.Database.ScalarAsync<int>("insert into file_deletions (tenant_id, storage_key) values ($1, $2) returning 1",
            A.ToString(), $"{A}/2020/01/{Guid.NewGuid():N}");
        (await cleanup.SweepAsync(CancellationToken.None)).Should().BeGreaterThanOrEqualTo(1);
        (await cleanup.SweepAsync(CancellationToken.None)).Should().Be(0);
        (await Count("select count(*) from file_deletions where tenant_id = $1", A.ToString())).Should().Be(0);
    }

    [Fact]
    public async Task Notes_come_in_chronological_pages_each_with_its_files()
    {
        var agent = fx.ApiKeyClient(A, Role.Agent);
        var leadId = await NewLeadAsync(A);
        var ids = new List<Guid>();
        for (var i = 1; i <= 5; i++)
        {
            var note = await TenancyFixture.ReadAsync(await agent.PostAsync(NotesOf(leadId), TestFiles.Form($"פתק {i}", TestFiles.Png(), $"{i}.png")), "note");
            ids.Add(note.GetProperty("id").GetGuid());
        }

        var seen = new List<Guid>();
        string? next = null;
        do
        {
            var page = await TenancyFixture.ReadAsync(await agent.GetAsync($"{NotesOf(leadId)}?limit=2" + (next is null ? "" : $"&next={next}")), "page");
            foreach (var note in page.GetProperty("items").EnumerateArray())
            {
                seen.Add(note.GetProperty("id").GetGuid());
                note.GetProperty("attachments").EnumerateArray().Single().GetProperty("fileName").GetString()
                    .Should().Be($"{note.GetProperty("text").GetString()![^1]}.png");
            }

            next = page.GetProperty("next").GetString();
        }
        while (next is not null);

        seen.Should().Equal(ids);
        await (await agent.GetAsync($"{NotesOf(leadId)}?limit=0")).ShouldBeProblemAsync(400);
        await (await agent.GetAsync($"{NotesOf(leadId)}?next=not-a-cursor")).ShouldBeProblemAsync(400);
        (await TenancyFixture.ReadAsync(await agent.GetAsync(NotesOf(await NewLeadAsync(A))), "empty")).GetProperty("items").GetArrayLength().Should().Be(0);
        await (await agent.GetAsync(NotesOf(Guid.NewGuid()))).ShouldBeProblemAsync(404);
    }

    private static string NotesOf(Guid leadId) => $"/api/v1/leads/{leadId}/notes";

    private string BlobPath(string key) => Path.Combine(fx.Api.StoragePath, key);

    private async Task<Guid> NewLeadAsync(Guid tenant)
    {
        var owner = await fx.CachedSessionAsync(tenant, Role.Owner);
        var created = await TenancyFixture.ReadAsync(await owner.PostAsJsonAsync("/api/v1/leads", new { name = Callers.Unique("ליד") }), "create a lead");
        return created.GetProperty("id").GetGuid();
    }

    private static async Task<Guid> NewNoteAsync(HttpClient client, Guid leadId, string text) =>
        (await TenancyFixture.ReadAsync(await client.PostAsJsonAsync(NotesOf(leadId), new { text }), "create a note")).GetProperty("id").GetGuid();

    /// <summary>Deletes the lead as the lead's own use case will: its <c>lead_deleted</c> event, applied inline.</summary>
    private async Task DeleteLeadAsync(Guid tenant, Guid leadId)
    {
        await using var scope = fx.Api.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.TenantId = tenant.ToString();
        context.UserId = fx.Users[(tenant, Role.Owner)].ToString();
        context.Role = Role.Owner;
        var store = scope.ServiceProvider.GetRequiredService<IEventStore>();
        var lead = (await store.AggregateStreamAsync<Lead>(leadId))!;
        lead.Delete("בדיקה", DateTimeOffset.UtcNow);
        await store.SaveAsync(lead);
    }

    /// <summary>Everything an upload could leave behind: blob files (temporary ones included), rows, events and queue entries.</summary>
    private async Task<object> SnapshotAsync() => new
    {
        Files = Directory.Exists(fx.Api.StoragePath)
            ? Directory.GetFiles(fx.Api.StoragePath, "*", SearchOption.AllDirectories).Order().ToArray()
            : [],
        Notes = await Count("select count(*) from lead_notes"),
        Attachments = await Count("select count(*) from lead_note_attachments"),
        Events = await Count("select count(*) from mt_events where type like 'lead_note%'"),
        Queue = await Count("select count(*) from file_deletions"),
    };

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the sweep should finish within seconds");
            await Task.Delay(100);
        }
    }

    private Task<long> Count(string sql, params object[] parameters) => fx.Database.ScalarAsync<long>(sql, parameters);

    private async Task<List<string>> Strings(string sql, params object[] parameters) =>
        (await fx.Database.ScalarAsync<string[]>($"select coalesce(array_agg(v), '{{}}') from ({sql}) as q(v)", parameters)).ToList();
}
