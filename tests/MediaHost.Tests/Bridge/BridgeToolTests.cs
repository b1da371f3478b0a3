using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Sandbox;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Tools;

namespace ProSaaS.MediaHost.Tests.Bridge;

/// <summary>
/// The model calls a tool mid-call: the media host asks the Api (the fake of its internal routes, through the real client),
/// gives the answer back to the model and asks it to go on; <c>end_call</c> closes the line once the goodbye has played.
/// </summary>
public sealed class BridgeToolTests : IAsyncLifetime
{
    private static readonly ScriptedResponse Greeting = new() { Transcript = "שלום, כאן נועה.", AudioMilliseconds = 300 };

    private FakeMediaHostApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeMediaHostApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    /// <summary>A media host whose tools go to the fake Api through the real <see cref="ApiToolClient"/>.</summary>
    private Task<MediaHostHarness> StartAsync(RealtimeScript script, string toolTimeoutSeconds = "4") =>
        MediaHostHarness.StartAsync(
            new FakeRealtimeOptions { Script = script },
            services: s => s.AddSingleton<ICallToolClient, ApiToolClient>(),
            settings: new Dictionary<string, string?>
            {
                ["Api:BaseUrl"] = _api.BaseAddress.ToString(),
                ["Api:ServiceKey"] = _api.ServiceKey,
                ["Api:ToolTimeoutSeconds"] = toolTimeoutSeconds,
            });

    private static ScriptedTurn CallsTools(string transcript, params ScriptedFunctionCall[] calls) =>
        new(transcript, new ScriptedResponse { Transcript = "", AudioMilliseconds = 0, FunctionCalls = calls });

    [Fact]
    public async Task A_tool_the_model_calls_is_answered_by_the_api_and_the_model_goes_on_with_the_answer()
    {
        var lead = Guid.NewGuid();
        _api.AnswerTools(r => new CallToolAnswer(r.Request.ToolCallId, true, JsonSerializer.SerializeToElement(new { leadId = lead, created = true }),
            "שמרתי: שם מלא.", new CallToolEffects(LeadId: lead, FieldsSaved: ["name"])));
        await using var host = await StartAsync(new RealtimeScript
        {
            OnResponseCreate = [Greeting],
            Turns = [CallsTools("קוראים לי דנה", new ScriptedFunctionCall("save_lead_fields", """{"name":"דנה"}""", "call_save"))],
            DefaultResponse = new ScriptedResponse { Transcript = "שמרתי את השם שלך, דנה.", AudioMilliseconds = 300 },
        });
        var call = host.NewCall();
        _api.AddCall(call.TenantId, call.CallId, call);
        var caller = await host.ConnectAsync(call, speed: 2);
        var session = await host.SessionOfAsync(call);
        await caller.WaitForHeardAsync(TimeSpan.FromMilliseconds(300));

        await caller.PlayAsync(new MediaScript().Speech(600).Silence(700));
        await session.WaitForResponseDoneAsync(2);

        var received = _api.ToolCalls.Should().ContainSingle().Subject;
        received.TenantId.Should().Be(call.TenantId);
        received.CallId.Should().Be(call.CallId);
        received.Request.ToolCallId.Should().Be("call_save");
        received.Request.Arguments.GetProperty("name").GetString().Should().Be("דנה");
        var output = session.ClientItems.Should().ContainSingle(i => i.Type == "function_call_output").Subject;
        output.CallId.Should().Be("call_save");
        using var given = JsonDocument.Parse(output.Output!);
        given.RootElement.GetProperty("ok").GetBoolean().Should().BeTrue();
        given.RootElement.GetProperty("leadId").GetGuid().Should().Be(lead);
        given.RootElement.GetProperty("spoken").GetString().Should().Be("שמרתי: שם מלא.");
        session.Responses[2].Trigger.Should().Be(RealtimeResponseTrigger.ResponseCreate, "the model is asked to go on after the answer");
        session.Errors.Should().BeEmpty();
        session.Problems.Should().BeEmpty();
        await caller.StopAsync();
    }

