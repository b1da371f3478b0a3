using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProSaaS.Api.Hosting;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Api.Tests.Tenancy;
using ProSaaS.Api.Tests.Webhooks;
using ProSaaS.Application.Common.Context;
using ProSaaS.Hosting.Calls;
using ProSaaS.Testing;
using System.Globalization;

namespace ProSaaS.Api.Tests.Calls;

/// <summary>
/// The Api with the media host's routes, webhooks to local receivers, and the OpenAI summarizer pointed at a local chat
/// completions server (<see cref="Chat"/>) that answers each call as its test says (by a marker in the caller's words). Ended
/// calls are wrapped up every second; a failed summary is tried again after 1 s, then 2 s, three attempts in all.
/// </summary>
public sealed class AfterCallFixture() : TenancyFixture(Settings)
{
    public const int MaxAttempts = 3;

    public static readonly FakeChatCompletions Chat = FakeChatCompletions.Start();

    /// <summary>How the chat server answers the requests that carry a marker: by the number of the request for that marker (from 1).</summary>
    public static readonly ConcurrentDictionary<string, Func<int, (int Status, string Body)>> Answers = new();

    private static readonly ConcurrentDictionary<string, int> Counts = new();

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Twilio:PublicBaseUrl"] = CallsFixture.PublicBaseUrl,
        ["MediaHost:PublicStreamUrl"] = CallsFixture.StreamUrl,
        ["MediaHost:StreamTokenKey"] = Convert.ToBase64String(CallsFixture.TokenKey),
        ["MediaHost:ServiceKey"] = CallsFixture.ServiceKey,
        ["Calls:ReclaimScanSeconds"] = "0",
        ["Webhooks:AllowInsecureUrls"] = "true",
        ["Webhooks:AllowPrivateTargets"] = "true",
        ["Webhooks:PollInterval"] = "00:00:00.050",
        ["OpenAI:ApiKey"] = "sk-test-after-call",
        ["OpenAI:BaseUrl"] = Chat.BaseUrl,
        ["OpenAI:SummaryTimeout"] = "00:00:05",
        ["AfterCall:ScanSeconds"] = "1",
        ["AfterCall:SettleSeconds"] = "1",
        ["AfterCall:MaxAttempts"] = MaxAttempts.ToString(CultureInfo.InvariantCulture),
        ["AfterCall:RetryDelaySeconds"] = "1",
    };

    static AfterCallFixture()
    {
        Chat.Respond = (_, request) =>
        {
            var marker = Answers.Keys.FirstOrDefault(m => request.Body.Contains(m, StringComparison.Ordinal));
            return marker is null
                ? (200, FakeChatCompletions.Completion(FakeChatCompletions.ValidSummary))
                : Answers[marker](Counts.AddOrUpdate(marker, 1, (_, n) => n + 1));
        };
    }

    public static int RequestsFor(string marker) => Chat.Requests.Count(r => r.Body.Contains(marker, StringComparison.Ordinal));

    /// <summary>A client of the Api as the media host: the service key and nothing else.</summary>
    public HttpClient MediaHostClient()
    {
        var client = Api.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        client.DefaultRequestHeaders.Add(MediaHostContract.ServiceKeyHeader, CallsFixture.ServiceKey);
        return client;
    }

    /// <summary>A business of its own answering a number of its own, with the system admin's session in it.</summary>
    public async Task<(Guid Id, string Number, HttpClient Admin)> NewBusinessAsync()
    {
        var root = await CachedSessionAsync(TenantA, Domain.Users.Role.SystemAdmin);
        var created = await ReadAsync(await root.PostAsJsonAsync("/api/v1/tenants",
            new { name = "נדל\"ן אחרי השיחה", slug = "after-" + Guid.NewGuid().ToString("N")[..10] }), "create a business");
        var id = created.GetProperty("id").GetGuid();
        var number = Callers.UniqueMobile();
        await ReadAsync(await root.PostAsJsonAsync($"/api/v1/tenants/{id}/phone-numbers", new { phoneNumber = number }), "assign a number");
        return (id, number, await SystemAdminInAsync(id));
    }
}

