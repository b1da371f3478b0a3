using ProSaaS.Domain.Calls;
using ProSaaS.Domain.Calls.Conversation;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Behaviour;

namespace ProSaaS.MediaHost.Tests.Behaviour;

/// <summary>The conversation behaviour fed events as the session gives them, its orders read from a fake handle.</summary>
public sealed class ConversationBehaviourTests
{
    private static readonly CallPhrases Lines = CallPhrases.Hebrew;

    // ---- Start and turns -------------------------------------------------------------------------------------------

    [Fact]
    public async Task The_assistant_greets_first_and_answers_each_kept_turn_itself()
    {
        var call = new CallDriver();
        call.Behaviour.DecidesResponses.Should().BeTrue();

        await call.StartAsync();
        call.Call.Orders.Should().Equal(new Said(CallDriver.Greeting));
        call.Machine.Phase.Should().Be(CallPhase.Warmup);

        await call.PlayedAsync(CallDriver.Greeting);
        call.Machine.Phase.Should().Be(CallPhase.Active);

        var item = await call.CallerSaysAsync("אני רוצה לקבוע תור לתספורת");
        call.Call.Orders.Should().Equal(new Said(CallDriver.Greeting), new Responded(null));
        call.Call.Orders.Should().NotContain(new Discarded(item));
        call.Machine.CallerHasSpoken.Should().BeTrue();
        call.Machine.Turns.Should().Be(1);
    }

    [Fact]
    public async Task When_the_caller_is_to_speak_first_the_assistant_waits()
    {
        var call = new CallDriver(CallDriver.NewConfig(botSpeaksFirst: false));
        await call.StartAsync();
        await call.WaitAsync(3000);
        call.Call.Orders.Should().BeEmpty();

        await call.CallerSaysAsync("הלו, שלום");
        call.Call.Orders.Should().Equal(new Responded(null));
        call.Machine.Phase.Should().Be(CallPhase.Active);
    }

    [Theory]
    [InlineData("Thank you for watching.")]
    [InlineData("תודה שצפיתם")]
    [InlineData("כתוביות על ידי")]
    [InlineData("you")]
    [InlineData("[מוזיקה]")]
    [InlineData("אממ")]
    [InlineData("גגגגגגגג ללללל")]
    [InlineData("")]
    public async Task A_transcript_that_is_not_speech_gets_no_answer_no_turn_and_is_not_reported(string hallucination)
    {
        var call = new CallDriver();
        await call.StartAsync();
        await call.PlayedAsync(CallDriver.Greeting);
        call.Call.ClearOrders();

        var item = await call.CallerSaysAsync(hallucination);

        call.Call.Responses.Should().BeEmpty();
        if (hallucination.Length > 0)
        {
            call.Call.Orders.Should().Equal(new Discarded(item));
        }

        call.Machine.CallerHasSpoken.Should().BeFalse();
        call.Machine.Turns.Should().Be(0);
    }

    [Fact]
    public async Task Short_answers_and_numbers_are_kept()
    {
        var call = new CallDriver();
        await call.StartAsync();
        await call.PlayedAsync(CallDriver.Greeting);
        foreach (var text in new[] { "כן", "לא", "שלוש", "050-1234567" })
        {
            call.Call.ClearOrders();
            await call.CallerSaysAsync(text, new CallerAudio(TimeSpan.FromMilliseconds(400), 1800, true));
            call.Call.Orders.Should().Equal([new Responded(null)], text);
            call.Call.IsAssistantSpeaking = false;
            call.Advance(3000);
        }
    }

    [Fact]
    public async Task A_turn_the_gate_never_opened_on_is_set_aside_and_does_not_put_off_the_silence_warnings()
    {
        var call = new CallDriver();
        await call.StartAsync();
        await call.PlayedAsync(CallDriver.Greeting);
        call.Call.ClearOrders();

        await call.WaitAsync(5000);
        var item = await call.CallerSaysAsync("כן", CallDriver.Noise, speakMs: 900); // the transcriber's word out of line noise
        call.Call.Orders.Should().Equal(new Discarded(item));
        call.Machine.CallerHasSpoken.Should().BeFalse();

        await call.WaitAsync(2800); // 8 s after the greeting ended (at 1.5 s)
        call.Call.SaidTexts.Should().Equal([Lines.SilenceWarning(1)], "8 s of silence since the greeting, the noise notwithstanding");
    }

