using System.Collections.Concurrent;
using System.Text.Json;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Behaviour;
using ProSaaS.MediaHost.Tools;
using ProSaaS.Sandbox;

namespace ProSaaS.MediaHost.Tests.Bridge;

/// <summary>
/// The conversation's tools in whole calls: the model's function calls answered by the Api (the harness's tool client, as
/// the media host registers it by default), the model going on with the answers, and a claim the Api did not back corrected.
/// </summary>
public sealed partial class ConversationBridgeTests
{
    private static readonly Guid ToolLead = Guid.NewGuid();
    private static readonly Guid ToolAppointment = Guid.NewGuid();

    private const string SavedLine = "תודה דנה, רשמתי את הפרטים. מתי נוח לך להגיע?";
    private const string BookedLine = "קבעתי לך תור ליום שלישי בעשר. אפשר לעזור במשהו נוסף?";

    /// <summary>
    /// The model of these calls: says word for word what it is told to; answers a tool's output with its line; answers the
    /// caller's name with <c>save_lead_fields</c> and a wish for an appointment with <c>book_appointment</c>.
    /// </summary>
    private static Func<RealtimeResponseContext, ScriptedResponse?> ToolModel(string afterBooking)
    {
        var answered = new ConcurrentDictionary<string, bool>();
        return context =>
        {
            if (SaidIn(context.Instructions) is { } said)
            {
                return new ScriptedResponse { Transcript = said, AudioMilliseconds = 600 };
            }

            if (context.Session.ClientItems.LastOrDefault(i => i.Type == "function_call_output") is { CallId: { } output }
                && answered.TryAdd(output, true))
            {
                return new ScriptedResponse { Transcript = output == "call_save" ? SavedLine : afterBooking, AudioMilliseconds = 700 };
            }

            var heard = context.Session.Turns.LastOrDefault()?.Transcript ?? string.Empty;
            ScriptedFunctionCall? tool = heard.Contains("דנה", StringComparison.Ordinal)
                ? new ScriptedFunctionCall("save_lead_fields", """{"name":"דנה כהן","phone":"0521234567"}""", "call_save")
                : heard.Contains("תור", StringComparison.Ordinal)
                    ? new ScriptedFunctionCall("book_appointment", """{"date":"2027-03-16","time":"10:00"}""", "call_book")
                    : null;
            return tool is null
                ? new ScriptedResponse { Transcript = "במה עוד אפשר לעזור?", AudioMilliseconds = 600 }
                : new ScriptedResponse { Transcript = "", AudioMilliseconds = 0, FunctionCalls = [tool] };
        };
    }

    private static CallToolAnswer ToolAnswer(CallToolRequest request, bool bookingFree) => request.Name switch
    {
        "save_lead_fields" => new(request.ToolCallId, true, JsonSerializer.SerializeToElement(new { leadId = ToolLead, fieldsSaved = new[] { "name", "phone" } }),
            "שמרתי: שם מלא, טלפון.", new CallToolEffects(LeadId: ToolLead, FieldsSaved: ["name", "phone"])),
        "book_appointment" when bookingFree => new(request.ToolCallId, true,
            JsonSerializer.SerializeToElement(new { appointmentId = ToolAppointment, label = "יום שלישי 10:00" }), "קבעתי לך תור ליום שלישי בעשר.",
            new CallToolEffects(LeadId: ToolLead, AppointmentId: ToolAppointment)),
        "book_appointment" => new(request.ToolCallId, false, JsonSerializer.SerializeToElement(new { error = "slot_taken", alternatives = new[] { "יום שלישי 11:00" } }),
            "השעה הזאת כבר תפוסה. אפשר ביום שלישי באחת עשרה?", CallToolEffects.None),
        _ => ApiToolClient.Fallback(request, "unexpected"),
    };