/// <summary>
/// After the call, through the real Api and PostgreSQL: the ended call is summarized (<c>call_summarized</c>), its lead's
/// status moved, and <c>call.completed</c> sent with the transcript and the summary; a failing summarizer is tried again,
/// then the rules stand in; a call is summarized once.
/// </summary>
public sealed class AfterCallTests(AfterCallFixture fx) : IClassFixture<AfterCallFixture>
{
    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The next Monday at least two days ahead, in Israel.</summary>
    private static DateOnly NextMonday()
    {
        var israel = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jerusalem");
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, israel).DateTime).AddDays(2);
        while (date.DayOfWeek != DayOfWeek.Monday)
        {
            date = date.AddDays(1);
        }

        return date;
    }

    private static async Task<CallToolAnswer> UseAsync(HttpClient media, Guid tenant, Guid callId, string toolCallId, string name, object arguments)
    {
        var response = await media.PostAsJsonAsync(MediaHostContract.ToolsPath(tenant.ToString(), callId), new { toolCallId, name, arguments }, MediaHostContract.Json);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(text);
        var answer = JsonSerializer.Deserialize<CallToolAnswer>(text, MediaHostContract.Json)!;
        answer.Ok.Should().BeTrue(text);
        return answer;
    }

    private static async Task<(Guid Id, string Secret)> EndpointAsync(HttpClient admin, string url, string[] eventTypes)
    {
        var created = await TenancyFixture.ReadAsync(await admin.PostAsJsonAsync("/api/v1/webhooks", new { url, description = "בדיקות", eventTypes }), "create a webhook endpoint");
        return (created.GetProperty("id").GetGuid(), created.GetProperty("secret").GetString()!);
    }

    private async Task<JsonElement> WaitForSummaryAsync(Guid callId, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var json = await fx.Database.ScalarAsync<string?>("select data::text from mt_events where stream_id = $1 and type = 'call_summarized'", callId);
            if (json is not null)
            {
                return JsonDocument.Parse(json).RootElement.Clone();
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Call {callId} was not summarized within {seconds} s.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>An inbound call with a lead saved, an appointment booked (optionally), a short conversation and the media host's end.</summary>
    private async Task<(Guid CallId, Guid LeadId)> ConversationAsync(Guid tenant, string number, string marker, bool book = true, Func<Guid, Task>? meanwhile = null)
    {
        var call = await fx.Api.CallAsync(number, from: Callers.UniqueMobile());
        call.Connected.Should().BeTrue();
        using var media = fx.MediaHostClient();
        await media.ReportAsync(tenant, call.CallId, MediaHostCalls.Turn("assistant", "שלום, כאן נדל\"ן אחרי השיחה, איך אפשר לעזור?", 0));
        await media.ReportAsync(tenant, call.CallId, MediaHostCalls.Turn("caller", $"שלום, קוראים לי דנה כהן ואני מחפשת דירה בחיפה {marker}", 2500));
        var leadId = (await UseAsync(media, tenant, call.CallId, "call_save", "save_lead_fields", new { name = "דנה כהן", city = "חיפה" })).Effects.LeadId!.Value;
        if (meanwhile is not null)
        {
            await meanwhile(leadId);
        }

        if (book)
        {
            await UseAsync(media, tenant, call.CallId, "call_book", "book_appointment", new { date = Iso(NextMonday()), time = "10:00" });
        }

        await media.ReportAsync(tenant, call.CallId, MediaHostCalls.Turn("caller", "תודה רבה, להתראות", 9000));
        await media.ReportAsync(tenant, call.CallId, MediaHostCalls.Ended("user_goodbye"));
        return (call.CallId, leadId);
    }

    [Fact]
    public async Task An_ended_call_is_summarized_its_lead_moved_and_call_completed_sent_with_the_transcript_and_summary()
    {
        var (tenant, number, admin) = await fx.NewBusinessAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        await EndpointAsync(admin, receiver.Url, ["call.completed", "lead.updated"]);
        var marker = "m-" + Guid.NewGuid().ToString("N")[..8];

        var (callId, leadId) = await ConversationAsync(tenant, number, marker);
        var summarized = await WaitForSummaryAsync(callId);

        summarized.GetProperty("summarizer").GetString().Should().Be("openai");
        summarized.GetProperty("summary").GetProperty("nextAction").GetString().Should().Be("confirm_appointment");
        summarized.GetProperty("transcript").GetArrayLength().Should().Be(3);
        summarized.GetProperty("collectedFields").GetProperty("city").GetString().Should().Be("חיפה");
        summarized.GetProperty("toolsApplied").EnumerateArray().Select(t => t.GetString()).Should().Equal("save_lead_fields", "book_appointment");
        var request = AfterCallFixture.Chat.Requests.Single(r => r.Body.Contains(marker, StringComparison.Ordinal));
        request.Authorization.Should().Be("Bearer sk-test-after-call");
        request.Call.GetProperty("appointmentBooked").GetBoolean().Should().BeTrue();
        request.Call.GetProperty("business").GetString().Should().Be("נדל\"ן אחרי השיחה");

        // The lead moved from new to the appointment status, by the after-call work, in the summary's transaction.
        (await fx.Database.ScalarAsync<string>("select status from leads where id = $1", leadId)).Should().Be("appointment");
        (await fx.Database.ScalarAsync<string>(
                "select user_name || '|' || (data->>'toStatus') || '|' || (data->>'reason') from mt_events where stream_id = $1 and type = 'lead_status_changed'", leadId))
            .Should().Be("system:after-call|appointment|אחרי שיחה: נקבעה פגישה בשיחה");
        (await fx.Database.ScalarAsync<string>("select status from call_wrap_ups where call_id = $1", callId)).Should().Be("done");

        // The webhook: call.completed once, with the transcript, the summary and the next action.
        var completed = (await receiver.WaitForAsync(1, r => r.Json.GetProperty("type").GetString() == "call.completed")).Single();
        var data = completed.Json.GetProperty("data");
        data.GetProperty("callId").GetGuid().Should().Be(callId);
        data.GetProperty("leadId").GetGuid().Should().Be(leadId);
        data.GetProperty("summary").GetString().Should().StartWith("דנה כהן התקשרה");
        data.GetProperty("nextAction").GetProperty("kind").GetString().Should().Be("confirm_appointment");
        data.GetProperty("endReason").GetString().Should().Be("user_goodbye");
        data.GetProperty("hangupReason").GetString().Should().Be("user_goodbye");
        data.GetProperty("hasRecording").GetBoolean().Should().BeFalse();
        data.GetProperty("collectedFields").GetProperty("name").GetString().Should().Be("דנה כהן");
        var transcript = data.GetProperty("transcript");
        transcript.GetArrayLength().Should().Be(3);
        transcript[0].GetProperty("speaker").GetString().Should().Be("assistant");
        transcript[1].GetProperty("text").GetString().Should().Contain(marker);
        transcript[2].GetProperty("at").ValueKind.Should().Be(JsonValueKind.String);
        await receiver.WaitForAsync(1, r => r.Body.Contains("\"toStatus\":\"appointment\"", StringComparison.Ordinal));

        // The call's detail and the lead's activity show it.
        var detail = await TenancyFixture.ReadAsync(await admin.GetAsync($"/api/v1/calls/{callId}"), "get the call");
        detail.GetProperty("summary").GetProperty("summarizer").GetString().Should().Be("openai");
        detail.GetProperty("summary").GetProperty("nextAction").GetString().Should().Be("confirm_appointment");
        detail.GetProperty("summary").GetProperty("text").GetString().Should().StartWith("דנה כהן התקשרה");
        detail.GetProperty("lifecycle").EnumerateArray().Select(s => s.GetProperty("event").GetString()).Should().Contain("call_summarized");
        var activity = await TenancyFixture.ReadAsync(await admin.GetAsync($"/api/v1/leads/{leadId}/activity?limit=100"), "the lead's activity");
        activity.GetRawText().Should().Contain("סיכום השיחה: דנה כהן התקשרה");
    }

    [Fact]
    public async Task A_summarizer_that_fails_is_tried_again_with_backoff_then_the_rules_write_the_summary_and_the_webhook_still_goes()
    {
        var (tenant, number, admin) = await fx.NewBusinessAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        await EndpointAsync(admin, receiver.Url, ["call.completed"]);
        var marker = "m-" + Guid.NewGuid().ToString("N")[..8];
        AfterCallFixture.Answers[marker] = _ => (500, """{"error":{"message":"The server had an error","type":"server_error"}}""");

        var (callId, leadId) = await ConversationAsync(tenant, number, marker, book: false);
        var summarized = await WaitForSummaryAsync(callId, seconds: 40);

        AfterCallFixture.RequestsFor(marker).Should().Be(AfterCallFixture.MaxAttempts);
        summarized.GetProperty("summarizer").GetString().Should().Be("sandbox");
        summarized.GetProperty("fallbackReason").GetString().Should().StartWith("openai failed 3 times: openai answered 500");
        summarized.GetProperty("summary").GetProperty("text").GetString().Should().StartWith("שיחה נכנסת עם דנה כהן");
        summarized.GetProperty("summary").GetProperty("nextAction").GetString().Should().Be("call_back");
        (await fx.Database.ScalarAsync<int>("select attempts from call_wrap_ups where call_id = $1", callId)).Should().Be(AfterCallFixture.MaxAttempts);
        (await fx.Database.ScalarAsync<string>("select status from leads where id = $1", leadId)).Should().Be("contacted");

        var completed = (await receiver.WaitForAsync(1, r => r.IsAbout(callId))).Single();
        completed.Json.GetProperty("data").GetProperty("summarizer").GetString().Should().Be("sandbox");
        completed.Json.GetProperty("data").GetProperty("transcript").GetArrayLength().Should().Be(3);
    }

    [Fact]
    public async Task A_summary_that_failed_once_is_recorded_on_the_retry_and_a_call_is_summarized_once()
    {
        var (tenant, number, admin) = await fx.NewBusinessAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var (endpointId, _) = await EndpointAsync(admin, receiver.Url, ["call.completed"]);
        var marker = "m-" + Guid.NewGuid().ToString("N")[..8];
        AfterCallFixture.Answers[marker] = n => n == 1 ? (503, """{"error":{"message":"overloaded"}}""") : (200, FakeChatCompletions.Completion(FakeChatCompletions.ValidSummary));

        var (callId, _) = await ConversationAsync(tenant, number, marker);
        var summarized = await WaitForSummaryAsync(callId);

        summarized.GetProperty("summarizer").GetString().Should().Be("openai");
        summarized.GetProperty("fallbackReason").ValueKind.Should().Be(JsonValueKind.Null);
        AfterCallFixture.RequestsFor(marker).Should().Be(2);
        (await fx.Database.ScalarAsync<string>("select status || '|' || attempts from call_wrap_ups where call_id = $1", callId)).Should().Be("done|2");

        // Run again, as another process would after a lost lease: nothing more is recorded, nothing more is sent.
        await fx.Database.ScalarAsync<int>("update call_wrap_ups set status = 'pending', claimed_until = null where call_id = $1 returning 1", callId);
        var options = fx.Api.Services.GetRequiredService<IOptions<AfterCallOptions>>().Value;
        await using (var scope = fx.Api.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<RequestContext>().UserName = "system:after-call";
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(options.Command() with { Settle = TimeSpan.Zero });
        }

        await receiver.WaitForAsync(1, r => r.IsAbout(callId));
        await Task.Delay(1500);
        (await fx.Database.ScalarAsync<long>("select count(*) from mt_events where stream_id = $1 and type = 'call_summarized'", callId)).Should().Be(1);
        (await fx.Database.ScalarAsync<long>("select count(*) from webhook_deliveries where endpoint_id = $1", endpointId)).Should().Be(1);
        receiver.Received.Count(r => r.IsAbout(callId)).Should().Be(1);
        AfterCallFixture.RequestsFor(marker).Should().Be(2);
    }

    [Fact]
    public async Task A_status_set_by_a_person_during_the_call_stands()
    {
        var (tenant, number, admin) = await fx.NewBusinessAsync();
        var marker = "m-" + Guid.NewGuid().ToString("N")[..8];

        var (callId, leadId) = await ConversationAsync(tenant, number, marker, meanwhile: async lead =>
            await TenancyFixture.ReadAsync(await admin.PostAsJsonAsync($"/api/v1/leads/{lead}/status", new { status = "qualified" }), "change the status"));
        await WaitForSummaryAsync(callId);

        (await fx.Database.ScalarAsync<string>("select status from leads where id = $1", leadId)).Should().Be("qualified");
        (await fx.Database.ScalarAsync<long>("select count(*) from mt_events where stream_id = $1 and type = 'lead_status_changed'", leadId)).Should().Be(1);
    }

    [Fact]
    public async Task A_call_without_a_conversation_is_summarized_by_the_rules_without_asking_the_model()
    {
        var (tenant, number, _) = await fx.NewBusinessAsync();
        var before = AfterCallFixture.Chat.Requests.Count;
        var call = await fx.Api.CallAsync(number, from: Callers.UniqueMobile());
        using var media = fx.MediaHostClient();
        await media.ReportAsync(tenant, call.CallId, MediaHostCalls.Turn("assistant", "שלום? אפשר לשמוע אותך?", 0));
        await media.ReportAsync(tenant, call.CallId, MediaHostCalls.Ended("silence"));

        var summarized = await WaitForSummaryAsync(call.CallId);

        summarized.GetProperty("summarizer").GetString().Should().Be("sandbox");
        summarized.GetProperty("summary").GetProperty("text").GetString().Should().Be("המתקשר לא אמר דבר בשיחה. השיחה הסתיימה (הלקוח לא ענה).");
        summarized.GetProperty("leadId").ValueKind.Should().Be(JsonValueKind.Null);
        AfterCallFixture.Chat.Requests.Count.Should().Be(before);
    }
}