    [Fact]
    public async Task A_barge_in_by_noise_lets_the_assistant_go_on_where_it_was_cut_off()
    {
        var call = new CallDriver();
        await call.StartAsync();
        await call.PlayedAsync(CallDriver.Greeting);
        await call.CallerSaysAsync("אני רוצה לקבוע תור");
        call.Call.ClearOrders();

        // The assistant answers; its own echo cuts it off; the echo's transcript is set aside.
        var item = await call.CallerSaysAsync("Thank you.", new CallerAudio(TimeSpan.FromMilliseconds(700), 700, GateOpened: false), bargeIn: true);

        call.Call.Orders.Should().Equal(new Discarded(item), new Responded(ConversationLines.Hebrew.ResumeInstructions));
    }

    [Fact]
    public async Task A_turn_whose_transcript_does_not_come_is_answered_without_it_once()
    {
        var call = new CallDriver();
        await call.StartAsync();
        await call.PlayedAsync(CallDriver.Greeting);
        call.Call.ClearOrders();

        await call.SendAsync(new CallerSpeechStarted(call.Now, false, "item_x"));
        call.Advance(1000);
        await call.SendAsync(new CallerSpeechStopped(call.Now, "item_x", CallDriver.Speech));
        await call.WaitAsync(1500);
        call.Call.Responses.Should().BeEmpty("the transcript may still come");
        await call.WaitAsync(1000);
        call.Call.Orders.Should().Equal(new Responded(null));

        await call.SendAsync(new CallerTranscript(call.Now - 2500, "item_x", "אני צריך תור", CallDriver.Speech));
        call.Call.Orders.Should().Equal([new Responded(null)], "the late transcript counts, but is not answered twice");
        call.Machine.CallerHasSpoken.Should().BeTrue();
    }

    [Fact]
    public async Task An_english_caller_who_asks_for_english_is_heard_in_english_from_then_on()
    {
        var call = new CallDriver();
        await call.StartAsync();
        await call.PlayedAsync(CallDriver.Greeting);
        call.Call.ClearOrders();

        var before = await call.CallerSaysAsync("I would like an appointment");
        call.Call.Orders.Should().Equal([new Discarded(before)], "English in a Hebrew call is what transcribers invent");

        await call.CallerSaysAsync("Do you speak English?");
        await call.AssistantSaysAsync("Yes, of course. How can I help?");
        call.Call.ClearOrders();
        await call.CallerSaysAsync("I would like an appointment");
        call.Call.Orders.Should().Equal(new Responded(null));
    }

    // ---- Silence ---------------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_silent_caller_is_warned_twice_then_told_goodbye_and_the_line_closes_after_it_with_reason_silence()
    {
        var call = new CallDriver();
        await call.StartAsync();
        await call.PlayedAsync(CallDriver.Greeting);
        call.Call.ClearOrders();

        // The greeting ended at 1.5 s: silence counts from there, and not while a warning plays.
        await call.WaitAsync(7999);
        call.Call.SaidTexts.Should().BeEmpty();
        await call.WaitAsync(1001);
        call.Call.SaidTexts.Should().Equal(Lines.SilenceWarning(1));
        await call.PlayedAsync(Lines.SilenceWarning(1), speakMs: 2000);
        await call.WaitAsync(6000);
        call.Call.SaidTexts.Should().Equal(Lines.SilenceWarning(1), Lines.SilenceWarning(2));
        await call.PlayedAsync(Lines.SilenceWarning(2), speakMs: 2000);
        await call.WaitAsync(7000);
        call.Call.SaidTexts.Should().Equal(Lines.SilenceWarning(1), Lines.SilenceWarning(2), Lines.SilenceFarewell);
        call.Machine.Phase.Should().Be(CallPhase.Closing);

        (await call.Call.WaitForAsync<Ended>()).Should().Be(new Ended(MediaEndReasons.Silence, AfterPlayback: true));
        call.Call.Orders.OfType<Ended>().Should().ContainSingle();
    }

