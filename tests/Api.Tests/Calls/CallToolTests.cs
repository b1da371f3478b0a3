using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Api.Tests.Tenancy;
using ProSaaS.Domain.Users;
using ProSaaS.Hosting.Calls;

namespace ProSaaS.Api.Tests.Calls;

/// <summary>
/// The functions a call's AI calls, through the media host's internal route: each checked by the Api before anything is
/// changed, answered once per tool call id, and answered with exactly what was confirmed. Each test takes a business of its
/// own (its own calendar, leads and call slots).
/// </summary>
public sealed class CallToolTests(CallsFixture fx) : IClassFixture<CallsFixture>
{
    private static readonly TimeZoneInfo Israel = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jerusalem");

    /// <summary>A live inbound call to a business of its own, from a number of its own (or the one given).</summary>
    private async Task<(Guid Tenant, Guid CallId, string From)> NewCallAsync(string? from = null)
    {
        var (tenant, number) = await fx.NewBusinessAsync();
        from ??= Callers.UniqueMobile();
        var call = await fx.Api.CallAsync(number, from: from);
        call.Connected.Should().BeTrue();
        return (tenant, call.CallId, from);
    }

    private static Task<HttpResponseMessage> PostToolAsync(HttpClient media, Guid tenant, Guid callId, string toolCallId, string name, object? arguments) =>
        media.PostAsJsonAsync(MediaHostContract.ToolsPath(tenant.ToString(), callId), new { toolCallId, name, arguments }, MediaHostContract.Json);

    private static async Task<CallToolAnswer> UseAsync(HttpClient media, Guid tenant, Guid callId, string toolCallId, string name, object? arguments)
    {
        var response = await PostToolAsync(media, tenant, callId, toolCallId, name, arguments);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        var answer = JsonSerializer.Deserialize<CallToolAnswer>(text, MediaHostContract.Json)!;
        answer.ToolCallId.Should().Be(toolCallId);
        return answer;
    }

    private async Task<IReadOnlyList<string>> EventsAsync(Guid callId) => await fx.EventTypesAsync(callId);

    private Task<long> CountAsync(string sql, params object[] parameters) => fx.Database.ScalarAsync<long>(sql, parameters);

