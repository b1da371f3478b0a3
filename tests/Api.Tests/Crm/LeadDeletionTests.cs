using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Api.Tests.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Crm;

/// <summary>Deleting leads takes everything hanging off them, in every area, and nothing else.</summary>
public sealed class LeadDeletionTests(TenancyFixture fx) : IClassFixture<TenancyFixture>
{
    private static readonly string[] LeadTables = ["leads", "lead_notes", "lead_note_attachments", "lead_reminders", "tasks", "notifications", "appointments"];

    private async Task<Guid> LeadWithEverythingAsync(HttpClient owner, string marker, int slot)
    {
        var leadId = (await TenancyFixture.ReadAsync(await owner.PostAsJsonAsync("/api/v1/leads", new
        {
            name = $"{marker} ליד", phone = Callers.UniqueMobile(), email = $"{Guid.NewGuid():N}@example.co.il", fields = new { city = $"{marker} עיר" },
        }), "lead")).GetProperty("id").GetGuid();

        var note = await TenancyFixture.ReadAsync(await owner.PostAsJsonAsync($"/api/v1/leads/{leadId}/notes", new { text = $"{marker} הערה" }), "note");
        await TenancyFixture.ReadAsync(await owner.PostAsync(
            $"/api/v1/leads/{leadId}/notes/{note.GetProperty("id").GetGuid()}/attachments", TestFiles.Form(null, TestFiles.Png(), "חזית.png", "image/png")), "file");
        await TenancyFixture.ReadAsync(await owner.PostAsync(
            $"/api/v1/leads/{leadId}/notes", TestFiles.Form($"{marker} תמונה", TestFiles.Png(3, 3), "סלון.png", "image/png")), "file note");
        await TenancyFixture.ReadAsync(await owner.PostAsJsonAsync($"/api/v1/leads/{leadId}/reminders", new
        {
            text = $"{marker} תזכורת", dueAt = "2020-01-01T10:00:00Z", ownerUserId = fx.Users[(fx.TenantA, Role.Owner)],
        }), "reminder");
        await TenancyFixture.ReadAsync(await owner.PostAsJsonAsync("/api/v1/tasks", new
        {
            title = $"{marker} משימה", leadId, dueAt = "2020-01-01T10:00:00Z", assigneeUserId = fx.Users[(fx.TenantA, Role.Owner)],
        }), "task");
        await TenancyFixture.ReadAsync(await owner.PostAsJsonAsync("/api/v1/appointments", new { leadId, start = SlotFromNow(slot) }), "appointment");
        await TenancyFixture.ReadAsync(await owner.PutAsJsonAsync($"/api/v1/leads/{leadId}/assignee", new { userId = fx.Users[(fx.TenantA, Role.Agent)] }), "assign");
        return leadId;
    }

    [Fact]
    public async Task Bulk_delete_leaves_no_orphan_rows_or_files_and_touches_nothing_else()
    {
        var owner = await fx.CachedSessionAsync(fx.TenantA, Role.Owner);
        await OpenAllDayAsync(owner);
        var doomedMarker = "מחוק" + Random.Shared.Next(100_000, 999_999);
        var keptMarker = "נשמר" + Random.Shared.Next(100_000, 999_999);
        var doomed = new[] { await LeadWithEverythingAsync(owner, doomedMarker, 1), await LeadWithEverythingAsync(owner, doomedMarker, 2) };
        var kept = await LeadWithEverythingAsync(owner, keptMarker, 3);
        await fx.ScanDueAsync();

        foreach (var table in LeadTables)
        {
            (await RowsOf(table, doomed)).Should().BeGreaterThan(0, $"the test gives the leads {table} rows");
        }

        var doomedBlobs = await BlobsOf(doomed);
        var keptBlobs = await BlobsOf([kept]);
        doomedBlobs.Should().HaveCount(4);
        doomedBlobs.Concat(keptBlobs).Should().OnlyContain(path => File.Exists(path));

        var result = await TenancyFixture.ReadAsync(await owner.PostAsJsonAsync("/api/v1/leads/bulk-delete", new { leadIds = doomed, reason = "בקשת הלקוח" }), "bulk delete");
        result.GetProperty("deleted").GetArrayLength().Should().Be(2);

        foreach (var table in LeadTables)
        {
            (await RowsOf(table, doomed)).Should().Be(0, $"no {table} row of a deleted lead is left");
            (await RowsOf(table, [kept])).Should().BeGreaterThan(0, $"the other lead keeps its {table} rows");
        }

        doomedBlobs.Should().OnlyContain(path => !File.Exists(path), "the deleted leads' files are removed from storage");
        keptBlobs.Should().OnlyContain(path => File.Exists(path));
        (await fx.Database.ScalarAsync<long>("select count(*) from file_deletions")).Should().Be(0);

        // Nothing of the deleted leads' details is left in the recorded history, about them or of them.
        (await fx.Database.ScalarAsync<long>("select count(*) from mt_events where data::text like $1", $"%{doomedMarker}%")).Should().Be(0);
        (await fx.Database.ScalarAsync<long>("select count(*) from mt_events where data::text like $1", $"%{keptMarker}%")).Should().BeGreaterThan(0);
        var activity = await owner.GetAsync($"/api/v1/leads/{doomed[0]}/activity");
        await activity.ShouldBeProblemAsync(404);
    }