    [Fact]
    public async Task No_silence_is_counted_while_the_assistant_speaks_or_a_tool_is_being_answered()
    {
        var tools = new ScriptedToolAnswerer { Delay = TimeSpan.FromSeconds(30) };
        var call = new CallDriver(tools: tools);
        await call.StartAsync();
        call.Call.IsAssistantSpeaking = true;
        await call.WaitAsync(20_000);
        call.Call.SaidTexts.Should().Equal(CallDriver.Greeting);

        await call.PlayedAsync(CallDriver.Greeting);
        await call.SendAsync(new ToolCalled(call.Now, "call_1", "check_availability", "{}"));
        await call.WaitAsync(20_000);
        call.Call.SaidTexts.Should().Equal([CallDriver.Greeting], "the caller waits for the answer, not in silence");
    }

    [Fact]
    public async Task A_caller_who_answers_a_warning_is_answered_and_the_warnings_start_over()
    {
        var call = new CallDriver();
        await call.StartAsync();
        await call.PlayedAsync(CallDriver.Greeting);
        await call.WaitAsync(9000);
        await call.PlayedAsync(Lines.SilenceWarning(1));
        call.Call.ClearOrders();

        await call.CallerSaysAsync("כן, אני פה");
        call.Call.Orders.Should().Equal(new Responded(null));
        await call.AssistantSaysAsync("מצוין. במה אפשר לעזור?");
        await call.WaitAsync(7500);
        call.Call.SaidTexts.Should().BeEmpty();
        await call.WaitAsync(1000);
        call.Call.SaidTexts.Should().Equal([Lines.SilenceWarning(1)], "the count starts afresh and forgets the warning given");
    }

    [Fact]
    public async Task The_call_ends_at_its_longest_length_after_a_farewell()
    {
        var call = new CallDriver(CallDriver.NewConfig(maxCallSeconds: 30, silence: new CallSilence(60, 120, 2)));
        await call.StartAsync();
        await call.PlayedAsync(CallDriver.Greeting);
        string[] answers = ["יש לנו תספורת גברים ונשים.", "המחיר מתחיל במאה שקלים.", "אנחנו ברחוב הרצל שתים עשרה.", "יש חניה ברחוב.", "אפשר לשלם באשראי."];
        foreach (var answer in answers)
        {
            await call.CallerSaysAsync("ועוד שאלה");
            await call.AssistantSaysAsync(answer);
        }

        await call.WaitAsync(30_000 - (int)call.Now + 500);
        call.Call.SaidTexts.Should().EndWith(Lines.MaxDurationFarewell);
        (await call.Call.WaitForAsync<Ended>()).Should().Be(new Ended(MediaEndReasons.MaxDuration, true));
    }

    // ---- Hang-up policy --------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_caller_goodbye_answered_by_the_assistant_closes_the_line_after_its_words()
    {
        var call = new CallDriver();
        await call.StartAsync();
        await call.PlayedAsync(CallDriver.Greeting);
        await call.CallerSaysAsync("מה שעות הפתיחה?");
        await call.AssistantSaysAsync("אנחנו פתוחים עד שש בערב.");
        await call.CallerSaysAsync("תודה רבה, ביי");
        call.Call.Orders.OfType<Ended>().Should().BeEmpty("the assistant answers the goodbye first");
        call.Call.Responses.Should().HaveCount(2);

        await call.AssistantSaysAsync("תודה לך, להתראות!");

        call.Call.Orders.OfType<Ended>().Should().Equal(new Ended(MediaEndReasons.UserGoodbye, true));
        call.Call.SaidTexts.Should().Equal([CallDriver.Greeting], "the assistant's own goodbye was the last word");
    }

    [Fact]
    public async Task A_caller_goodbye_the_model_leaves_unanswered_gets_a_farewell_then_the_line_closes()
    {
        var call = new CallDriver();
        await call.StartAsync();
        await call.PlayedAsync(CallDriver.Greeting);
        await call.CallerSaysAsync("מה שעות הפתיחה?");
        await call.AssistantSaysAsync("עד שש.");
        await call.CallerSaysAsync("אוקיי תודה, להתראות");
        call.Call.IsAssistantSpeaking = false; // the model said nothing

        await call.WaitAsync(6000);

        call.Call.SaidTexts.Should().EndWith(Lines.GoodbyeFarewell);
        (await call.Call.WaitForAsync<Ended>()).Should().Be(new Ended(MediaEndReasons.UserGoodbye, true));
    }

