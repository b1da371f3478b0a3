using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ProSaaS.Api.Hosting;
using ProSaaS.Api.Tests.Crm;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Api.Tests.Tenancy;
using ProSaaS.Application.Calls.DeleteExpiredRecordings;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Calls;
using ProSaaS.Domain.Files;
using ProSaaS.Domain.Users;
using ProSaaS.Hosting.Calls;

namespace ProSaaS.Api.Tests.Calls;

/// <summary>
/// Call recordings end to end: the media host's upload (checked, streamed into storage, recorded on the call), the
/// download with byte ranges by the business's users only, the retention job, and the recording going with its lead.
/// </summary>
public sealed class RecordingTests(RecordingsFixture fx) : IClassFixture<RecordingsFixture>
{
    private Guid A => fx.TenantA;

    private Guid B => fx.TenantB;

    [Fact]
    public async Task An_upload_is_stored_recorded_on_the_call_and_kept_as_sent()
    {
        var call = await fx.EndedCallAsync(A);
        var wav = Recordings.Wav(1000);

        var response = await fx.UploadAsync(A, call.CallId, wav);

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.OriginalString.Should().Be($"/api/v1/calls/{call.CallId}/recording");
        var body = await response.ReadJsonAsync();
        body.GetProperty("callId").GetGuid().Should().Be(call.CallId);
        body.GetProperty("bytes").GetInt64().Should().Be(wav.Length);
        body.GetProperty("durationMs").GetInt64().Should().Be(1000);
        body.GetProperty("sha256").GetString().Should().Be(Sha256(wav));
        var storedAt = body.GetProperty("storedAt").GetDateTimeOffset();
        body.GetProperty("expiresAt").GetDateTimeOffset().Should().Be(storedAt.AddDays(7), "the default retention is 7 days");

        var stored = await StoredEventAsync(call.CallId);
        stored.GetProperty("callId").GetGuid().Should().Be(call.CallId);
        stored.GetProperty("bytes").GetInt64().Should().Be(wav.Length);
        stored.GetProperty("durationMs").GetInt64().Should().Be(1000);
        stored.GetProperty("sha256").GetString().Should().Be(Sha256(wav));
        var key = stored.GetProperty("storageKey").GetString()!;
        key.Should().StartWith(A + "/");
        (await File.ReadAllBytesAsync(fx.BlobPath(key))).Should().Equal(wav);
        (await fx.Database.ScalarAsync<string>("select storage_key from call_recordings where tenant_id = $1 and call_id = $2", A.ToString(), call.CallId))
            .Should().Be(key);
        (await fx.Database.ScalarAsync<long>("select count(*) from file_deletions where storage_key = $1", key)).Should().Be(0, "the row claims its file");
    }

    [Fact]
    public async Task A_mu_law_recording_is_taken_too()
    {
        var call = await fx.EndedCallAsync(A);
        var wav = Recordings.Wav(2000, WaveEncoding.MuLaw);

        var response = await fx.UploadAsync(A, call.CallId, wav, "audio/x-wav");

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        (await response.ReadJsonAsync()).GetProperty("durationMs").GetInt64().Should().Be(2000);
    }

    [Fact]
    public async Task The_same_file_again_answers_200_and_stores_nothing_new_another_file_is_a_conflict()
    {
        var (callId, wav) = await fx.RecordedCallAsync(A);
        var blobs = fx.BlobsOf(A).Count;

        var retry = await fx.UploadAsync(A, callId, wav);
        var other = await fx.UploadAsync(A, callId, Recordings.Wav());

        retry.StatusCode.Should().Be(HttpStatusCode.OK);
        (await retry.ReadJsonAsync()).GetProperty("sha256").GetString().Should().Be(Sha256(wav));
        (await other.ShouldBeProblemAsync(409)).GetProperty("code").GetString().Should().Be("recording.exists");
        (await CountAsync("select count(*) from mt_events where stream_id = $1 and type = 'call_recording_stored'", callId)).Should().Be(1);
        fx.BlobsOf(A).Should().HaveCount(blobs, "neither the retry nor the other file left a blob");
        (await CountAsync("select count(*) from file_deletions where tenant_id = $1", A.ToString())).Should().Be(0);
    }