    [Fact]
    public async Task Rebuilding_the_leads_projection_rebuilds_what_hangs_off_leads_and_keeps_every_file()
    {
        var owner = await fx.CachedSessionAsync(fx.TenantA, Role.Owner);
        await OpenAllDayAsync(owner);
        var lead = await LeadWithEverythingAsync(owner, "בנייה" + Random.Shared.Next(100_000, 999_999), 10);
        await fx.ScanDueAsync();
        var before = new Dictionary<string, long>();
        foreach (var table in LeadTables)
        {
            before[table] = await RowsOf(table, [lead]);
        }

        var snapshot = await fx.Database.ScalarAsync<string>(
            "select string_agg(id::text || status || coalesce(assignee_user_id::text, '') || version, ',' order by id) from leads");
        var blobs = await BlobsOf([lead]);

        await fx.Api.Services.GetRequiredService<Infrastructure.Projections.Daemon.ProjectionDaemon>().RebuildAsync("leads");

        foreach (var table in LeadTables)
        {
            (await RowsOf(table, [lead])).Should().Be(before[table], $"{table} is rebuilt with leads");
        }

        (await fx.Database.ScalarAsync<string>(
            "select string_agg(id::text || status || coalesce(assignee_user_id::text, '') || version, ',' order by id) from leads")).Should().Be(snapshot);
        blobs.Should().OnlyContain(path => File.Exists(path));
        (await fx.Database.ScalarAsync<long>("select count(*) from file_deletions where delete_after <= now()")).Should().Be(0);
    }

    private Task<long> RowsOf(string table, Guid[] leadIds) =>
        fx.Database.ScalarAsync<long>($"select count(*) from {table} where {(table == "leads" ? "id" : "lead_id")} = any($1)", leadIds);

    private async Task<List<string>> BlobsOf(Guid[] leadIds)
    {
        var keys = await fx.Database.ScalarAsync<string?>(
            "select string_agg(storage_key, '|') from lead_note_attachments where lead_id = any($1)", leadIds);
        return (keys ?? string.Empty).Split('|', StringSplitOptions.RemoveEmptyEntries)
            .Select(key => Path.Combine(fx.Api.StoragePath, key.Replace('/', Path.DirectorySeparatorChar))).ToList();
    }

    private static string SlotFromNow(int slot)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jerusalem");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime);
        var midnight = today.AddDays(3).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).AddMinutes(60 + (30 * slot)).ToUniversalTime()
            .ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    private static async Task OpenAllDayAsync(HttpClient owner)
    {
        var current = JsonNode.Parse(await (await owner.GetAsync("/api/v1/business/settings")).Content.ReadAsStringAsync())!.AsObject();
        var settings = current["settings"]!.AsObject();
        var appointments = settings["appointments"]!.AsObject();
        var allDay = new JsonArray(new JsonObject { ["open"] = "00:00", ["close"] = "24:00" });
        appointments["workingHours"] = new JsonObject
        {
            ["sunday"] = allDay.DeepClone(), ["monday"] = allDay.DeepClone(), ["tuesday"] = allDay.DeepClone(), ["wednesday"] = allDay.DeepClone(),
            ["thursday"] = allDay.DeepClone(), ["friday"] = allDay.DeepClone(), ["saturday"] = allDay.DeepClone(),
        };
        appointments["minNoticeMinutes"] = 0;
        appointments["bufferMinutes"] = 0;
        appointments["slotMinutes"] = 30;
        (await owner.PutAsJsonAsync("/api/v1/business/settings", new { settings })).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