    [Fact]
    public async Task The_tools_of_one_response_are_all_answered_before_the_model_goes_on_once()
    {
        await using var host = await StartAsync(new RealtimeScript
        {
            OnResponseCreate = [Greeting],
            Turns =
            [
                CallsTools("דנה מחיפה, מתי אפשר להיפגש?",
                    new ScriptedFunctionCall("save_lead_fields", """{"name":"דנה","city":"חיפה"}""", "call_a"),
                    new ScriptedFunctionCall("check_availability", """{"date":"2027-03-16"}""", "call_b")),
            ],
            DefaultResponse = new ScriptedResponse { Transcript = "שמרתי. יש מקום ביום שלישי בעשר.", AudioMilliseconds = 300 },
        });
        var call = host.NewCall();
        _api.AddCall(call.TenantId, call.CallId, call);
        _api.DelayNext(1, TimeSpan.FromMilliseconds(300));
        var caller = await host.ConnectAsync(call, speed: 2);
        var session = await host.SessionOfAsync(call);
        await caller.WaitForHeardAsync(TimeSpan.FromMilliseconds(300));

        await caller.PlayAsync(new MediaScript().Speech(600).Silence(700));
        await session.WaitForResponseDoneAsync(2);
        await Task.Delay(500);

        _api.ToolCalls.Select(t => t.Request.ToolCallId).Should().BeEquivalentTo("call_a", "call_b");
        session.ClientItems.Where(i => i.Type == "function_call_output").Select(i => i.CallId).Should().BeEquivalentTo("call_a", "call_b");
        session.Responses.Should().HaveCount(3, "one response after both answers");
        session.Responses[2].Trigger.Should().Be(RealtimeResponseTrigger.ResponseCreate);
        session.ClientItems.Where(i => i.Type == "function_call_output").Max(i => i.At).Should().BeLessThan(session.Responses[2].CreatedAt);
        session.Errors.Should().BeEmpty();
        await caller.StopAsync();
    }

    [Fact]
    public async Task Ending_the_call_closes_the_line_after_the_goodbye_has_played()
    {
        await using var host = await StartAsync(new RealtimeScript
        {
            OnResponseCreate = [Greeting],
            Turns =
            [
                new ScriptedTurn("תודה, להתראות", new ScriptedResponse
                {
                    Transcript = "תודה שהתקשרת, יום טוב ולהתראות!",
                    AudioMilliseconds = 1600,
                    FunctionCalls = [new ScriptedFunctionCall("end_call", """{"reason":"user_goodbye"}""", "call_end")],
                }),
            ],
        });
        var call = host.NewCall();
        _api.AddCall(call.TenantId, call.CallId, call);
        var caller = await host.ConnectAsync(call, speed: 2);
        var session = await host.SessionOfAsync(call);
        await caller.WaitForHeardAsync(TimeSpan.FromMilliseconds(300));

        var saying = caller.PlayAsync(new MediaScript().Speech(600).Silence(4000));
        var closure = await caller.WaitForClosedAsync(TimeSpan.FromSeconds(20));
        var ended = await host.Outbox.WaitForEndAsync(call.CallId);
        await saying.ContinueWith(_ => { });

        ended.Reason.Should().Be(MediaEndReasons.UserGoodbye);
        closure.End.Should().Be(TwilioStreamEnd.ClosedByServer);
        closure.BytesUnplayed.Should().Be(0, "the goodbye played to its end before the line closed");
        caller.AudioHeard.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(1900), "the greeting and the whole goodbye");
        session.ClientItems.Should().ContainSingle(i => i.Type == "function_call_output").Which.CallId.Should().Be("call_end");
        session.Responses.Should().HaveCount(2, "no new response after the goodbye");
        _api.ToolCalls.Should().ContainSingle().Which.Request.Name.Should().Be("end_call");
    }

    [Fact]
    public async Task When_the_api_cannot_answer_the_model_gets_the_polite_answer_and_the_call_goes_on()
    {
        await using var host = await StartAsync(new RealtimeScript
        {
            OnResponseCreate = [Greeting],
            Turns = [CallsTools("אני רוצה לקבוע פגישה", new ScriptedFunctionCall("check_availability", "{}", "call_down"))],
            DefaultResponse = new ScriptedResponse { Transcript = "יש לי תקלה קטנה במערכת, נציג יחזור אליך.", AudioMilliseconds = 300 },
        }, toolTimeoutSeconds: "1");
        var call = host.NewCall();
        _api.AddCall(call.TenantId, call.CallId, call);
        _api.FailFor(TimeSpan.FromMinutes(1));
        var caller = await host.ConnectAsync(call, speed: 2);
        var session = await host.SessionOfAsync(call);
        await caller.WaitForHeardAsync(TimeSpan.FromMilliseconds(300));

        await caller.PlayAsync(new MediaScript().Speech(600).Silence(700));
        await session.WaitForResponseDoneAsync(2);

        var output = session.ClientItems.Should().ContainSingle(i => i.Type == "function_call_output").Subject;
        using var given = JsonDocument.Parse(output.Output!);
        given.RootElement.GetProperty("ok").GetBoolean().Should().BeFalse();
        given.RootElement.GetProperty("spoken").GetString().Should().Be(ApiToolClient.FallbackSpoken);
        session.Responses[2].Trigger.Should().Be(RealtimeResponseTrigger.ResponseCreate, "the call never goes silent");
        _api.Requests.Where(r => r.Action == "tools").Should().HaveCount(2, "one retry, with the same tool call id");
        await caller.StopAsync();
    }
}