    [Fact]
    public async Task Details_read_back_and_confirmed_with_the_lead_captured_end_the_call_with_a_farewell()
    {
        var tools = new ScriptedToolAnswerer { Outcome = new CallToolOutcome(true, LeadCaptured: true) };
        var call = new CallDriver(tools: tools);
        await call.StartAsync();
        await call.PlayedAsync(CallDriver.Greeting);
        await call.CallerSaysAsync("קוראים לי דנה כהן והטלפון 0501234567");
        await call.SendAsync(new ToolCalled(call.Now, "call_1", "save_lead_fields", """{"name":"דנה כהן"}"""));
        await tools.AnsweredAsync(1);
        await call.Call.WaitForAsync<ToolResultSent>();
        await WaitUntilAsync(() => call.Machine.LeadCaptured);

        await call.AssistantSaysAsync("רשמתי: דנה כהן, 050-1234567. נכון?");
        call.Call.Orders.OfType<Ended>().Should().BeEmpty();
        await call.CallerSaysAsync("כן, נכון");

        call.Machine.DetailsConfirmed.Should().BeTrue();
        call.Machine.Phase.Should().Be(CallPhase.Closing);
        call.Call.SaidTexts.Should().EndWith(Lines.LeadCapturedFarewell);
        (await call.Call.WaitForAsync<Ended>()).Should().Be(new Ended(MediaEndReasons.AssistantEnded, true));
    }

    [Fact]
    public async Task A_yes_to_a_question_that_is_no_read_back_confirms_nothing()
    {
        var tools = new ScriptedToolAnswerer { Outcome = new CallToolOutcome(true, LeadCaptured: true) };
        var call = new CallDriver(tools: tools);
        await call.StartAsync();
        await call.PlayedAsync(CallDriver.Greeting);
        await call.CallerSaysAsync("דנה כהן");
        await call.SendAsync(new ToolCalled(call.Now, "call_1", "save_lead_fields", "{}"));
        await WaitUntilAsync(() => call.Machine.LeadCaptured);

        await call.AssistantSaysAsync("רוצים לקבוע גם תור?");
        await call.CallerSaysAsync("כן");

        call.Machine.DetailsConfirmed.Should().BeFalse();
        call.Machine.Phase.Should().Be(CallPhase.Active);
    }

    [Fact]
    public async Task A_caller_who_confirmed_the_details_and_got_the_assistants_goodbye_is_hung_up_on_politely()
    {
        var call = new CallDriver(CallDriver.NewConfig(autoEndOnLeadCaptured: false));
        await call.StartAsync();
        await call.PlayedAsync(CallDriver.Greeting);
        await call.CallerSaysAsync("אני רוצה שיחזרו אליי");
        await call.AssistantSaysAsync("בשמחה. השם דנה והטלפון 0501234567, נכון?");
        await call.CallerSaysAsync("נכון מאוד");
        call.Call.Orders.OfType<Ended>().Should().BeEmpty();

        await call.AssistantSaysAsync("מעולה, נחזור אליכם בהקדם. יום טוב ולהתראות!");

        call.Call.Orders.OfType<Ended>().Should().Equal(new Ended(MediaEndReasons.AssistantEnded, true));
    }

    // ---- Tools -----------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Without_the_calls_tools_a_tool_call_is_answered_as_unavailable_and_the_model_goes_on()
    {
        var call = new CallDriver();
        await call.StartAsync();
        await call.SendAsync(new ToolCalled(call.Now, "call_1", "book_appointment", "{}"));

        var result = await call.Call.WaitForAsync<ToolResultSent>();
        result.ToolCallId.Should().Be("call_1");
        result.Respond.Should().BeTrue();
        result.OutputJson.Should().Contain("\"ok\":false");
    }

