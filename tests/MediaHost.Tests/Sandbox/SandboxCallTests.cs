using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Calls;
using ProSaaS.MediaHost.Hosting;
using ProSaaS.Sandbox;

namespace ProSaaS.MediaHost.Tests.Sandbox;

/// <summary>
/// A whole call in sandbox mode: the real MediaHost with no OpenAI settings (so its calls talk to the built-in sandbox
/// assistant), the conversation behaviour, the caller played by <see cref="FakeTwilioMediaClient"/> with its lines posted to
/// the caller-lines route, and the Api played by <see cref="FakeMediaHostApi"/> (configuration, reports and the tools).
/// </summary>
public sealed class SandboxCallTests : IAsyncLifetime
{
    private const string Tenant = "biz-sandbox";

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly byte[] _key = Convert.FromBase64String(StreamToken.NewKey());
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "prosaas-sandbox-tests", Guid.NewGuid().ToString("N"));
    private FakeMediaHostApi _api = null!;
    private WebApplicationFactory<Program> _host = null!;
    private Uri _base = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeMediaHostApi.StartAsync();
        _host = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("Api:BaseUrl", _api.BaseAddress.ToString())
            .UseSetting("Api:ServiceKey", _api.ServiceKey)
            .UseSetting("Outbox:Path", Path.Combine(_folder, "outbox"))
            .UseSetting("MediaHost:RecordingsPath", Path.Combine(_folder, "recordings"))
            .UseSetting("MediaHost:StreamTokenKey", Convert.ToBase64String(_key))
            .UseSetting("MediaHost:DrainSeconds", "1"));
        _host.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _host.StartServer();
        _base = new Uri(_host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _api.DisposeAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_caller_gives_name_phone_and_area_books_the_time_offered_and_the_assistant_ends_the_call()
    {
        var callId = Guid.NewGuid();
        var tomorrow = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Jerusalem")).DateTime).AddDays(1);
        var date = tomorrow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        _api.AddCall(Tenant, callId, Config(callId));
        _api.AnswerTools(call => Answer(call, date));

        string[] lines =
        [
            "שלום, קוראים לי דני כהן",
            "כן",
            "אפס חמש שתיים, שלוש ארבע חמש, שישים ושבע שמונים ותשע",
            "כן, נכון",
            "מרכז",
            "כן",
            "כן, מחר בעשר",
            "בעשר וחצי",
            "כן",
        ];
        using var http = new HttpClient { BaseAddress = _base };
        // Posted in two parts: the lines add up.
        (await http.PostAsJsonAsync($"/sandbox/v1/calls/{callId}/caller-lines", new { lines = lines[..4] })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await http.PostAsJsonAsync($"/sandbox/v1/calls/{callId}/caller-lines", new { lines = lines[4..] })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await http.PostAsJsonAsync($"/sandbox/v1/calls/{callId}/caller-lines", new { })).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var media = new UriBuilder(_base) { Scheme = "ws", Path = MediaStreamEndpoint.Path }.Uri;
        await using var caller = await FakeTwilioMediaClient.ConnectAsync(media, new FakeTwilioCallOptions
        {
            CustomParameters = new Dictionary<string, string>
            {
                ["callId"] = callId.ToString(),
                ["token"] = StreamToken.Issue(_key, callId, Tenant, DateTimeOffset.UtcNow.AddMinutes(5)),
            },
            Speed = 4,
        });

        var sandbox = await _host.Services.GetRequiredService<SandboxRealtime>().AssistantAsync(CancellationToken.None);
        var session = await WaitForSessionAsync(sandbox, callId);
        session.Authorization.Should().BeEmpty("sandbox mode sends no key");
        await session.WaitUntilAsync(s => s.Responses.Any(r => r.DoneAt is not null), "the greeting", TimeSpan.FromSeconds(20));
        for (var turn = 0; turn < lines.Length; turn++)
        {
            await caller.WaitForPlaybackIdleAsync(TimeSpan.FromSeconds(30));
            await caller.PlayAsync(new MediaScript().Speech(900).Silence(900));
            var index = turn;
            await session.WaitUntilAsync(s => s.Turns.Count > index && s.Turns[index].CommittedAt is { } committed
                                              && s.Responses.Any(r => r.CreatedAt > committed && r.Transcript.Length > 0 && r.DoneAt is not null),
                $"the answer to \"{lines[turn]}\"", TimeSpan.FromSeconds(30));
        }

        await _api.WaitUntilAsync(api => api.CommandsOf(callId).Any(c => c.Command is CallEndedCommand), TimeSpan.FromSeconds(30), "the call's end");

        var said = session.Responses.Select(r => r.Transcript).Where(t => t.Length > 0).ToList();
        said.Should().ContainInOrder(
            "שלום, כאן נועה מהמספרה של שי. במה אפשר לעזור?",
            "דני כהן, הבנתי טוב?",
            "מה מספר הטלפון שלכם?",
            "052-345-6789, הבנתי טוב?",
            "מה האזור? אפשר לבחור צפון, מרכז או דרום.",
            "מרכז, הבנתי טוב?",
            "רוצים לקבוע תור?",
            "רגע, אני בודקת ביומן.",
            "המועד הזה לא פנוי. אפשר מחר 09:00, מחר 09:30 או מחר 10:30. מה מתאים לכם?",
            $"קבעתי לכם תור למחר 10:30. לסיכום: דני כהן, טלפון 052-345-6789, אזור: מרכז, ותור למחר 10:30. הכל נכון?",
            "תודה רבה שפניתם להמספרה של שי. יום טוב ולהתראות!");

        var tools = _api.ToolCalls.Where(t => t.CallId == callId).Select(t => t.Request.Name + " " + JsonSerializer.Serialize(t.Request.Arguments, Relaxed)).ToList();
        tools.Should().Equal(
            "save_lead_fields {\"name\":\"דני כהן\"}",
            "save_lead_fields {\"phone\":\"0523456789\"}",
            "save_lead_fields {\"area\":\"מרכז\"}",
            $"check_availability {{\"date\":\"{date}\",\"max_results\":10}}",
            $"book_appointment {{\"date\":\"{date}\",\"time\":\"10:30\"}}",
            "end_call {\"reason\":\"assistant_ended\"}");

        var ended = _api.CommandsOf(callId).Select(c => c.Command).OfType<CallEndedCommand>().Single();
        ended.Reason.Should().Be(MediaEndReasons.AssistantEnded);
        session.Errors.Should().BeEmpty();
        session.Problems.Should().BeEmpty();
        session.ServerEvents.Where(e => e.Type == "response.output_audio.delta").Sum(e => e.AudioBytes).Should().BeGreaterThan(8000 * 10,
            "the assistant spoke for more than ten seconds in all");
        caller.ProtocolErrors.Should().BeEmpty();
    }

    [Theory]
    [InlineData("OpenAI:ApiKey", "sk-real-key")]
    [InlineData("OpenAI:RealtimeUrl", "ws://127.0.0.1:9/v1/realtime")]
    [InlineData("Sandbox:Assistant", "false")]
    public async Task With_OpenAI_configured_or_the_sandbox_off_there_is_no_sandbox(string setting, string value)
    {
        await using var host = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("MediaHost:StreamTokenKey", Convert.ToBase64String(_key))
            .UseSetting(setting, value));
        using var http = host.CreateClient();

        (await http.PostAsJsonAsync($"/sandbox/v1/calls/{Guid.NewGuid()}/caller-lines", new { lines = new[] { "שלום" } })).StatusCode
            .Should().Be(HttpStatusCode.NotFound);
        host.Services.GetService<SandboxRealtime>().Should().BeNull("no call is sent to the sandbox (nor its header)");
    }

    private static async Task<FakeRealtimeSession> WaitForSessionAsync(SandboxAssistant sandbox, Guid callId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (sandbox.SessionsOf(callId).FirstOrDefault() is { } session)
            {
                return session;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No sandbox session for call {callId}.");
            }

            await Task.Delay(20);
        }
    }

    private static CallConfig Config(Guid callId) => FakeMediaHostApi.SampleConfig(Tenant, callId) with
    {
        BusinessName = "המספרה של שי",
        AssistantName = "נועה",
        Instructions = SandboxBrainTests.Instructions,
        Greeting = "שלום, כאן נועה מהמספרה של שי. במה אפשר לעזור?",
        AutoHangup = new CallAutoHangup(OnLeadCaptured: false, OnGoodbye: true),
        LeadFields =
        [
            new CallLeadField("name", "שם", "text", Required: true),
            new CallLeadField("phone", "טלפון", "phone", Required: true),
            new CallLeadField("area", "אזור", "select", Required: false),
        ],
        Tools = JsonSerializer.Deserialize<JsonElement>(SandboxBrainTests.Config).GetProperty("tools").EnumerateArray()
            .Select(t => new CallTool(t.GetProperty("name").GetString()!, "כלי", t.GetProperty("parameters").Clone()))
            .ToList(),
        Record = false,
    };

    private static CallToolAnswer Answer(ReceivedToolCall call, string date)
    {
        var request = call.Request;
        object output;
        CallToolEffects effects;
        switch (request.Name)
        {
            case "save_lead_fields":
                var keys = request.Arguments.EnumerateObject().Select(p => p.Name).ToList();
                output = new { leadId = Guid.Empty, saved = request.Arguments };
                effects = new CallToolEffects(LeadId: Guid.NewGuid(), FieldsSaved: keys);
                break;
            case "check_availability":
                output = new
                {
                    today = date,
                    slots = new[] { "09:00", "09:30", "10:30", "11:00", "11:30" }.Select(t => new { date, time = t, label = "מחר " + t }),
                    more = false,
                };
                effects = new CallToolEffects();
                break;
            case "book_appointment":
                var time = request.Arguments.GetProperty("time").GetString();
                output = new { appointmentId = Guid.NewGuid(), date, time, label = "מחר " + time, alreadyBooked = false };
                effects = new CallToolEffects(AppointmentId: Guid.NewGuid());
                break;
            default:
                return FakeMediaHostApi.DefaultToolAnswer(call);
        }

        return new CallToolAnswer(request.ToolCallId, true, JsonSerializer.SerializeToElement(output), null, effects);
    }
}