    public static TheoryData<string, byte[], string> NotRecordings()
    {
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52 }.Concat(new byte[2000]).ToArray();
        var truncated = Recordings.Wav(500)[..3000];
        return new TheoryData<string, byte[], string>
        {
            { "a PNG sent as audio/wav", png, "audio/wav" },
            { "a mono WAV", Recordings.Wav(500, channels: 1), "audio/wav" },
            { "a WAV at 16 kHz", Recordings.Wav(500, rate: 16000), "audio/wav" },
            { "a WAV sent as application/octet-stream", Recordings.Wav(500), "application/octet-stream" },
            { "a WAV shorter than its header says", truncated, "audio/wav" },
            { "an empty body", [], "audio/wav" },
        };
    }

    [Theory]
    [MemberData(nameof(NotRecordings))]
    public async Task What_is_not_a_two_channel_8_khz_wav_is_refused_with_415_and_nothing_stored(string what, byte[] body, string contentType)
    {
        var call = await fx.EndedCallAsync(A);

        var response = await fx.UploadAsync(A, call.CallId, body, contentType);

        var problem = await response.ShouldBeProblemAsync(415);
        problem.GetProperty("code").GetString().Should().Be("recording.not_wav", what);
        problem.GetProperty("detail").GetString().Should().MatchRegex("[א-ת]", "the detail is in Hebrew");
        await NothingStoredAsync(call.CallId);
    }

    [Fact]
    public async Task A_recording_over_the_limit_is_refused_with_413_declared_or_not_and_nothing_stored()
    {
        var call = await fx.EndedCallAsync(A);
        var big = Recordings.Wav(7000);
        big.Length.Should().BeGreaterThan((int)RecordingsFixture.MaxBytes);
        using var media = fx.MediaHostClient();

        var declared = await fx.UploadAsync(A, call.CallId, big);
        using var chunked = new StreamContent(new UnknownLengthStream(big));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        var undeclared = await media.PutAsync(MediaHostContract.RecordingPath(A.ToString(), call.CallId), chunked);

        (await declared.ShouldBeProblemAsync(413)).GetProperty("code").GetString().Should().Be("recording.too_large");
        var counted = await undeclared.ShouldBeProblemAsync(413);
        counted.GetProperty("code").GetString().Should().Be("recording.too_large");
        counted.GetProperty("detail").GetString().Should().Contain("200,000");
        await NothingStoredAsync(call.CallId);
    }

    [Fact]
    public async Task An_unknown_call_or_another_business_in_the_route_answers_404_and_stores_nothing()
    {
        var call = await fx.EndedCallAsync(A);
        var wav = Recordings.Wav();
        var blobsOfB = fx.BlobsOf(B);

        var unknown = await fx.UploadAsync(A, Guid.NewGuid(), wav);
        var otherBusiness = await fx.UploadAsync(B, call.CallId, wav);

        await unknown.ShouldBeProblemAsync(404);
        await otherBusiness.ShouldBeProblemAsync(404);
        await NothingStoredAsync(call.CallId);
        fx.BlobsOf(B).Should().Equal(blobsOfB);
    }

    [Fact]
    public async Task A_refused_call_has_no_recording()
    {
        await using var scope = fx.Api.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<RequestContext>().TenantId = A.ToString();
        var refused = Call.Reject(Guid.NewGuid(), CallDirection.Inbound, Twilio.NewCallSid(), Callers.UniqueMobile(), "+972501110001", null,
            CallRejectionReason.LimitReached, DateTimeOffset.UtcNow);
        await scope.ServiceProvider.GetRequiredService<IEventStore>().SaveAsync(refused);

        var response = await fx.UploadAsync(A, refused.Id, Recordings.Wav());

        (await response.ShouldBeProblemAsync(409)).GetProperty("code").GetString().Should().Be("recording.call_refused");
        await NothingStoredAsync(refused.Id);
    }

    [Fact]
    public async Task Only_the_service_key_uploads()
    {
        var call = await fx.EndedCallAsync(A);
        var path = MediaHostContract.RecordingPath(A.ToString(), call.CallId);
        using var apiKey = fx.ApiKeyClient(A, Role.Owner);
        using var anonymous = fx.NewClient();

        foreach (var client in new[] { apiKey, anonymous })
        {
            using var content = new ByteArrayContent(Recordings.Wav());
            content.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
            await (await client.PutAsync(path, content)).ShouldBeProblemAsync(401);
        }

        await NothingStoredAsync(call.CallId);
    }

    [Fact]
    public async Task The_business_downloads_the_whole_file_with_its_etag()
    {
        var (callId, wav) = await fx.RecordedCallAsync(A);
        var agent = await fx.CachedSessionAsync(A, Role.Agent);

        var response = await agent.GetAsync($"/api/v1/calls/{callId}/recording");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("audio/wav");
        response.Content.Headers.ContentLength.Should().Be(wav.Length);
        response.Headers.AcceptRanges.Should().Equal("bytes");
        response.Headers.ETag!.Tag.Should().Be($"\"{Sha256(wav)}\"");
        response.Headers.CacheControl!.Private.Should().BeTrue();
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("inline");
        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(wav);

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/calls/{callId}/recording");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag);
        (await agent.SendAsync(again)).StatusCode.Should().Be(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task Ranges_answer_exactly_the_bytes_asked_for()
    {
        var (callId, wav) = await fx.RecordedCallAsync(A);
        using var client = fx.ApiKeyClient(A, Role.Agent);

        var first = await RangeAsync(client, callId, "bytes=0-99");
        var suffix = await RangeAsync(client, callId, "bytes=-100");
        var open = await RangeAsync(client, callId, $"bytes={wav.Length - 10}-");
        var beyond = await RangeAsync(client, callId, $"bytes={wav.Length - 10}-{wav.Length + 500}");

        first.StatusCode.Should().Be(HttpStatusCode.PartialContent);
        first.Content.Headers.ContentRange!.ToString().Should().Be($"bytes 0-99/{wav.Length}");
        first.Content.Headers.ContentType!.MediaType.Should().Be("audio/wav");
        (await first.Content.ReadAsByteArrayAsync()).Should().Equal(wav[..100]);
        suffix.StatusCode.Should().Be(HttpStatusCode.PartialContent);
        suffix.Content.Headers.ContentRange!.ToString().Should().Be($"bytes {wav.Length - 100}-{wav.Length - 1}/{wav.Length}");
        (await suffix.Content.ReadAsByteArrayAsync()).Should().Equal(wav[^100..]);
        (await open.Content.ReadAsByteArrayAsync()).Should().Equal(wav[^10..]);
        (await beyond.Content.ReadAsByteArrayAsync()).Should().Equal(wav[^10..], "a range past the end is cut at the end");
    }

    [Fact]
    public async Task A_range_past_the_end_answers_416_with_the_size_several_ranges_the_whole_file()
    {
        var (callId, wav) = await fx.RecordedCallAsync(A);
        using var client = fx.ApiKeyClient(A, Role.Agent);

        var past = await RangeAsync(client, callId, $"bytes={wav.Length}-");
        var several = await RangeAsync(client, callId, "bytes=0-9,20-29");
        var staleIfRange = await RangeAsync(client, callId, $"bytes={wav.Length}-", ifRange: "\"0000\"");

        var problem = await past.ShouldBeProblemAsync(416);
        problem.GetProperty("code").GetString().Should().Be("recording.range_not_satisfiable");
        past.Content.Headers.ContentRange!.ToString().Should().Be($"bytes */{wav.Length}");
        several.StatusCode.Should().Be(HttpStatusCode.OK);
        (await several.Content.ReadAsByteArrayAsync()).Should().Equal(wav);
        staleIfRange.StatusCode.Should().Be(HttpStatusCode.OK, "a range for another version of the file is ignored");
    }

    [Fact]
    public async Task Another_business_no_recording_and_no_credentials_get_nothing()
    {
        var (callId, _) = await fx.RecordedCallAsync(A);
        var withoutRecording = await fx.EndedCallAsync(A);
        using var otherBusiness = fx.ApiKeyClient(B, Role.Owner);
        using var agent = fx.ApiKeyClient(A, Role.Agent);
        using var anonymous = fx.NewClient();

        await (await otherBusiness.GetAsync($"/api/v1/calls/{callId}/recording")).ShouldBeProblemAsync(404);
        await (await agent.GetAsync($"/api/v1/calls/{withoutRecording.CallId}/recording")).ShouldBeProblemAsync(404);
        await (await agent.GetAsync($"/api/v1/calls/{Guid.NewGuid()}/recording")).ShouldBeProblemAsync(404);
        await (await anonymous.GetAsync($"/api/v1/calls/{callId}/recording")).ShouldBeProblemAsync(401);
        await (await otherBusiness.GetAsync($"/api/v1/calls/{callId}")).ShouldBeProblemAsync(404);
    }

    [Fact]
    public async Task A_call_shows_its_recording_and_a_call_without_one_shows_null()
    {
        var (callId, wav) = await fx.RecordedCallAsync(A, milliseconds: 750);
        var without = await fx.EndedCallAsync(A);
        using var agent = fx.ApiKeyClient(A, Role.Agent);

        var details = await TenancyFixture.ReadAsync(await agent.GetAsync($"/api/v1/calls/{callId}"), "get the call");
        var none = await TenancyFixture.ReadAsync(await agent.GetAsync($"/api/v1/calls/{without.CallId}"), "get the other call");

        var recording = details.GetProperty("recording");
        recording.GetProperty("bytes").GetInt64().Should().Be(wav.Length);
        recording.GetProperty("durationMs").GetInt64().Should().Be(750);
        recording.GetProperty("url").GetString().Should().Be($"/api/v1/calls/{callId}/recording");
        recording.GetProperty("expiresAt").GetDateTimeOffset().Should().Be(recording.GetProperty("storedAt").GetDateTimeOffset().AddDays(7));
        details.EnumerateObject().Select(p => p.Name).Should().ContainInOrder("call", "lifecycle", "recording");
        details.GetProperty("lifecycle").EnumerateArray().Select(s => s.GetProperty("event").GetString()).Should().Contain("call_recording_stored");
        none.GetProperty("recording").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task The_retention_job_deletes_expired_recordings_with_an_event_row_and_file_and_keeps_fresh_ones()
    {
        var (expired, _) = await fx.RecordedCallAsync(A);
        var (fresh, freshWav) = await fx.RecordedCallAsync(A);
        var expiredKey = await KeyOfAsync(expired);
        var freshKey = await KeyOfAsync(fresh);
        await fx.Database.ExecuteAsync("update call_recordings set expires_at = now() - interval '1 minute' where call_id = $1", expired);
        using var agent = fx.ApiKeyClient(A, Role.Agent);
        await (await agent.GetAsync($"/api/v1/calls/{expired}/recording")).ShouldBeProblemAsync(404);
        var shown = await TenancyFixture.ReadAsync(await agent.GetAsync($"/api/v1/calls/{expired}"), "get the call");
        shown.GetProperty("recording").ValueKind.Should().Be(JsonValueKind.Null, "an expired recording is gone for the business at once");

        var job = new RecordingRetentionJob(fx.Api.Services.GetRequiredService<IServiceScopeFactory>(), NullLogger<RecordingRetentionJob>.Instance);
        await job.Execute(null!, CancellationToken.None);

        var deleted = await EventDataAsync(expired, "call_recording_deleted");
        deleted.GetProperty("reason").GetString().Should().Be("retention");
        deleted.GetProperty("callId").GetGuid().Should().Be(expired);
        (await CountAsync("select count(*) from call_recordings where call_id = $1", expired)).Should().Be(0);
        File.Exists(fx.BlobPath(expiredKey)).Should().BeFalse("the file went with its row");
        (await CountAsync("select count(*) from file_deletions where storage_key = $1", expiredKey)).Should().Be(0);
        File.Exists(fx.BlobPath(freshKey)).Should().BeTrue();
        (await (await agent.GetAsync($"/api/v1/calls/{fresh}/recording")).Content.ReadAsByteArrayAsync()).Should().Equal(freshWav);

        (await fx.SendAsPlatformAsync(new DeleteExpiredRecordings())).Should().Be(0, "nothing else has expired");
        (await CountAsync("select count(*) from mt_events where stream_id = $1 and type = 'call_recording_deleted'", expired)).Should().Be(1);
        var lifecycle = await TenancyFixture.ReadAsync(await agent.GetAsync($"/api/v1/calls/{expired}"), "get the call");
        lifecycle.GetProperty("lifecycle").EnumerateArray().Last().GetProperty("detail").GetString().Should().Be("retention");
    }

    [Fact]
    public async Task A_late_retry_of_a_deleted_recording_does_not_bring_it_back()
    {
        var (callId, wav) = await fx.RecordedCallAsync(B);
        await fx.Database.ExecuteAsync("update call_recordings set expires_at = now() - interval '1 minute' where call_id = $1", callId);
        await fx.SendAsPlatformAsync(new DeleteExpiredRecordings());
        var blobs = fx.BlobsOf(B).Count;

        var retry = await fx.UploadAsync(B, callId, wav);

        retry.StatusCode.Should().Be(HttpStatusCode.OK);
        (await CountAsync("select count(*) from call_recordings where call_id = $1", callId)).Should().Be(0);
        fx.BlobsOf(B).Should().HaveCount(blobs);
    }

    [Fact]
    public async Task Changing_the_retention_moves_the_expiry_of_the_recordings_kept()
    {
        var business = await NewBusinessAsync();
        var (callId, _) = await fx.RecordedCallAsync(business);
        var owner = await fx.SystemAdminInAsync(business);
        var settings = await TenancyFixture.ReadAsync(await owner.GetAsync("/api/v1/business/settings"), "read settings");
        settings.GetProperty("settings").GetProperty("recordingRetentionDays").GetInt32().Should().Be(7);
        var document = JsonSerializer.Deserialize<Dictionary<string, object?>>(settings.GetProperty("settings").GetRawText())!;

        document["recordingRetentionDays"] = 0;
        var invalid = await owner.PutAsJsonAsync("/api/v1/business/settings", new { settings = document });
        document["recordingRetentionDays"] = 30;
        var changed = await TenancyFixture.ReadAsync(await owner.PutAsJsonAsync("/api/v1/business/settings", new { settings = document }), "change settings");

        var errors = (await invalid.ShouldBeProblemAsync(400)).GetProperty("errors");
        errors.GetProperty("settings.recordingRetentionDays")[0].GetString().Should().Contain("365");
        changed.GetProperty("changedSettings").EnumerateArray().Select(e => e.GetString()).Should().Equal("recordingRetentionDays");
        (await fx.Database.ScalarAsync<bool>("select expires_at = stored_at + interval '30 days' from call_recordings where call_id = $1", callId))
            .Should().BeTrue();
        var (later, _) = await fx.RecordedCallAsync(business);
        (await fx.Database.ScalarAsync<bool>("select expires_at = stored_at + interval '30 days' from call_recordings where call_id = $1", later))
            .Should().BeTrue();
    }

    [Fact]
    public async Task Deleting_a_lead_deletes_its_calls_recordings_row_and_file()
    {
        var (leadId, _, phone) = await fx.NewLeadAsync(A);
        var call = await fx.EndedCallAsync(A, from: phone);
        await LinkLeadAsync(call.CallId, leadId);
        await TenancyFixture.ReadAsync(await fx.UploadAsync(A, call.CallId, Recordings.Wav()), "store the recording");
        var key = await KeyOfAsync(call.CallId);
        var activity = await TenancyFixture.ReadAsync(
            await (await fx.CachedSessionAsync(A, Role.Agent)).GetAsync($"/api/v1/leads/{leadId}/activity"), "activity");
        activity.GetRawText().Should().Contain("הקלטת השיחה נשמרה");
        var owner = await fx.CachedSessionAsync(A, Role.Owner);

        (await owner.DeleteAsync($"/api/v1/leads/{leadId}")).IsSuccessStatusCode.Should().BeTrue();

        (await CountAsync("select count(*) from call_recordings where call_id = $1", call.CallId)).Should().Be(0);
        File.Exists(fx.BlobPath(key)).Should().BeFalse("the lead's deletion swept the recording's file");
        (await CountAsync("select count(*) from file_deletions where storage_key = $1", key)).Should().Be(0);
        var agent = fx.ApiKeyClient(A, Role.Agent);
        await (await agent.GetAsync($"/api/v1/calls/{call.CallId}/recording")).ShouldBeProblemAsync(404);
    }

    [Fact]
    public async Task Rebuilding_the_calls_keeps_the_recordings_and_their_files()
    {
        var (kept, _) = await fx.RecordedCallAsync(A);
        var (gone, _) = await fx.RecordedCallAsync(A);
        await fx.Database.ExecuteAsync("update call_recordings set expires_at = now() - interval '1 minute' where call_id = $1", gone);
        await fx.SendAsPlatformAsync(new DeleteExpiredRecordings());
        const string Rows = "select string_agg(call_id::text || storage_key || bytes || duration_ms || sha256 || stored_at || expires_at, ',' order by call_id) from call_recordings";
        var rows = await fx.Database.ScalarAsync<string>(Rows);
        var keptKey = await KeyOfAsync(kept);
        var daemon = fx.Api.Services.GetRequiredService<Infrastructure.Projections.Daemon.ProjectionDaemon>();

        await daemon.RebuildAsync("calls");
        await daemon.RebuildAsync("leads");

        (await fx.Database.ScalarAsync<string>(Rows)).Should().Be(rows);
        (await CountAsync("select count(*) from file_deletions where storage_key = $1", keptKey)).Should().Be(0, "a rebuild queues no file");
        File.Exists(fx.BlobPath(keptKey)).Should().BeTrue();
    }

    private static Task<HttpResponseMessage> RangeAsync(HttpClient client, Guid callId, string range, string? ifRange = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/calls/{callId}/recording");
        request.Headers.TryAddWithoutValidation("Range", range);
        if (ifRange is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Range", ifRange);
        }

        return client.SendAsync(request);
    }

    private async Task<Guid> NewBusinessAsync()
    {
        var root = await fx.CachedSessionAsync(A, Role.SystemAdmin);
        var created = await TenancyFixture.ReadAsync(await root.PostAsJsonAsync("/api/v1/tenants",
            new { name = "עסק ההקלטות", slug = "recordings-" + Guid.NewGuid().ToString("N")[..10] }), "create a business");
        var id = created.GetProperty("id").GetGuid();
        await TenancyFixture.ReadAsync(await root.PostAsJsonAsync($"/api/v1/tenants/{id}/phone-numbers", new { phoneNumber = Callers.UniqueMobile() }), "assign a number");
        return id;
    }

    private async Task LinkLeadAsync(Guid callId, Guid leadId)
    {
        await using var scope = fx.Api.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<RequestContext>().TenantId = A.ToString();
        var events = scope.ServiceProvider.GetRequiredService<IEventStore>();
        var call = (await events.AggregateStreamAsync<Call>(callId))!;
        call.LinkLead(leadId, DateTimeOffset.UtcNow);
        await events.SaveAsync(call);
    }

    private async Task NothingStoredAsync(Guid callId)
    {
        (await CountAsync("select count(*) from mt_events where stream_id = $1 and type like 'call_recording%'", callId)).Should().Be(0);
        (await CountAsync("select count(*) from call_recordings where call_id = $1", callId)).Should().Be(0);
        var tenant = await fx.Database.ScalarAsync<string>("select tenant_id from calls where id = $1", callId);
        if (tenant is not null)
        {
            var keys = await fx.Database.ScalarAsync<string[]>("select coalesce(array_agg(storage_key), '{}') from call_recordings where tenant_id = $1", tenant);
            fx.BlobsOf(Guid.Parse(tenant)).Select(p => Path.GetRelativePath(fx.Api.StoragePath, p).Replace(Path.DirectorySeparatorChar, '/'))
                .Should().BeSubsetOf(keys, "no blob is left without its recording");
            (await CountAsync("select count(*) from file_deletions where tenant_id = $1", tenant)).Should().Be(0);
        }
    }

    private async Task<string> KeyOfAsync(Guid callId) =>
        await fx.Database.ScalarAsync<string>("select storage_key from call_recordings where call_id = $1", callId);

    private async Task<JsonElement> StoredEventAsync(Guid callId) => await EventDataAsync(callId, "call_recording_stored");

    private async Task<JsonElement> EventDataAsync(Guid callId, string type)
    {
        var json = await fx.Database.ScalarAsync<string>("select data::text from mt_events where stream_id = $1 and type = $2", callId, type);
        json.Should().NotBeNull($"{type} was recorded");
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    private Task<long> CountAsync(string sql, params object[] parameters) => fx.Database.ScalarAsync<long>(sql, parameters);

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>A body whose length the client cannot tell in advance: sent chunked, counted by the server as it arrives.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