    [Fact]
    public async Task The_models_end_of_call_before_any_conversation_is_refused_and_the_model_told_to_go_on()
    {
        var tools = new ScriptedToolAnswerer { Outcome = new CallToolOutcome(true, EndCall: MediaEndReasons.AssistantEnded) };
        var call = new CallDriver(tools: tools);
        await call.StartAsync();
        await call.PlayedAsync(CallDriver.Greeting);
        call.Call.ClearOrders();

        await call.SendAsync(new ToolCalled(call.Now, "call_1", "end_call", "{}"));

        (await call.Call.WaitForAsync<Responded>()).Instructions.Should().Be(ConversationLines.Hebrew.HangupRefusedInstructions);
        call.Call.Orders.OfType<Ended>().Should().BeEmpty();
        call.Machine.Phase.Should().Be(CallPhase.Active);
    }

    [Fact]
    public async Task The_models_end_of_call_after_a_conversation_closes_the_line_after_its_farewell()
    {
        var tools = new ScriptedToolAnswerer
        {
            Outcome = new CallToolOutcome(true, EndCall: MediaEndReasons.AssistantEnded, Farewell: "תודה ולהתראות."),
        };
        var call = new CallDriver(tools: tools);
        await call.StartAsync();
        await call.PlayedAsync(CallDriver.Greeting);
        for (var i = 0; i < 2; i++)
        {
            await call.CallerSaysAsync("ועוד שאלה");
            await call.AssistantSaysAsync("בוודאי, מה השאלה?");
        }

        await call.SendAsync(new ToolCalled(call.Now, "call_1", "end_call", "{}"));

        (await call.Call.WaitForAsync<Ended>()).Should().Be(new Ended(MediaEndReasons.AssistantEnded, true));
        call.Call.SaidTexts.Should().EndWith("תודה ולהתראות.");
    }

    [Fact]
    public async Task The_models_end_of_call_while_it_says_goodbye_closes_the_line_after_those_words_without_another_farewell()
    {
        var tools = new ScriptedToolAnswerer
        {
            Outcome = new CallToolOutcome(true, EndCall: MediaEndReasons.UserGoodbye, Farewell: "תודה ולהתראות."),
        };
        var call = new CallDriver(tools: tools);
        await call.StartAsync();
        await call.PlayedAsync(CallDriver.Greeting);
        for (var i = 0; i < 2; i++)
        {
            await call.CallerSaysAsync("ועוד שאלה");
            await call.AssistantSaysAsync("בוודאי, מה השאלה?");
        }

        call.Call.IsAssistantSpeaking = true; // "להתראות!" is playing
        await call.SendAsync(new ToolCalled(call.Now, "call_1", "end_call", "{}"));

        (await call.Call.WaitForAsync<Ended>()).Should().Be(new Ended(MediaEndReasons.UserGoodbye, true));
        call.Call.SaidTexts.Should().NotContain("תודה ולהתראות.");
    }

    [Fact]
    public async Task A_transfer_to_a_person_is_always_honoured_with_its_farewell()
    {
        var tools = new ScriptedToolAnswerer { Outcome = new CallToolOutcome(true, EndCall: MediaEndReasons.TransferredToHuman) };
        var call = new CallDriver(tools: tools);
        await call.StartAsync();
        await call.PlayedAsync(CallDriver.Greeting);
        await call.SendAsync(new ToolCalled(call.Now, "call_1", "request_human", "{}"));

        (await call.Call.WaitForAsync<Ended>()).Should().Be(new Ended(MediaEndReasons.TransferredToHuman, true));
        call.Call.SaidTexts.Should().EndWith(Lines.TransferFarewell);
    }

    [Fact]
    public async Task A_claim_no_tool_confirmed_is_corrected_at_once_in_words_and_in_the_instructions()
    {
        var tools = new ScriptedToolAnswerer { Claims = text => text.Contains("קבעתי") ? [ClaimedEffect.Booking] : [] };
        var call = new CallDriver(tools: tools);
        await call.StartAsync();
        await call.PlayedAsync(CallDriver.Greeting);
        await call.CallerSaysAsync("אני רוצה תור למחר בעשר");
        call.Call.ClearOrders();

        await call.AssistantSaysAsync("מעולה, קבעתי לכם תור למחר בעשר.");

        call.Call.Orders.Should().HaveCount(2);
        call.Call.Orders[0].Should().BeOfType<InstructionsUpdated>().Which.Instructions.Should()
            .StartWith(call.Config.Instructions).And.Contain(ConversationLines.Hebrew.ClaimRule);
        call.Call.Orders[1].Should().Be(new Said(ConversationLines.Hebrew.BookingCorrection));

        await call.PlayedAsync(ConversationLines.Hebrew.BookingCorrection);
        call.Call.Orders.Should().HaveCount(2, "the correction is the behaviour's own line, not a claim to check again");
    }

