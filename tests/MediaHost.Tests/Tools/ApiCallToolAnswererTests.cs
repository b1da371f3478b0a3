using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Behaviour;
using ProSaaS.MediaHost.Tests.Behaviour;
using ProSaaS.MediaHost.Tools;

namespace ProSaaS.MediaHost.Tests.Tools;

/// <summary>The conversation's tool answers from the Api: the relay's order, the Api's effects as outcomes, claims against them.</summary>
public sealed class ApiCallToolAnswererTests
{
    private static readonly Guid Lead = Guid.NewGuid();
    private static readonly Guid Appointment = Guid.NewGuid();

    private static ToolCalled Tool(string name, string id, string arguments = "{}") => new(1000, id, name, arguments);

    private static ResponseFinished Finished => new(2000, "resp_1", "completed");

    private static CallToolAnswer Saved(CallToolRequest r) => new(r.ToolCallId, true, JsonSerializer.SerializeToElement(new { leadId = Lead }),
        "שמרתי: שם מלא.", new CallToolEffects(LeadId: Lead, FieldsSaved: ["name", "phone"]));

    private static CallToolAnswer Booked(CallToolRequest r) => new(r.ToolCallId, true, JsonSerializer.SerializeToElement(new { appointmentId = Appointment }),
        "קבעתי לך תור ליום שלישי בעשר.", new CallToolEffects(LeadId: Lead, AppointmentId: Appointment));

    private static (ApiCallToolAnswerer Answerer, FakeCallTools Tools, FakeCallHandle Call) Start(Func<CallToolRequest, Task<CallToolAnswer>> answer)
    {
        var tools = new FakeCallTools(answer);
        var answerer = (ApiCallToolAnswerer)new ApiCallToolAnswererFactory(tools, NullLoggerFactory.Instance).Create(CallDriver.NewConfig());
        return (answerer, tools, new FakeCallHandle(CallDriver.NewConfig()) { SpeakOnOrder = false });
    }

    [Fact]
    public async Task Saved_details_are_a_captured_lead_and_the_answer_waits_for_the_response_that_called_it()
    {
        var (answerer, tools, call) = Start(r => Task.FromResult(Saved(r)));

        var answering = answerer.AnswerAsync(Tool("save_lead_fields", "call_1", """{"name":"דנה"}"""), call, CancellationToken.None).AsTask();
        await tools.WaitForCallsAsync(1);
        await Task.Delay(100);
        call.Orders.Should().BeEmpty("the response that called the tool is still under way");
        answering.IsCompleted.Should().BeFalse();

        answerer.OnResponseFinished(Finished);
        var outcome = await answering;

        outcome.Should().Be(new CallToolOutcome(true, LeadCaptured: true));
        tools.Requests.Single().Arguments.GetProperty("name").GetString().Should().Be("דנה");
        call.Orders.Should().HaveCount(2);
        var output = call.Orders[0].Should().BeOfType<ToolResultSent>().Subject;
        output.Respond.Should().BeFalse();
        output.OutputJson.Should().Be($$"""{"ok":true,"leadId":"{{Lead}}","spoken":"שמרתי: שם מלא."}""");
        call.Orders[1].Should().Be(new Responded(null), "the model goes on once the response's last tool is answered");
        answerer.Effects.SavedFields.Should().BeEquivalentTo("name", "phone");
    }

    [Fact]
    public async Task The_tools_of_one_response_are_answered_together_and_the_model_goes_on_once()
    {
        var (answerer, _, call) = Start(async r =>
        {
            await Task.Delay(r.Name == "save_lead_fields" ? 200 : 0);
            return r.Name == "save_lead_fields" ? Saved(r) : Booked(r);
        });

        var save = answerer.AnswerAsync(Tool("save_lead_fields", "call_a"), call, CancellationToken.None).AsTask();
        var book = answerer.AnswerAsync(Tool("book_appointment", "call_b"), call, CancellationToken.None).AsTask();
        answerer.OnResponseFinished(Finished);
        var outcomes = await Task.WhenAll(save, book);

        outcomes[0].LeadCaptured.Should().BeTrue();
        outcomes[1].Should().Be(new CallToolOutcome(true), "a booking saves no details of its own");
        call.Orders.OfType<ToolResultSent>().Select(o => o.ToolCallId).Should().Equal("call_b", "call_a");
        call.Orders.Should().ContainSingle(o => o is Responded).And.EndWith(new Responded(null));
        answerer.Effects.HasBooking.Should().BeTrue();
    }

    [Fact]
    public async Task A_tool_called_after_the_response_finished_waits_for_its_own_response()
    {
        var (answerer, _, call) = Start(r => Task.FromResult(Booked(r)));
        answerer.OnResponseFinished(Finished);

        var answering = answerer.AnswerAsync(Tool("book_appointment", "call_2"), call, CancellationToken.None).AsTask();
        await Task.Delay(150);
        call.Orders.Should().BeEmpty();

        answerer.OnResponseFinished(Finished);
        (await answering).Ok.Should().BeTrue();
        call.Orders.Should().HaveCount(2);
    }

    [Fact]
    public async Task An_end_is_given_without_a_response_with_its_reason_and_farewell_for_the_behaviour_to_decide()
    {
        var (answerer, _, call) = Start(r => Task.FromResult(new CallToolAnswer(r.ToolCallId, true,
            JsonSerializer.SerializeToElement(new { endCall = "user_goodbye" }), "תודה ולהתראות!", new CallToolEffects(EndCall: "user_goodbye"))));

        var answering = answerer.AnswerAsync(Tool("end_call", "call_end"), call, CancellationToken.None);
        answerer.OnResponseFinished(Finished);
        var outcome = await answering;

        outcome.Should().Be(new CallToolOutcome(true, MediaEndReasons.UserGoodbye, "תודה ולהתראות!"));
        call.Orders.Should().ContainSingle().Which.Should().BeOfType<ToolResultSent>().Which.Respond.Should().BeFalse();
        call.Orders.Should().NotContain(o => o is Ended, "the behaviour ends the call, not the answerer");
    }