    private async Task<(MediaHostHarness Host, CallConfig Call, FakeTwilioMediaClient Caller, FakeRealtimeSession Session)> ToolCallAsync(
        string afterBooking, bool bookingFree)
    {
        var host = await StartAsync(turns: [new ScriptedTurn("קוראים לי דנה כהן, 052-1234567"), new ScriptedTurn("אפשר לקבוע תור ליום שלישי בעשר?")],
            respond: ToolModel(afterBooking));
        host.Tools.Answer = request => ToolAnswer(request, bookingFree);
        var call = NewCall(host, new CallSilence(10, 40, 2));
        var caller = await host.ConnectAsync(call, speed: 2);
        var session = await host.SessionOfAsync(call);
        await GreetingPlayedAsync(call, caller, session);

        // The name: the model saves it, and says so once the Api confirmed it.
        await caller.PlayAsync(new MediaScript().Speech(900).Silence(800));
        await session.WaitForResponseDoneAsync(2, TimeSpan.FromSeconds(20));
        await caller.WaitForPlaybackIdleAsync();
        await Handles.WaitUntilQuietAsync(call.CallId);

        // The appointment.
        await caller.PlayAsync(new MediaScript().Speech(900).Silence(800));
        await session.WaitForResponseDoneAsync(4, TimeSpan.FromSeconds(20));
        return (host, call, caller, session);
    }

    [Fact]
    public async Task The_models_tools_are_answered_by_the_api_and_what_it_confirmed_may_be_said()
    {
        var (host, call, caller, session) = await ToolCallAsync(BookedLine, bookingFree: true);
        await using (host)
        {
            await caller.WaitForPlaybackIdleAsync();
            await Task.Delay(500);

            host.Tools.Calls.Select(c => (c.TenantId, c.CallId, c.Request.ToolCallId, c.Request.Name)).Should().Equal(
                (call.TenantId, call.CallId, "call_save", "save_lead_fields"),
                (call.TenantId, call.CallId, "call_book", "book_appointment"));
            host.Tools.Calls[0].Request.Arguments.GetProperty("phone").GetString().Should().Be("0521234567");
            var outputs = session.ClientItems.Where(i => i.Type == "function_call_output").ToList();
            outputs.Select(o => o.CallId).Should().Equal("call_save", "call_book");
            using (var booked = JsonDocument.Parse(outputs[1].Output!))
            {
                booked.RootElement.GetProperty("ok").GetBoolean().Should().BeTrue();
                booked.RootElement.GetProperty("appointmentId").GetGuid().Should().Be(ToolAppointment);
            }

            // Each answer was given once the response that called the tool had finished, and the model then went on.
            foreach (var (output, index) in outputs.Select((o, i) => (o, i)))
            {
                var calling = session.Responses[1 + (2 * index)];
                var goingOn = session.Responses[2 + (2 * index)];
                output.At.Should().BeGreaterThanOrEqualTo(calling.DoneAt!.Value);
                goingOn.CreatedAt.Should().BeGreaterThan(output.At);
                goingOn.Trigger.Should().Be(RealtimeResponseTrigger.ResponseCreate);
            }

            session.Responses.Should().HaveCount(5, "the greeting, two tool calls and what the model said of each answer: no correction");
            host.Outbox.TurnsOf(call.CallId).Where(t => t.Speaker == TranscriptTurnCommand.Assistant).Select(t => t.Text)
                .Should().Equal(Greeting, SavedLine, BookedLine);
            session.Errors.Should().BeEmpty();
            await caller.StopAsync();
        }
    }

    [Fact]
    public async Task A_booking_the_model_claims_that_the_api_refused_is_corrected_at_once()
    {
        var lines = ConversationLines.For("he");
        var (host, call, caller, session) = await ToolCallAsync(BookedLine, bookingFree: false);
        await using (host)
        {
            await session.WaitForResponseDoneAsync(5, TimeSpan.FromSeconds(20));

            using (var refused = JsonDocument.Parse(session.ClientItems.Last(i => i.Type == "function_call_output").Output!))
            {
                refused.RootElement.GetProperty("ok").GetBoolean().Should().BeFalse();
                refused.RootElement.GetProperty("error").GetString().Should().Be("slot_taken");
            }

            SaidIn(session.Responses[5].Instructions).Should().Be(lines.BookingCorrection, "the claim of a booking the Api refused is taken back");
            session.Settings.Instructions.Should().Contain(lines.ClaimRule, "and the model is told never to claim before the tool confirms");
            host.Tools.Calls.Should().HaveCount(2);
            session.Errors.Should().BeEmpty();
            await caller.WaitForPlaybackIdleAsync();
            await caller.StopAsync();
        }
    }
}