    // ---- Loops -----------------------------------------------------------------------------------------------------

    [Fact]
    public async Task An_assistant_asking_the_same_thing_again_changes_tack_and_the_third_time_offers_a_callback()
    {
        var call = new CallDriver();
        await call.StartAsync();
        await call.PlayedAsync(CallDriver.Greeting);
        await call.CallerSaysAsync("אני רוצה לקבוע");
        await call.AssistantSaysAsync("בשמחה. לאיזה יום אתם רוצים לקבוע את התור?");
        await call.CallerSaysAsync("לא יודע בדיוק");
        call.Call.ClearOrders();

        await call.AssistantSaysAsync("הבנתי. לאיזה יום אתם רוצים לקבוע את התור?");
        call.Call.Orders.Should().ContainSingle().Which.Should().BeOfType<InstructionsUpdated>()
            .Which.Instructions.Should().Contain(ConversationLines.Hebrew.ChangeTackRule);

        await call.CallerSaysAsync("אממ משהו בשבוע");
        call.Call.ClearOrders();
        await call.AssistantSaysAsync("בסדר. ולאיזה יום אתם רוצים לקבוע את התור?");

        call.Call.Orders.Should().HaveCount(2);
        call.Call.Orders[0].Should().BeOfType<InstructionsUpdated>().Which.Instructions.Should().Contain(ConversationLines.Hebrew.EscalateRule);
        call.Call.Orders[1].Should().Be(new Said(ConversationLines.Hebrew.CallbackOffer));
    }

    [Fact]
    public async Task The_behaviours_own_lines_said_again_are_no_loop_even_when_the_model_words_them_a_little_differently()
    {
        var call = new CallDriver();
        await call.StartAsync();
        await call.PlayedAsync(CallDriver.Greeting);
        for (var round = 0; round < 3; round++)
        {
            await call.WaitAsync(9000);
            call.Call.SaidTexts.Should().EndWith(Lines.SilenceWarning(1));
            await call.PlayedAsync(round switch { 0 => "הלו? אתם עדיין איתי?", 1 => "הלו הלו, אתם עדיין איתי?", _ => "אתם עדיין איתי? הלו?" });
            await call.CallerSaysAsync("כן, סליחה, רגע");
            await call.AssistantSaysAsync(round switch { 0 => "בסדר גמור.", 1 => "אין בעיה, אני מחכה.", _ => "קחו את הזמן." });
        }

        call.Call.Orders.OfType<InstructionsUpdated>().Should().BeEmpty();
    }

    // ---- Keys ------------------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_phone_number_keyed_after_the_assistant_asks_for_it_is_reported_and_read_back_by_the_model()
    {
        var call = new CallDriver();
        await call.StartAsync();
        await call.PlayedAsync(CallDriver.Greeting);
        await call.CallerSaysAsync("אני רוצה שיחזרו אליי");
        await call.AssistantSaysAsync("בשמחה. מה מספר הטלפון שלכם? אפשר גם להקיש אותו.");
        call.Machine.NumberEntry.Should().NotBeNull();
        call.Call.ClearOrders();

        foreach (var key in "0501234567")
        {
            await call.KeyAsync(key);
        }

        call.Call.Orders.Should().HaveCount(2);
        var fields = call.Call.Orders[0].Should().BeOfType<Reported>().Which.Command.Should().BeOfType<FieldsCollectedCommand>().Subject;
        fields.Fields.Should().Equal(new Dictionary<string, string> { ["phone"] = "+972501234567" });
        call.Call.Orders[1].Should().BeOfType<Responded>().Which.Instructions.Should().Contain("0 5 0 1 2 3 4 5 6 7");
        call.Machine.NumberEntry.Should().BeNull();
    }