    [Fact]
    public async Task A_refusal_is_given_to_the_model_confirms_nothing_and_the_model_goes_on()
    {
        var (answerer, _, call) = Start(r => Task.FromResult(new CallToolAnswer(r.ToolCallId, false,
            JsonSerializer.SerializeToElement(new { error = "slot_taken" }), "השעה הזאת כבר תפוסה.", CallToolEffects.None)));

        var answering = answerer.AnswerAsync(Tool("book_appointment", "call_3"), call, CancellationToken.None);
        answerer.OnResponseFinished(Finished);

        (await answering).Should().Be(CallToolOutcome.Refused);
        call.Orders.Should().EndWith(new Responded(null));
        answerer.UnbackedClaims("קבעתי לך תור ליום שלישי.").Should().Equal(ClaimedEffect.Booking);
    }

    [Fact]
    public async Task An_api_that_does_not_answer_in_time_gives_a_sentence_to_say_and_nothing_claimed()
    {
        // What the client answers when its time runs out (ApiToolClientTests checks the time itself).
        var (answerer, _, call) = Start(r => Task.FromResult(ApiToolClient.Fallback(r, "timeout")));

        var answering = answerer.AnswerAsync(Tool("save_lead_fields", "call_4"), call, CancellationToken.None);
        answerer.OnResponseFinished(Finished);

        (await answering).Should().Be(CallToolOutcome.Refused);
        using var given = JsonDocument.Parse(call.Orders.OfType<ToolResultSent>().Single().OutputJson);
        given.RootElement.GetProperty("ok").GetBoolean().Should().BeFalse();
        given.RootElement.GetProperty("error").GetString().Should().Be(ApiToolClient.UnavailableError);
        given.RootElement.GetProperty("spoken").GetString().Should().Be(ApiToolClient.FallbackSpoken);
        answerer.Effects.LeadId.Should().BeNull();
        answerer.UnbackedClaims("שמרתי את הפרטים שלך.").Should().Equal(ClaimedEffect.SavedDetails);
    }

    [Fact]
    public async Task A_client_that_fails_still_leaves_the_model_an_answer_to_say()
    {
        var (answerer, _, call) = Start(_ => throw new InvalidOperationException("broken"));

        var answering = answerer.AnswerAsync(Tool("check_availability", "call_5"), call, CancellationToken.None);
        answerer.OnResponseFinished(Finished);

        (await answering).Should().Be(CallToolOutcome.Refused);
        call.Orders.OfType<ToolResultSent>().Single().OutputJson.Should().Contain(ApiToolClient.FallbackSpoken);
    }

    [Fact]
    public async Task Claims_are_checked_against_what_the_api_confirmed()
    {
        var (answerer, _, call) = Start(r => Task.FromResult(Saved(r)));
        answerer.UnbackedClaims("שמרתי את הפרטים, קבעתי לך תור והעברתי את הבקשה לנציג. בנוסף שלחתי לך הודעה.")
            .Should().Equal(ClaimedEffect.SavedDetails, ClaimedEffect.Booking, ClaimedEffect.PassedOn, ClaimedEffect.MessageSent);

        var answering = answerer.AnswerAsync(Tool("save_lead_fields", "call_6"), call, CancellationToken.None);
        answerer.OnResponseFinished(Finished);
        await answering;

        answerer.UnbackedClaims("שמרתי את הפרטים שלך.").Should().BeEmpty();
        answerer.UnbackedClaims("שמרתי את הפרטים וקבעתי לך תור.").Should().Equal(ClaimedEffect.Booking);
        answerer.UnbackedClaims("אקבע לך תור אם תרצי.").Should().BeEmpty("an offer is no claim");
    }

    [Theory]
    [InlineData(ClaimKind.Booked, ClaimedEffect.Booking)]
    [InlineData(ClaimKind.Saved, ClaimedEffect.SavedDetails)]
    [InlineData(ClaimKind.Sent, ClaimedEffect.MessageSent)]
    [InlineData(ClaimKind.Forwarded, ClaimedEffect.PassedOn)]
    public void Every_claim_kind_has_its_effect(ClaimKind kind, ClaimedEffect effect) =>
        ApiCallToolAnswerer.ClaimedEffectOf(kind).Should().Be(effect);

    [Fact]
    public void An_end_with_no_sentence_of_its_own_takes_the_default_goodbye() =>
        ApiCallToolAnswerer.OutcomeOf(new CallToolAnswer("c", true, JsonSerializer.SerializeToElement(new { }), null,
                new CallToolEffects(EndCall: MediaEndReasons.TransferredToHuman)))
            .Should().Be(new CallToolOutcome(true, MediaEndReasons.TransferredToHuman, ToolRelay.DefaultGoodbye));

    /// <summary>An Api that answers as the test says, and keeps what it was asked.</summary>
    private sealed class FakeCallTools(Func<CallToolRequest, Task<CallToolAnswer>> answer) : ICallToolClient
    {
        private readonly ConcurrentQueue<CallToolRequest> _requests = new();

        public IReadOnlyList<CallToolRequest> Requests => [.. _requests];

        public Task<CallToolAnswer> CallAsync(string tenantId, Guid callId, CallToolRequest request, CancellationToken cancellationToken = default)
        {
            _requests.Enqueue(request);
            return answer(request);
        }

        public async Task WaitForCallsAsync(int count)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (_requests.Count < count)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException("the tools were not called");
                }

                await Task.Delay(5);
            }
        }
    }
}