    /// <summary>The next <paramref name="day"/> at least two days ahead, in Israel.</summary>
    private static DateOnly Next(DayOfWeek day)
    {
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Israel).DateTime).AddDays(2);
        while (date.DayOfWeek != day)
        {
            date = date.AddDays(1);
        }

        return date;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Error(CallToolAnswer answer) => answer.Output.GetProperty("error").GetString()!;

    // --- the configuration ---

    [Fact]
    public async Task The_calls_configuration_gives_the_ai_the_five_tools_with_the_businesss_fields_to_save()
    {
        var (tenant, callId, _) = await NewCallAsync();
        using var media = fx.MediaHostClient();

        var config = await media.ConfigAsync(tenant, callId);

        config.Tools.Select(t => t.Name).Should().Equal("save_lead_fields", "check_availability", "book_appointment", "request_human", "end_call");
        var save = config.Tools[0];
        save.Description.Should().Contain("שומר");
        save.Parameters.GetProperty("properties").EnumerateObject().Select(p => p.Name).Should()
            .Equal("name", "phone", "city", "property_type", "budget", "rooms", "details");
        save.Parameters.GetProperty("properties").GetProperty("property_type").GetProperty("enum").GetArrayLength().Should().Be(7);
    }

    // --- save_lead_fields ---

    [Fact]
    public async Task Saving_details_on_an_inbound_call_captures_the_caller_as_a_lead_and_links_the_call()
    {
        var (tenant, callId, from) = await NewCallAsync();
        using var media = fx.MediaHostClient();

        var answer = await UseAsync(media, tenant, callId, "call_save_1", "save_lead_fields",
            new { name = "דנה כהן", phone = "052-987-6543", city = "חיפה", budget = "2,500,000 ₪", rooms = 4 });

        answer.Ok.Should().BeTrue();
        answer.Spoken.Should().StartWith("שמרתי");
        answer.Effects.FieldsSaved.Should().Equal("name", "phone", "city", "budget", "rooms");
        var leadId = answer.Effects.LeadId!.Value;
        answer.Output.GetProperty("created").GetBoolean().Should().BeTrue();
        answer.Output.GetProperty("saved").GetProperty("phone").GetString().Should().Be("+972529876543");
        answer.Output.GetProperty("saved").GetProperty("budget").GetString().Should().Be("2500000");
        (await fx.Database.ScalarAsync<string>("select name || '|' || phone || '|' || source || '|' || (fields->>'city') || '|' || (fields->>'rooms') from leads where id = $1", leadId))
            .Should().Be("דנה כהן|+972529876543|call|חיפה|4");
        (await fx.Database.ScalarAsync<Guid>("select lead_id from calls where id = $1", callId)).Should().Be(leadId);
        (await EventsAsync(callId)).Should().Equal("call_started", "call_lead_linked", "call_fields_collected", "call_tool_applied");
        (await fx.Database.ScalarAsync<string>("select collected_fields->>'phone' from calls where id = $1", callId)).Should().Be("+972529876543");
        (await fx.Database.ScalarAsync<string>("select data->>'leadId' from mt_events where stream_id = $1 and type = 'call_tool_applied'", callId))
            .Should().Be(leadId.ToString(), "the lead's timeline finds the tool call");
        (await CountAsync("select count(*) from call_tool_calls where call_id = $1 and tool_call_id = 'call_save_1' and ok and applied", callId)).Should().Be(1);
        from.Should().NotBe("+972529876543");
    }

    [Fact]
    public async Task A_lead_needs_no_spoken_number_when_the_callers_number_is_known()
    {
        var (tenant, callId, from) = await NewCallAsync();
        using var media = fx.MediaHostClient();

        var answer = await UseAsync(media, tenant, callId, "call_name_only", "save_lead_fields", new { name = "יוסי" });

        answer.Ok.Should().BeTrue();
        answer.Effects.FieldsSaved.Should().Equal("name");
        answer.Output.GetProperty("phoneFromCallerId").GetBoolean().Should().BeTrue();
        (await fx.Database.ScalarAsync<string>("select phone from leads where id = $1", answer.Effects.LeadId!.Value)).Should().Be(from);
    }

    [Fact]
    public async Task A_caller_the_business_knows_by_phone_is_linked_to_that_lead_not_captured_again()
    {
        var (tenant, callId, from) = await NewCallAsync();
        var admin = await fx.SystemAdminInAsync(tenant);
        var existing = (await TenancyFixture.ReadAsync(await admin.PostAsJsonAsync("/api/v1/leads", new { name = "רונית לוי", phone = from }), "create a lead"))
            .GetProperty("id").GetGuid();
        using var media = fx.MediaHostClient();

        var answer = await UseAsync(media, tenant, callId, "call_known", "save_lead_fields", new { name = "רונית", city = "נתניה" });

        answer.Ok.Should().BeTrue();
        answer.Effects.LeadId.Should().Be(existing);
        answer.Effects.FieldsSaved.Should().Equal("city");
        answer.Output.GetProperty("unchanged").TryGetProperty("name", out _).Should().BeTrue("the lead keeps its name, as the CRM merges");
        (await CountAsync("select count(*) from leads where tenant_id = $1", tenant.ToString())).Should().Be(1);
        (await fx.Database.ScalarAsync<string>("select name || '|' || (fields->>'city') from leads where id = $1", existing)).Should().Be("רונית לוי|נתניה");
        (await fx.Database.ScalarAsync<Guid>("select lead_id from calls where id = $1", callId)).Should().Be(existing);
        (await fx.Database.ScalarAsync<string>("select type from mt_events where stream_id = $1 order by version desc limit 1", existing))
            .Should().Be("lead_capture_merged");
    }

    [Fact]
    public async Task Later_details_change_the_calls_lead()
    {
        var (tenant, callId, _) = await NewCallAsync();
        using var media = fx.MediaHostClient();
        var first = await UseAsync(media, tenant, callId, "call_a", "save_lead_fields", new { name = "משה", rooms = 3 });

        var second = await UseAsync(media, tenant, callId, "call_b", "save_lead_fields", new { name = "משה פרץ", rooms = "5", property_type = "דירת גן" });

        second.Ok.Should().BeTrue();
        second.Effects.LeadId.Should().Be(first.Effects.LeadId!.Value);
        second.Output.GetProperty("created").GetBoolean().Should().BeFalse();
        (await fx.Database.ScalarAsync<string>("select name || '|' || (fields->>'rooms') || '|' || (fields->>'property_type') from leads where id = $1", first.Effects.LeadId!.Value))
            .Should().Be("משה פרץ|5|דירת גן");
        (await CountAsync("select count(*) from leads where tenant_id = $1", tenant.ToString())).Should().Be(1);
    }

    public static TheoryData<string, string, string> BadDetails => new()
    {
        { "a key the business does not collect", """{"name":"דנה","favourite_colour":"כחול"}""", "unknown_field" },
        { "an empty value", """{"name":"דנה","city":"  "}""", "empty_value" },
        { "a phone number that is not one", """{"name":"דנה","phone":"12345"}""", "invalid_value" },
        { "a word where a number goes", """{"name":"דנה","budget":"הרבה"}""", "invalid_value" },
        { "an option the business does not offer", """{"name":"דנה","property_type":"טירה"}""", "invalid_value" },
        { "a list where text goes", """{"name":"דנה","city":["חיפה"]}""", "invalid_arguments" },
        { "nothing at all", """{}""", "nothing_to_save" },
        { "arguments that are not an object", """[1,2]""", "invalid_arguments" },
    };

    [Theory]
    [MemberData(nameof(BadDetails))]
    public async Task Bad_details_are_refused_with_a_spoken_friendly_answer_and_nothing_is_saved(string what, string arguments, string error)
    {
        var (tenant, callId, _) = await NewCallAsync();
        using var media = fx.MediaHostClient();

        var answer = await UseAsync(media, tenant, callId, "call_bad", "save_lead_fields", JsonDocument.Parse(arguments).RootElement);

        answer.Ok.Should().BeFalse(what);
        Error(answer).Should().Be(error, what);
        answer.Spoken.Should().MatchRegex("[א-ת]", "the caller hears Hebrew");
        answer.Effects.Should().BeEquivalentTo(CallToolEffects.None);
        (await CountAsync("select count(*) from leads where tenant_id = $1", tenant.ToString())).Should().Be(0, what);
        (await EventsAsync(callId)).Should().Equal(["call_started"], what);
        (await CountAsync("select count(*) from call_tool_calls where call_id = $1 and not ok and not applied", callId)).Should().Be(1, "the refusal is the answer a retry gets");
    }

    [Fact]
    public async Task A_bad_phone_number_asks_the_caller_to_say_it_again_and_names_every_bad_field()
    {
        var (tenant, callId, _) = await NewCallAsync();
        using var media = fx.MediaHostClient();

        var answer = await UseAsync(media, tenant, callId, "call_bad_phone", "save_lead_fields", new { name = "דנה", phone = "050-12", rooms = "כמה" });

        Error(answer).Should().Be("invalid_value");
        answer.Spoken.Should().Contain("ספרה אחר ספרה");
        answer.Output.GetProperty("fields").EnumerateObject().Select(f => f.Name).Should().BeEquivalentTo("phone", "rooms");
        answer.Output.GetProperty("allowed").EnumerateArray().Select(k => k.GetString()).Should().Contain(["name", "phone", "city"]);
    }

    [Fact]
    public async Task A_new_lead_without_a_name_or_any_number_is_refused()
    {
        var (tenant, callId, _) = await NewCallAsync(from: "anonymous");
        using var media = fx.MediaHostClient();

        var answer = await UseAsync(media, tenant, callId, "call_city_only", "save_lead_fields", new { city = "אילת" });

        Error(answer).Should().Be("contact_required");
        (await CountAsync("select count(*) from leads where tenant_id = $1", tenant.ToString())).Should().Be(0);
    }

    [Fact]
    public async Task A_retry_gets_the_first_answer_and_saves_nothing_again_also_when_deliveries_race()
    {
        var (tenant, callId, _) = await NewCallAsync();
        using var media = fx.MediaHostClient();
        using var second = fx.MediaHostClient(fx.Second);
        var arguments = new { name = "אבי", city = "עכו" };

        var racing = await Task.WhenAll(
            UseAsync(media, tenant, callId, "call_twice", "save_lead_fields", arguments),
            UseAsync(second, tenant, callId, "call_twice", "save_lead_fields", arguments),
            UseAsync(media, tenant, callId, "call_twice", "save_lead_fields", arguments));
        var retried = await UseAsync(second, tenant, callId, "call_twice", "save_lead_fields", arguments);

        racing.Should().AllSatisfy(a => a.Ok.Should().BeTrue());
        racing.Select(a => a.Effects.LeadId).Distinct().Should().ContainSingle();
        foreach (var answer in racing.Append(retried))
        {
            answer.Spoken.Should().Be(racing[0].Spoken);
            answer.Effects.Should().BeEquivalentTo(racing[0].Effects);
            System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(answer.Output.GetRawText()),
                System.Text.Json.Nodes.JsonNode.Parse(racing[0].Output.GetRawText())).Should().BeTrue("every delivery gets the first answer");
        }

        (await CountAsync("select count(*) from leads where tenant_id = $1", tenant.ToString())).Should().Be(1);
        (await EventsAsync(callId)).Should().Equal("call_started", "call_lead_linked", "call_fields_collected", "call_tool_applied");
    }

    [Fact]
    public async Task A_tool_call_id_names_one_tool()
    {
        var (tenant, callId, _) = await NewCallAsync();
        using var media = fx.MediaHostClient();
        await UseAsync(media, tenant, callId, "call_once", "end_call", new { reason = "user_goodbye" });

        var reused = await PostToolAsync(media, tenant, callId, "call_once", "request_human", new { reason = "שאלה" });

        (await reused.ShouldBeProblemAsync(409)).GetProperty("code").GetString().Should().Be("call.tool_call_id_reused");
        (await CountAsync("select count(*) from tasks where tenant_id = $1", tenant.ToString())).Should().Be(0);
    }

    // --- check_availability ---

    [Fact]
    public async Task Free_slots_of_a_day_come_with_hebrew_labels_and_today()
    {
        var (tenant, callId, _) = await NewCallAsync();
        using var media = fx.MediaHostClient();
        var tuesday = Next(DayOfWeek.Tuesday);

        var answer = await UseAsync(media, tenant, callId, "call_free", "check_availability", new { date = Iso(tuesday), after_time = "14:00", max_results = 3 });

        answer.Ok.Should().BeTrue();
        var slots = answer.Output.GetProperty("slots").EnumerateArray().ToList();
        slots.Select(s => s.GetProperty("time").GetString()).Should().Equal("14:00", "14:30", "15:00");
        slots.Should().AllSatisfy(s => s.GetProperty("date").GetString().Should().Be(Iso(tuesday)));
        slots[0].GetProperty("label").GetString().Should().EndWith("14:00").And.MatchRegex("^(מחר|יום שלישי)");
        slots[0].GetProperty("start").GetString().Should().StartWith(Iso(tuesday) + "T14:00:00+0");
        answer.Output.GetProperty("more").GetBoolean().Should().BeTrue();
        answer.Output.GetProperty("today").GetString().Should().MatchRegex(@"^\d{4}-\d{2}-\d{2}$");
        answer.Output.GetProperty("timeZone").GetString().Should().Be("Asia/Jerusalem");
        answer.Spoken.Should().StartWith("יש מועדים פנויים").And.Contain("14:30");
        (await EventsAsync(callId)).Should().Equal("call_started");
    }

    [Fact]
    public async Task A_closed_day_has_no_slots_and_the_next_free_ones_are_offered()
    {
        var (tenant, callId, _) = await NewCallAsync();
        using var media = fx.MediaHostClient();
        var saturday = Next(DayOfWeek.Saturday);

        var answer = await UseAsync(media, tenant, callId, "call_saturday", "check_availability", new { date = Iso(saturday) });

        answer.Ok.Should().BeTrue();
        answer.Output.GetProperty("slots").GetArrayLength().Should().Be(0);
        var next = answer.Output.GetProperty("nextAvailable").EnumerateArray().ToList();
        next.Should().HaveCount(3);
        next[0].GetProperty("date").GetString().Should().Be(Iso(saturday.AddDays(1)));
        next[0].GetProperty("time").GetString().Should().Be("09:00");
        answer.Spoken.Should().StartWith("אין מועד פנוי").And.Contain("09:00");
    }

    [Theory]
    [InlineData("""{"date":"15/03/2027"}""", "date")]
    [InlineData("""{"date":"2027-03-15","until_date":"2027-05-01"}""", "until_date")]
    [InlineData("""{"after_time":"אחר הצהריים"}""", "after_time")]
    [InlineData("""{"max_results":50}""", "max_results")]
    [InlineData("""{"day":"tuesday"}""", "day")]
    public async Task Availability_arguments_the_tool_cannot_read_are_named(string arguments, string field)
    {
        var (tenant, callId, _) = await NewCallAsync();
        using var media = fx.MediaHostClient();

        var answer = await UseAsync(media, tenant, callId, "call_bad_range", "check_availability", JsonDocument.Parse(arguments).RootElement);

        Error(answer).Should().Be("invalid_arguments");
        answer.Output.GetProperty("fields").TryGetProperty(field, out _).Should().BeTrue(answer.Output.ToString());
    }

    // --- book_appointment ---

    [Fact]
    public async Task A_booking_needs_the_callers_details_saved_first()
    {
        var (tenant, callId, _) = await NewCallAsync();
        using var media = fx.MediaHostClient();

        var answer = await UseAsync(media, tenant, callId, "call_book_early", "book_appointment", new { date = Iso(Next(DayOfWeek.Monday)), time = "10:00" });

        Error(answer).Should().Be("lead_required");
        answer.Spoken.Should().Contain("השם ומספר הטלפון");
        (await CountAsync("select count(*) from appointments where tenant_id = $1", tenant.ToString())).Should().Be(0);
    }

    [Fact]
    public async Task A_booking_is_made_through_the_calendar_with_the_call_as_its_source_and_booked_once()
    {
        var (tenant, callId, _) = await NewCallAsync();
        using var media = fx.MediaHostClient();
        var lead = (await UseAsync(media, tenant, callId, "call_lead", "save_lead_fields", new { name = "שרה" })).Effects.LeadId!.Value;
        var monday = Next(DayOfWeek.Monday);

        var booked = await UseAsync(media, tenant, callId, "call_book", "book_appointment", new { date = Iso(monday), time = "10:00", notes = "דירה בחיפה" });
        var retried = await UseAsync(media, tenant, callId, "call_book", "book_appointment", new { date = Iso(monday), time = "10:00" });
        var again = await UseAsync(media, tenant, callId, "call_book_again", "book_appointment", new { date = Iso(monday), time = "10:00" });

        booked.Ok.Should().BeTrue();
        booked.Spoken.Should().StartWith("קבעתי לך פגישה ל").And.EndWith("10:00.");
        booked.Effects.LeadId.Should().Be(lead);
        var appointmentId = booked.Effects.AppointmentId!.Value;
        retried.Effects.AppointmentId.Should().Be(appointmentId);
        again.Ok.Should().BeTrue("the same lead at the same time is the booking made already");
        again.Effects.AppointmentId.Should().Be(appointmentId);
        again.Output.GetProperty("alreadyBooked").GetBoolean().Should().BeTrue();
        (await CountAsync("select count(*) from appointments where tenant_id = $1", tenant.ToString())).Should().Be(1);
        (await fx.Database.ScalarAsync<string>("select source || '|' || status || '|' || notes from appointments where id = $1", appointmentId))
            .Should().Be("call|booked|דירה בחיפה");
        var start = await fx.Database.ScalarAsync<DateTime>("select starts_at from appointments where id = $1", appointmentId);
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(start, DateTimeKind.Utc), Israel).Should().Be(monday.ToDateTime(new TimeOnly(10, 0)));
        (await EventsAsync(callId)).Count(t => t == "call_tool_applied").Should().Be(2, "the save and the booking; the repeats changed nothing");
    }

    [Fact]
    public async Task A_booking_outside_the_hours_is_refused_with_real_free_alternatives()
    {
        var (tenant, callId, _) = await NewCallAsync();
        using var media = fx.MediaHostClient();
        await UseAsync(media, tenant, callId, "call_lead", "save_lead_fields", new { name = "גיל" });
        var monday = Next(DayOfWeek.Monday);

        var answer = await UseAsync(media, tenant, callId, "call_late", "book_appointment", new { date = Iso(monday), time = "20:00" });

        answer.Ok.Should().BeFalse();
        Error(answer).Should().Be("slot_unavailable");
        answer.Output.GetProperty("reason").GetString().Should().Be("appointment.outside_hours");
        var alternatives = answer.Output.GetProperty("alternatives").EnumerateArray()
            .Select(a => (a.GetProperty("date").GetString(), a.GetProperty("time").GetString())).ToList();
        alternatives.Should().Equal((Iso(monday), "17:00"), (Iso(monday), "17:30"), (Iso(monday.AddDays(1)), "09:00"));
        answer.Spoken.Should().Contain("מחוץ לשעות הפעילות").And.Contain("17:30");
        (await CountAsync("select count(*) from appointments where tenant_id = $1", tenant.ToString())).Should().Be(0);

        // The alternatives are real: the first of them can be booked.
        var taken = await UseAsync(media, tenant, callId, "call_alternative", "book_appointment", new { date = alternatives[0].Item1, time = alternatives[0].Item2 });
        taken.Ok.Should().BeTrue();
    }

    [Fact]
    public async Task A_time_another_lead_holds_is_refused_as_taken_with_the_nearest_free_times()
    {
        var (tenant, callId, _) = await NewCallAsync();
        var admin = await fx.SystemAdminInAsync(tenant);
        var other = (await TenancyFixture.ReadAsync(await admin.PostAsJsonAsync("/api/v1/leads", new { name = "לקוח אחר", phone = Callers.UniqueMobile() }), "a lead"))
            .GetProperty("id").GetGuid();
        var wednesday = Next(DayOfWeek.Wednesday);
        var start = new DateTimeOffset(wednesday.ToDateTime(new TimeOnly(11, 0)), Israel.GetUtcOffset(wednesday.ToDateTime(new TimeOnly(11, 0))));
        await TenancyFixture.ReadAsync(await admin.PostAsJsonAsync("/api/v1/appointments",
            new { leadId = other, start = start.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) }), "book the time");
        using var media = fx.MediaHostClient();
        await UseAsync(media, tenant, callId, "call_lead", "save_lead_fields", new { name = "נועם" });

        var answer = await UseAsync(media, tenant, callId, "call_taken", "book_appointment", new { date = Iso(wednesday), time = "11:00" });

        Error(answer).Should().Be("slot_taken");
        answer.Spoken.Should().StartWith("המועד הזה כבר תפוס");
        answer.Output.GetProperty("alternatives").EnumerateArray().Select(a => a.GetProperty("time").GetString())
            .Should().Equal("10:00", "10:30", "11:30");
        (await CountAsync("select count(*) from appointments where tenant_id = $1", tenant.ToString())).Should().Be(1);
    }

    [Theory]
    [InlineData("""{"date":"next monday","time":"10:00"}""", "date")]
    [InlineData("""{"date":"2027-03-15","time":"10"}""", "time")]
    [InlineData("""{"time":"10:00"}""", "date")]
    public async Task Booking_arguments_the_tool_cannot_read_are_named(string arguments, string field)
    {
        var (tenant, callId, _) = await NewCallAsync();
        using var media = fx.MediaHostClient();

        var answer = await UseAsync(media, tenant, callId, "call_bad_booking", "book_appointment", JsonDocument.Parse(arguments).RootElement);

        Error(answer).Should().Be("invalid_arguments");
        answer.Output.GetProperty("fields").TryGetProperty(field, out _).Should().BeTrue(answer.Output.ToString());
    }

    // --- request_human ---

    [Fact]
    public async Task Asking_for_a_person_creates_one_callback_task_about_the_caller()
    {
        var (tenant, callId, from) = await NewCallAsync();
        using var media = fx.MediaHostClient();

        var answer = await UseAsync(media, tenant, callId, "call_human", "request_human", new { reason = "שאלה על משכנתא", preferred_time = "מחר בבוקר" });
        var again = await UseAsync(media, tenant, callId, "call_human_again", "request_human", new { reason = "עדיין רוצה נציג" });

        answer.Ok.Should().BeTrue();
        answer.Spoken.Should().Contain("נציג").And.Contain("מחר בבוקר");
        var taskId = answer.Effects.TaskId!.Value;
        var leadId = answer.Effects.LeadId!.Value;
        (await fx.Database.ScalarAsync<string>("select phone from leads where id = $1", leadId)).Should().Be(from, "the caller is captured by the number");
        (await fx.Database.ScalarAsync<string>("select status || '|' || (lead_id = $2)::text || '|' || description from tasks where id = $1", taskId, leadId))
            .Should().Be("open|true|הפונה ביקש בשיחה שנציג יחזור אליו.\nסיבה: שאלה על משכנתא\nמועד נוח לחזרה: מחר בבוקר");
        again.Ok.Should().BeTrue();
        again.Effects.TaskId.Should().Be(taskId, "one callback per call");
        (await CountAsync("select count(*) from tasks where tenant_id = $1", tenant.ToString())).Should().Be(1);
        (await EventsAsync(callId)).Should().Equal("call_started", "call_lead_linked", "call_tool_applied");
    }

    [Fact]
    public async Task A_callback_for_a_caller_with_no_number_asks_for_it_first()
    {
        var (tenant, callId, _) = await NewCallAsync(from: "anonymous");
        using var media = fx.MediaHostClient();

        var answer = await UseAsync(media, tenant, callId, "call_human", "request_human", new { reason = "רוצה לדבר עם מישהו" });
        var noReason = await UseAsync(media, tenant, callId, "call_human_2", "request_human", new { preferred_time = "בערב" });

        Error(answer).Should().Be("lead_required");
        answer.Spoken.Should().Contain("מספר הטלפון");
        Error(noReason).Should().Be("invalid_arguments");
        noReason.Output.GetProperty("fields").TryGetProperty("reason", out _).Should().BeTrue();
        (await CountAsync("select count(*) from tasks where tenant_id = $1", tenant.ToString())).Should().Be(0);
    }

    // --- end_call and unknown tools ---

    [Fact]
    public async Task Ending_the_call_is_an_effect_for_the_media_host_and_records_nothing()
    {
        var (tenant, callId, _) = await NewCallAsync();
        using var media = fx.MediaHostClient();

        var goodbye = await UseAsync(media, tenant, callId, "call_end", "end_call", new { reason = "user_goodbye" });
        var bad = await UseAsync(media, tenant, callId, "call_end_bad", "end_call", new { reason = "bored" });
        var unknown = await UseAsync(media, tenant, callId, "call_unknown", "transfer_to_mars", new { });

        goodbye.Ok.Should().BeTrue();
        goodbye.Effects.EndCall.Should().Be("user_goodbye");
        goodbye.Spoken.Should().NotBeNullOrEmpty();
        Error(bad).Should().Be("invalid_arguments");
        bad.Effects.EndCall.Should().BeNull();
        Error(unknown).Should().Be("unknown_tool");
        unknown.Output.GetProperty("tools").GetArrayLength().Should().Be(5);
        (await EventsAsync(callId)).Should().Equal("call_started");
        (await CountAsync("select count(*) from call_slots where call_id = $1", callId)).Should().Be(1, "the media host ends the call");
    }

    // --- the route ---

    [Fact]
    public async Task Another_businesss_call_or_an_unknown_call_is_not_found_and_nothing_is_saved()
    {
        var (tenant, callId, _) = await NewCallAsync();
        var (otherTenant, _) = await fx.NewBusinessAsync();
        using var media = fx.MediaHostClient();

        var foreign = await PostToolAsync(media, otherTenant, callId, "call_x", "save_lead_fields", new { name = "זר" });
        var unknown = await PostToolAsync(media, tenant, Guid.NewGuid(), "call_y", "save_lead_fields", new { name = "זר" });

        await foreign.ShouldBeProblemAsync(404);
        await unknown.ShouldBeProblemAsync(404);
        (await CountAsync("select count(*) from leads where tenant_id in ($1, $2)", tenant.ToString(), otherTenant.ToString())).Should().Be(0);
        (await CountAsync("select count(*) from call_tool_calls where call_id = $1", callId)).Should().Be(0);
    }

    [Fact]
    public async Task Only_the_media_hosts_service_key_reaches_the_route()
    {
        var (tenant, callId, _) = await NewCallAsync();
        var path = MediaHostContract.ToolsPath(tenant.ToString(), callId);
        var body = new { toolCallId = "call_auth", name = "save_lead_fields", arguments = new { name = "מתחזה" } };
        var session = await fx.SystemAdminInAsync(tenant);
        using var wrongKey = fx.MediaHostClient(serviceKey: Convert.ToBase64String(new byte[32]));
        using var nothing = fx.NewClient();

        foreach (var client in new[] { session, fx.ApiKeyClient(fx.TenantA, Role.Owner), wrongKey, nothing })
        {
            (await client.PostAsJsonAsync(path, body)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        (await CountAsync("select count(*) from leads where tenant_id = $1", tenant.ToString())).Should().Be(0);
    }

    [Theory]
    [InlineData("""not json""")]
    [InlineData("""["call_1","save_lead_fields"]""")]
    [InlineData("""{"name":"save_lead_fields","arguments":{}}""")]
    [InlineData("""{"toolCallId":"call with spaces","name":"save_lead_fields"}""")]
    [InlineData("""{"toolCallId":"call_1","arguments":{}}""")]
    public async Task A_malformed_tool_call_is_a_bad_request(string body)
    {
        var (tenant, callId, _) = await NewCallAsync();
        using var media = fx.MediaHostClient();

        var response = await media.PostAsync(MediaHostContract.ToolsPath(tenant.ToString(), callId),
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(400);
        (await CountAsync("select count(*) from call_tool_calls where call_id = $1", callId)).Should().Be(0);
    }

    [Fact]
    public async Task A_tool_call_after_the_call_ended_still_saves_what_the_caller_said()
    {
        var (tenant, callId, _) = await NewCallAsync();
        using var media = fx.MediaHostClient();
        await media.ReportAsync(tenant, callId, MediaHostCalls.Ended(MediaEndReasons.CallerHungUp));

        var answer = await UseAsync(media, tenant, callId, "call_late_save", "save_lead_fields", new { name = "מאוחר" });

        answer.Ok.Should().BeTrue();
        (await CountAsync("select count(*) from leads where tenant_id = $1", tenant.ToString())).Should().Be(1);
    }

    [Fact]
    public async Task Deleting_the_lead_takes_the_tool_answers_and_erases_what_they_repeated()
    {
        var (tenant, callId, _) = await NewCallAsync();
        using var media = fx.MediaHostClient();
        var lead = (await UseAsync(media, tenant, callId, "call_private", "save_lead_fields", new { name = "פרטי מאוד", city = "צפת" })).Effects.LeadId!.Value;
        var admin = await fx.SystemAdminInAsync(tenant);
        const string Content = "select coalesce(data->>'content', '') from mt_events where stream_id = $1 and type = 'call_tool_applied'";
        (await fx.Database.ScalarAsync<string>(Content, callId)).Should().Contain("פרטי מאוד");
        (await CountAsync("select count(*) from call_tool_calls where call_id = $1 and answer::text like '%פרטי מאוד%'", callId)).Should().Be(1);

        (await admin.DeleteAsync($"/api/v1/leads/{lead}")).IsSuccessStatusCode.Should().BeTrue();

        (await CountAsync("select count(*) from call_tool_calls where call_id = $1", callId)).Should().Be(0);
        (await fx.Database.ScalarAsync<string>(Content, callId)).Should().BeEmpty();
        (await fx.Database.ScalarAsync<bool>("select (data ? 'erased') from mt_events where stream_id = $1 and type = 'call_tool_applied'", callId))
            .Should().BeTrue();
    }
}