    [Fact]
    public async Task A_phone_number_said_aloud_is_reported_and_the_model_answers_as_usual()
    {
        var call = new CallDriver(CallDriver.NewConfig(leadFields: [new CallLeadField("mobile", "נייד", "phone", true)]));
        await call.StartAsync();
        await call.PlayedAsync(CallDriver.Greeting);
        await call.CallerSaysAsync("אני רוצה שיחזרו אליי");
        await call.AssistantSaysAsync("לאיזה מספר לחזור אליכם?");
        call.Call.ClearOrders();

        await call.CallerSaysAsync("אפס חמש שתיים, שלוש ארבע חמש, שישים ושבע שמונים ותשע",
            new CallerAudio(TimeSpan.FromSeconds(4), 2200, true), speakMs: 4000);

        call.Call.Orders.Should().HaveCount(2);
        call.Call.Orders[0].Should().BeOfType<Reported>().Which.Command.Should().BeOfType<FieldsCollectedCommand>()
            .Which.Fields.Should().Equal(new Dictionary<string, string> { ["mobile"] = "+972523456789" });
        call.Call.Orders[1].Should().Be(new Responded(null));

        call.Call.IsAssistantSpeaking = false;
        await call.KeyAsync('5');
        call.Call.Orders.Should().HaveCount(2, "the number is taken and reported once; a later digit starts a new entry, which waits");
        call.Machine.NumberEntry.Should().NotBeNull();
    }

    [Fact]
    public async Task A_keyed_number_that_is_not_a_phone_number_is_refused_out_loud()
    {
        var call = new CallDriver();
        await call.StartAsync();
        await call.PlayedAsync(CallDriver.Greeting);
        await call.AssistantSaysAsync("מה מספר הטלפון שלכם?");
        call.Call.ClearOrders();

        foreach (var key in "1234#")
        {
            await call.KeyAsync(key);
        }

        call.Call.SaidTexts.Should().Equal(Lines.NumberInvalid);
        call.Call.Orders.OfType<Reported>().Should().BeEmpty();
    }

    [Fact]
    public async Task Digits_keyed_unasked_with_no_menu_are_taken_as_a_phone_number()
    {
        var call = new CallDriver();
        await call.StartAsync();
        await call.PlayedAsync(CallDriver.Greeting);
        call.Call.ClearOrders();

        foreach (var key in "039876543")
        {
            await call.KeyAsync(key);
        }

        call.Call.Orders.OfType<Reported>().Should().ContainSingle().Which.Command.Should().BeOfType<FieldsCollectedCommand>()
            .Which.Fields["phone"].Should().Be("+97239876543");
    }

    [Fact]
    public async Task The_keypad_menu_is_announced_after_the_greeting_and_its_keys_act()
    {
        var menu = KeypadMenu.Suggested;
        var call = new CallDriver(keypad: menu);
        await call.StartAsync();
        call.Call.SaidTexts.Should().Equal(CallDriver.Greeting);
        await call.PlayedAsync(CallDriver.Greeting);
        await call.WaitAsync(1000);
        call.Call.SaidTexts.Should().Equal(CallDriver.Greeting, menu.SpokenText);
        await call.PlayedAsync(menu.SpokenText);
        call.Call.ClearOrders();

        await call.KeyAsync('1');
        call.Call.Orders.Should().ContainSingle().Which.Should().BeOfType<Responded>().Which.Instructions.Should()
            .Contain(menu.Find('1')!.SpokenLabel);
        call.Call.IsAssistantSpeaking = false;
        call.Advance(4000);

        call.Call.ClearOrders();
        await call.KeyAsync('9');
        call.Call.Orders.Should().Equal(new Said(menu.SpokenText));
        call.Call.IsAssistantSpeaking = false;
        call.Advance(4000);

        call.Call.ClearOrders();
        await call.KeyAsync('0');
        call.Call.Orders.Should().ContainSingle().Which.Should().BeOfType<Responded>().Which.Instructions.Should()
            .Contain(menu.Find('0')!.SpokenLabel);
    }

    // ---- FAQ -------------------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_question_the_faq_answers_is_answered_with_its_words_at_once()
    {
        var faq = new ScriptedFaq(text => text.Contains("שעות") ? new CallFaqAnswer("אנחנו פתוחים מראשון עד חמישי, תשע עד שש.", 1, "keyword") : null);
        var call = new CallDriver(faq: faq);
        await call.StartAsync();
        await call.PlayedAsync(CallDriver.Greeting);
        call.Call.ClearOrders();

        await call.CallerSaysAsync("מה שעות הפתיחה שלכם?");
        call.Call.Orders.Should().Equal(new Said("אנחנו פתוחים מראשון עד חמישי, תשע עד שש."));
        await call.PlayedAsync("אנחנו פתוחים מראשון עד חמישי, תשע עד שש.");

        await call.CallerSaysAsync("ומה המחיר של תספורת?");
        call.Call.Orders.Should().EndWith(new Responded(null));
        faq.Asked.Should().Equal("מה שעות הפתיחה שלכם?", "ומה המחיר של תספורת?");
    }

    // ---- Orders and the end ----------------------------------------------------------------------------------------

    [Fact]
    public async Task What_the_assistant_is_to_say_waits_until_it_is_silent()
    {
        var tools = new ScriptedToolAnswerer { Claims = _ => [ClaimedEffect.SavedDetails] };
        var call = new CallDriver(tools: tools);
        await call.StartAsync();
        await call.PlayedAsync(CallDriver.Greeting);
        await call.CallerSaysAsync("דנה");
        call.Call.ClearOrders();

        await call.SendAsync(new ResponseFinished(call.Now, "r", "completed"));
        call.Call.IsAssistantSpeaking = true; // still playing the next part
        await call.SendAsync(new AssistantTranscript(call.Now, "a1", "שמרתי את השם.", false));
        call.Call.SaidTexts.Should().BeEmpty();

        call.Call.IsAssistantSpeaking = false;
        await call.WaitAsync(1000);
        call.Call.SaidTexts.Should().Equal(ConversationLines.Hebrew.SavedCorrection);
    }

    [Fact]
    public async Task After_the_stream_stopped_nothing_more_is_ordered()
    {
        var call = new CallDriver();
        await call.StartAsync();
        await call.PlayedAsync(CallDriver.Greeting);
        await call.StopAsync();
        call.Call.ClearOrders();

        await call.CallerSaysAsync("הלו?");
        await call.WaitAsync(30_000);

        call.Call.Orders.Where(o => o is not Discarded).Should().BeEmpty();
        call.Machine.Phase.Should().Be(CallPhase.Ended);
        call.Machine.EndReason.Should().Be(CallEndReason.CallerHungUp);
    }

    [Fact]
    public async Task A_reopened_ai_session_answers_the_turn_left_unanswered()
    {
        var call = new CallDriver();
        await call.StartAsync();
        await call.PlayedAsync(CallDriver.Greeting);
        await call.CallerSaysAsync("אני רוצה תור");
        call.Call.IsAssistantSpeaking = false; // the session was lost before the answer
        call.Call.ClearOrders();

        await call.SendAsync(new AiSessionReopened(call.Now, 1));

        call.Call.Orders.Should().Equal(new Responded(null));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition was not met.");
            }

            await Task.Delay(5);
        }
    }
}

/// <summary>A tool answerer with a scripted outcome and claims, counting what it answered.</summary>
public sealed class ScriptedToolAnswerer : ICallToolAnswerer
{
    private int _answered;

    public CallToolOutcome Outcome { get; init; } = new(true);

    public TimeSpan Delay { get; init; }

    public Func<string, IReadOnlyList<ClaimedEffect>> Claims { get; init; } = _ => [];

    public async ValueTask<CallToolOutcome> AnswerAsync(ToolCalled tool, ICallHandle call, CancellationToken cancellationToken)
    {
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }

        await call.SendToolResultAsync(tool.ToolCallId, """{"ok":true}""", respond: Outcome.EndCall is null, cancellationToken);
        Interlocked.Increment(ref _answered);
        return Outcome;
    }

    public IReadOnlyList<ClaimedEffect> UnbackedClaims(string assistantText) => Claims(assistantText);

    public async Task AnsweredAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (Volatile.Read(ref _answered) < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The tool call was not answered.");
            }

            await Task.Delay(5);
        }
    }
}

public sealed class ScriptedFaq(Func<string, CallFaqAnswer?> find) : ICallFaq
{
    private readonly List<string> _asked = [];

    public IReadOnlyList<string> Asked => _asked;

    public CallFaqAnswer? Find(string callerText)
    {
        _asked.Add(callerText);
        return find(callerText);
    }
}
