using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Api.Tests.Tenancy;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Leads;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Crm;

/// <summary>
/// Booking, moving and cancelling appointments on the real stack. "Now" is Sunday 14 March 2027, 07:45 in Israel; the
/// default settings apply unless a test changes them: 30-minute slots, no buffer, an hour's notice, 30 days ahead,
/// Sunday–Thursday 09:00–18:00, Friday 09:00–13:00, Saturday closed.
/// </summary>
public sealed class AppointmentTests : IClassFixture<AppointmentFixture>
{
    private const string Monday10 = "2027-03-15T10:00:00+02:00";

    private readonly AppointmentFixture _fx;

    public AppointmentTests(AppointmentFixture fx)
    {
        _fx = fx;
        fx.Clock.Set(AppointmentFixture.SundayMorning);
    }

    [Fact]
    public async Task Fifty_simultaneous_bookings_of_one_slot_give_one_appointment_and_49_clear_conflicts()
    {
        var business = await _fx.NewBusinessAsync();
        var leads = new List<Guid>();
        for (var i = 0; i < 50; i++)
        {
            leads.Add(await business.NewLeadAsync());
        }

        var clients = Enumerable.Range(0, 10).Select(_ => _fx.KeyClient(business.AgentKey)).ToList();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bookings = leads.Select(async (lead, i) =>
        {
            await go.Task;
            return await clients[i % clients.Count].PostAsJsonAsync("/api/v1/appointments", new { leadId = lead, start = Monday10 });
        }).ToList();
        go.SetResult();
        var answers = await Task.WhenAll(bookings);

        answers.Count(a => a.StatusCode == HttpStatusCode.Created).Should().Be(1);
        var conflicts = answers.Where(a => a.StatusCode != HttpStatusCode.Created).ToList();
        conflicts.Should().HaveCount(49);
        foreach (var conflict in conflicts)
        {
            var problem = await conflict.ShouldBeProblemAsync(409);
            problem.GetProperty("code").GetString().Should().Be("appointment.slot_taken");
            problem.GetProperty("detail").GetString().Should().Contain("נתפס");
        }

        (await CountAsync("select count(*) from appointments where tenant_id = $1", business)).Should().Be(1);
        (await CountAsync("select count(*) from mt_events where tenant_id = $1 and type = 'appointment_booked'", business)).Should().Be(1);
        (await CountAsync("select count(*) from mt_streams where tenant_id = $1 and type = 'appointment'", business)).Should().Be(1);
        var winner = await answers.Single(a => a.StatusCode == HttpStatusCode.Created).ReadJsonAsync();
        winner.GetProperty("start").GetDateTimeOffset().Should().Be(DateTimeOffset.Parse(Monday10));
    }

    [Fact]
    public async Task A_booking_answers_201_with_the_appointment_in_utc_and_local_time()
    {
        var business = await _fx.NewBusinessAsync();
        var lead = await business.NewLeadAsync("דנה כהן");

        var response = await business.Agent.PostAsJsonAsync("/api/v1/appointments",
            new { leadId = lead, start = "2027-03-15T08:00:00Z", durationMinutes = 45, title = "פגישת היכרות", notes = "להביא תוכניות" });

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var appointment = await response.ReadJsonAsync();
        var id = appointment.GetProperty("id").GetGuid();
        response.Headers.Location!.ToString().Should().Be($"/api/v1/appointments/{id}");
        appointment.GetProperty("leadId").GetGuid().Should().Be(lead);
        appointment.GetProperty("leadName").GetString().Should().Be("דנה כהן");
        appointment.GetProperty("start").GetString().Should().Be("2027-03-15T08:00:00+00:00");
        appointment.GetProperty("end").GetString().Should().Be("2027-03-15T08:45:00+00:00");
        appointment.GetProperty("localStart").GetString().Should().Be("2027-03-15T10:00:00+02:00");
        appointment.GetProperty("localEnd").GetString().Should().Be("2027-03-15T10:45:00+02:00");
        appointment.GetProperty("timeZone").GetString().Should().Be("Asia/Jerusalem");
        appointment.GetProperty("status").GetString().Should().Be("booked");
        appointment.GetProperty("source").GetString().Should().Be("api");
        appointment.GetProperty("title").GetString().Should().Be("פגישת היכרות");
        appointment.GetProperty("notes").GetString().Should().Be("להביא תוכניות");
        appointment.GetProperty("bookedBy").GetString().Should().NotBeNullOrEmpty();
        appointment.GetProperty("version").GetInt64().Should().Be(1);

        var fetched = await TenancyFixture.ReadAsync(await business.Agent.GetAsync($"/api/v1/appointments/{id}"), "get");
        fetched.GetProperty("localStart").GetString().Should().Be("2027-03-15T10:00:00+02:00");
        var booked = JsonDocument.Parse(await _fx.Database.ScalarAsync<string>(
            "select data::text from mt_events where tenant_id = $1 and type = 'appointment_booked'", business.Id.ToString())).RootElement;
        booked.GetProperty("leadId").GetGuid().Should().Be(lead);
        booked.GetProperty("source").GetString().Should().Be("api");
        booked.GetProperty("bufferMinutes").GetInt32().Should().Be(0);
        (await _fx.Database.ScalarAsync<string>("select busy::text from appointments where id = $1", id))
            .Should().Be("[\"2027-03-15 08:00:00+00\",\"2027-03-15 08:45:00+00\")");
    }

    [Fact]
    public async Task Overlapping_appointments_conflict_while_touching_ones_do_not()
    {
        var business = await _fx.NewBusinessAsync();
        var lead = await business.NewLeadAsync();
        await business.BookedAsync(lead, Monday10, 60);

        await ShouldBeSlotTakenAsync(await business.BookAsync(await business.NewLeadAsync(), "2027-03-15T10:30:00+02:00"));
        await ShouldBeSlotTakenAsync(await business.BookAsync(await business.NewLeadAsync(), "2027-03-15T09:30:00+02:00", 60));
        await ShouldBeSlotTakenAsync(await business.BookAsync(await business.NewLeadAsync(), "2027-03-15T09:00:00+02:00", 180));
        (await business.BookAsync(await business.NewLeadAsync(), "2027-03-15T09:30:00+02:00")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await business.BookAsync(await business.NewLeadAsync(), "2027-03-15T11:00:00+02:00")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await CountAsync("select count(*) from appointments where tenant_id = $1", business)).Should().Be(3);
    }

    [Fact]
    public async Task The_buffer_keeps_time_free_after_each_appointment_in_bookings_and_in_the_availability()
    {
        var business = await _fx.NewBusinessAsync(a => a["bufferMinutes"] = 15);
        await business.BookedAsync(await business.NewLeadAsync(), Monday10);

        await ShouldBeSlotTakenAsync(await business.BookAsync(await business.NewLeadAsync(), "2027-03-15T10:30:00+02:00"));
        await ShouldBeSlotTakenAsync(await business.BookAsync(await business.NewLeadAsync(), "2027-03-15T09:30:00+02:00"));

        var availability = await TenancyFixture.ReadAsync(await business.Agent.GetAsync("/api/v1/appointments/availability?from=2027-03-15&to=2027-03-15"), "availability");
        availability.GetProperty("bufferMinutes").GetInt32().Should().Be(15);
        var times = Times(availability);
        times.Should().Contain(["09:00", "11:00", "17:30"]).And.NotContain(["09:30", "10:00", "10:30"]);
        times.Should().HaveCount(18 - 3);

        (await business.BookAsync(await business.NewLeadAsync(), "2027-03-15T11:00:00+02:00")).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    public static TheoryData<string, string, int?, string> Refusals => new()
    {
        { "in the past", "2027-03-14T07:00:00+02:00", null, "appointment.in_past" },
        { "inside the hour of notice", "2027-03-14T08:30:00+02:00", null, "appointment.min_notice" },
        { "beyond the 30-day window", "2027-04-14T10:00:00+03:00", null, "appointment.beyond_window" },
        { "on a holiday", "2027-03-16T10:00:00+02:00", null, "appointment.closed_day" },
        { "in the evening", "2027-03-15T19:00:00+02:00", null, "appointment.outside_hours" },
        { "running past closing", "2027-03-15T17:30:00+02:00", 60, "appointment.outside_hours" },
        { "on Friday afternoon", "2027-03-19T13:00:00+02:00", null, "appointment.outside_hours" },
        { "on Saturday", "2027-03-20T10:00:00+02:00", null, "appointment.outside_hours" },
        { "off the slot grid", "2027-03-15T10:10:00+02:00", null, "appointment.not_aligned" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_time_the_calendar_refuses_is_422_with_its_code_and_a_hebrew_detail_and_books_nothing(string what, string start, int? minutes, string code)
    {
        var business = await _fx.NewBusinessAsync(a => a["dateOverrides"] = new JsonArray(new JsonObject
        {
            ["date"] = "2027-03-16", ["ranges"] = new JsonArray(), ["note"] = "יום בחירות",
        }));

        var response = await business.BookAsync(await business.NewLeadAsync(), start, minutes);

        var problem = await response.ShouldBeProblemAsync(422);
        problem.GetProperty("code").GetString().Should().Be(code, what);
        problem.GetProperty("title").GetString().Should().Be("The request breaks a business rule");
        problem.GetProperty("detail").GetString().Should().MatchRegex("[א-ת]");
        (await CountAsync("select count(*) from mt_events where tenant_id = $1 and type like 'appointment%'", business)).Should().Be(0);
    }

    [Fact]
    public async Task The_clock_change_is_respected_the_friday_summer_time_begins()
    {
        var business = await _fx.NewBusinessAsync();
        var availability = await TenancyFixture.ReadAsync(
            await business.Agent.GetAsync("/api/v1/appointments/availability?from=2027-03-25&to=2027-03-26"), "availability");

        var slots = availability.GetProperty("slots").EnumerateArray().ToList();
        var thursday = slots.First(s => s.GetProperty("date").GetString() == "2027-03-25");
        var friday = slots.First(s => s.GetProperty("date").GetString() == "2027-03-26");
        thursday.GetProperty("start").GetString().Should().Be("2027-03-25T07:00:00+00:00");
        friday.GetProperty("start").GetString().Should().Be("2027-03-26T06:00:00+00:00");
        friday.GetProperty("localStart").GetString().Should().Be("2027-03-26T09:00:00+03:00");
        friday.GetProperty("time").GetString().Should().Be("09:00");

        var booked = await business.BookedAsync(await business.NewLeadAsync(), "2027-03-26T09:00:00+03:00");
        booked.GetProperty("start").GetString().Should().Be("2027-03-26T06:00:00+00:00");
    }

    [Fact]
    public async Task Bad_input_is_400_listing_the_fields_and_an_unknown_or_foreign_lead_is_404()
    {
        var business = await _fx.NewBusinessAsync();
        var other = await _fx.NewBusinessAsync();
        var lead = await business.NewLeadAsync();

        var noOffset = await business.Agent.PostAsJsonAsync("/api/v1/appointments", new { leadId = lead, start = "2027-03-15T10:00:00", durationMinutes = 2, title = new string('א', 201) });
        var problem = await noOffset.ShouldBeProblemAsync(400);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo("start", "durationMinutes", "title");

        (await (await business.Agent.PostAsJsonAsync("/api/v1/appointments", new { start = Monday10 })).ShouldBeProblemAsync(400))
            .GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("leadId");
        await (await business.BookAsync(Guid.NewGuid(), Monday10)).ShouldBeProblemAsync(404);
        await (await other.BookAsync(lead, Monday10)).ShouldBeProblemAsync(404);
        (await CountAsync("select count(*) from appointments where tenant_id = $1", business)).Should().Be(0);
        (await CountAsync("select count(*) from appointments where tenant_id = $1", other)).Should().Be(0);
    }

    [Fact]
    public async Task A_retried_booking_with_its_idempotency_key_answers_the_first_answer_and_books_once()
    {
        var business = await _fx.NewBusinessAsync();
        var lead = await business.NewLeadAsync();
        var key = Guid.NewGuid().ToString();

        var first = await business.Agent.SendAsync(Booking(key, new { leadId = lead, start = Monday10 }));
        var retry = await business.Agent.SendAsync(Booking(key, new { leadId = lead, start = Monday10 }));
        var otherBody = await business.Agent.SendAsync(Booking(key, new { leadId = lead, start = "2027-03-15T11:00:00+02:00" }));

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        retry.Headers.Location.Should().Be(first.Headers.Location);
        (await retry.ReadJsonAsync()).GetProperty("id").GetGuid().Should().Be((await first.ReadJsonAsync()).GetProperty("id").GetGuid());
        (await otherBody.ShouldBeProblemAsync(422)).GetProperty("code").GetString().Should().Be("idempotency.key_reused");
        (await CountAsync("select count(*) from appointments where tenant_id = $1", business)).Should().Be(1);

        // Without the key the same body is a second booking of a taken slot.
        await ShouldBeSlotTakenAsync(await business.BookAsync(lead, Monday10));
    }

    [Fact]
    public async Task Rescheduling_moves_the_appointment_unless_the_new_time_is_taken_closed_or_the_version_is_stale()
    {
        var business = await _fx.NewBusinessAsync();
        var lead = await business.NewLeadAsync();
        var id = (await business.BookedAsync(lead, Monday10, 60)).GetProperty("id").GetGuid();
        await business.BookedAsync(await business.NewLeadAsync(), "2027-03-15T14:00:00+02:00");

        await ShouldBeSlotTakenAsync(await Reschedule(business, id, new { start = "2027-03-15T13:30:00+02:00" }));
        (await (await Reschedule(business, id, new { start = "2027-03-15T17:30:00+02:00" })).ShouldBeProblemAsync(422))
            .GetProperty("code").GetString().Should().Be("appointment.outside_hours");
        (await Reschedule(business, id, new { start = "2027-03-15T12:00:00+02:00", expectedVersion = 5 })).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await _fx.Database.ScalarAsync<DateTime>("select starts_at from appointments where id = $1", id))
            .Should().Be(new DateTime(2027, 3, 15, 8, 0, 0, DateTimeKind.Utc), "nothing moved");

        var moved = await TenancyFixture.ReadAsync(
            await Reschedule(business, id, new { start = "2027-03-15T10:30:00+02:00", reason = "הלקוח ביקש", expectedVersion = 1 }), "reschedule");
        moved.GetProperty("localStart").GetString().Should().Be("2027-03-15T10:30:00+02:00");
        moved.GetProperty("localEnd").GetString().Should().Be("2027-03-15T11:30:00+02:00", "the length is kept");
        moved.GetProperty("version").GetInt64().Should().Be(2);
        var recorded = JsonDocument.Parse(await _fx.Database.ScalarAsync<string>(
            "select data::text from mt_events where stream_id = $1 and type = 'appointment_rescheduled'", id)).RootElement;
        recorded.GetProperty("leadId").GetGuid().Should().Be(lead);
        recorded.GetProperty("oldStart").GetDateTimeOffset().Should().Be(DateTimeOffset.Parse(Monday10));
        recorded.GetProperty("reason").GetString().Should().Be("הלקוח ביקש");

        // The time it left is free again; the time it took is not.
        (await business.BookAsync(await business.NewLeadAsync(), Monday10)).StatusCode.Should().Be(HttpStatusCode.Created);
        await ShouldBeSlotTakenAsync(await business.BookAsync(await business.NewLeadAsync(), "2027-03-15T11:00:00+02:00"));
        await (await Reschedule(business, Guid.NewGuid(), new { start = Monday10 })).ShouldBeProblemAsync(404);
    }

    [Fact]
    public async Task Cancelling_needs_a_reason_frees_the_slot_and_a_cancelled_appointment_cannot_move()
    {
        var business = await _fx.NewBusinessAsync();
        var id = (await business.BookedAsync(await business.NewLeadAsync(), Monday10)).GetProperty("id").GetGuid();

        (await (await business.Agent.PostAsJsonAsync($"/api/v1/appointments/{id}/cancel", new { reason = " " })).ShouldBeProblemAsync(400))
            .GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("reason");
        var cancelled = await TenancyFixture.ReadAsync(
            await business.Agent.PostAsJsonAsync($"/api/v1/appointments/{id}/cancel", new { reason = "הלקוח חולה" }), "cancel");
        cancelled.GetProperty("status").GetString().Should().Be("cancelled");
        cancelled.GetProperty("cancelReason").GetString().Should().Be("הלקוח חולה");
        (await TenancyFixture.ReadAsync(
            await business.Agent.PostAsJsonAsync($"/api/v1/appointments/{id}/cancel", new { reason = "שוב" }), "cancel again"))
            .GetProperty("version").GetInt64().Should().Be(2, "a second cancellation records nothing");

        (await (await Reschedule(business, id, new { start = "2027-03-15T11:00:00+02:00" })).ShouldBeProblemAsync(422))
            .GetProperty("code").GetString().Should().Be("appointment.cancelled");
        (await business.BookAsync(await business.NewLeadAsync(), Monday10)).StatusCode.Should().Be(HttpStatusCode.Created, "the slot is free again");
        var availability = await TenancyFixture.ReadAsync(await business.Agent.GetAsync("/api/v1/appointments/availability?from=2027-03-15&to=2027-03-15"), "availability");
        Times(availability).Should().NotContain("10:00");
        await (await business.Agent.PostAsJsonAsync($"/api/v1/appointments/{Guid.NewGuid()}/cancel", new { reason = "אין כזו" })).ShouldBeProblemAsync(404);
    }

    [Fact]
    public async Task The_availability_lists_free_slots_in_the_business_zone_and_refuses_long_or_malformed_ranges()
    {
        var business = await _fx.NewBusinessAsync(a => a["dateOverrides"] = new JsonArray(
            new JsonObject { ["date"] = "2027-03-16", ["ranges"] = new JsonArray() },
            new JsonObject { ["date"] = "2027-03-17", ["ranges"] = new JsonArray(new JsonObject { ["open"] = "09:00", ["close"] = "11:00" }) }));
        await business.BookedAsync(await business.NewLeadAsync(), Monday10);

        var availability = await TenancyFixture.ReadAsync(
            await business.Agent.GetAsync("/api/v1/appointments/availability?from=2027-03-14&to=2027-03-20"), "availability");

        availability.GetProperty("timeZone").GetString().Should().Be("Asia/Jerusalem");
        availability.GetProperty("from").GetString().Should().Be("2027-03-14");
        availability.GetProperty("slotMinutes").GetInt32().Should().Be(30);
        var slots = availability.GetProperty("slots").EnumerateArray().ToList();
        var perDay = slots.GroupBy(s => s.GetProperty("date").GetString()!).ToDictionary(g => g.Key, g => g.Count());
        perDay["2027-03-14"].Should().Be(18, "from 09:00, the first slot an hour after now");
        perDay["2027-03-15"].Should().Be(17, "10:00 is booked");
        perDay.Should().NotContainKey("2027-03-16", "a date override closes it");
        perDay["2027-03-17"].Should().Be(4, "a short day by override");
        perDay["2027-03-18"].Should().Be(18);
        perDay["2027-03-19"].Should().Be(8, "Friday is a short day");
        perDay.Should().NotContainKey("2027-03-20", "Saturday is closed");
        var first = slots[0];
        first.GetProperty("start").GetString().Should().Be("2027-03-14T07:00:00+00:00");
        first.GetProperty("end").GetString().Should().Be("2027-03-14T07:30:00+00:00");
        first.GetProperty("localStart").GetString().Should().Be("2027-03-14T09:00:00+02:00");
        first.GetProperty("time").GetString().Should().Be("09:00");

        // A slot from the availability books as it is.
        (await business.BookAsync(await business.NewLeadAsync(), first.GetProperty("start").GetString()!)).StatusCode.Should().Be(HttpStatusCode.Created);

        (await TenancyFixture.ReadAsync(await business.Agent.GetAsync("/api/v1/appointments/availability?from=2027-04-10&to=2027-05-10"), "past the window"))
            .GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("date").GetString()).Distinct()
            .Should().Equal("2027-04-11", "2027-04-12", "2027-04-13");
        await (await business.Agent.GetAsync("/api/v1/appointments/availability?from=2027-03-14&to=2027-04-14")).ShouldBeProblemAsync(400);
        await (await business.Agent.GetAsync("/api/v1/appointments/availability?from=2027-03-20&to=2027-03-14")).ShouldBeProblemAsync(400);
        (await (await business.Agent.GetAsync("/api/v1/appointments/availability?from=14/03/2027")).ShouldBeProblemAsync(400))
            .GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo("from", "to");
    }

    [Fact]
    public async Task Appointments_list_by_start_in_pages_filtered_by_dates_status_and_lead()
    {
        var business = await _fx.NewBusinessAsync();
        var dana = await business.NewLeadAsync();
        var yossi = await business.NewLeadAsync();
        var tuesday = (await business.BookedAsync(dana, "2027-03-16T09:00:00+02:00")).GetProperty("id").GetGuid();
        var monday = (await business.BookedAsync(yossi, Monday10)).GetProperty("id").GetGuid();
        var wednesday = (await business.BookedAsync(dana, "2027-03-17T09:00:00+02:00")).GetProperty("id").GetGuid();
        await business.Agent.PostAsJsonAsync($"/api/v1/appointments/{wednesday}/cancel", new { reason = "בוטל" });

        var firstPage = await TenancyFixture.ReadAsync(await business.Agent.GetAsync("/api/v1/appointments?limit=2"), "page 1");
        Ids(firstPage).Should().Equal(monday, tuesday);
        var next = firstPage.GetProperty("next").GetString();
        var secondPage = await TenancyFixture.ReadAsync(await business.Agent.GetAsync($"/api/v1/appointments?limit=2&next={next}"), "page 2");
        Ids(secondPage).Should().Equal(wednesday);
        secondPage.GetProperty("next").ValueKind.Should().Be(JsonValueKind.Null);

        Ids(await TenancyFixture.ReadAsync(await business.Agent.GetAsync($"/api/v1/appointments?leadId={dana}"), "dana's")).Should().Equal(tuesday, wednesday);
        Ids(await TenancyFixture.ReadAsync(await business.Agent.GetAsync("/api/v1/appointments?status=booked"), "booked")).Should().Equal(monday, tuesday);
        Ids(await TenancyFixture.ReadAsync(await business.Agent.GetAsync("/api/v1/appointments?status=cancelled"), "cancelled")).Should().Equal(wednesday);
        Ids(await TenancyFixture.ReadAsync(await business.Agent.GetAsync("/api/v1/appointments?from=2027-03-16&to=2027-03-16"), "tuesday")).Should().Equal(tuesday);
        Ids(await TenancyFixture.ReadAsync(await business.Agent.GetAsync("/api/v1/appointments?from=2027-03-16"), "from tuesday")).Should().Equal(tuesday, wednesday);

        var bad = await (await business.Agent.GetAsync("/api/v1/appointments?status=done&limit=0&next=zzz&from=2027-3-1")).ShouldBeProblemAsync(400);
        bad.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo("status", "limit", "next", "from");
        var other = await _fx.NewBusinessAsync();
        Ids(await TenancyFixture.ReadAsync(await other.Agent.GetAsync("/api/v1/appointments"), "other business")).Should().BeEmpty();
        await (await other.Agent.GetAsync($"/api/v1/appointments/{monday}")).ShouldBeProblemAsync(404);
    }

    [Fact]
    public async Task Deleting_a_lead_removes_its_appointments_and_frees_their_time()
    {
        var business = await _fx.NewBusinessAsync();
        var lead = await business.NewLeadAsync();
        var keep = await business.NewLeadAsync();
        var id = (await business.BookedAsync(lead, Monday10)).GetProperty("id").GetGuid();
        await business.BookedAsync(keep, "2027-03-15T11:00:00+02:00");

        await DeleteLeadAsync(business, lead);

        (await CountAsync("select count(*) from appointments where tenant_id = $1", business)).Should().Be(1);
        await (await business.Agent.GetAsync($"/api/v1/appointments/{id}")).ShouldBeProblemAsync(404);
        await (await business.Agent.PostAsJsonAsync($"/api/v1/appointments/{id}/cancel", new { reason = "ליד נמחק" })).ShouldBeProblemAsync(404);
        await (await Reschedule(business, id, new { start = "2027-03-15T12:00:00+02:00" })).ShouldBeProblemAsync(404);
        await (await business.BookAsync(lead, "2027-03-15T12:00:00+02:00")).ShouldBeProblemAsync(404);
        (await business.BookAsync(keep, Monday10)).StatusCode.Should().Be(HttpStatusCode.Created, "the deleted lead's time is free");

        // A booking that reaches the store after the lead is gone (past the handler's check) records nothing.
        await using var scope = _fx.Api.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.TenantId = business.Id.ToString();
        var calendar = new ProSaaS.Domain.Appointments.AppointmentCalendar(
            new ProSaaS.Domain.Tenants.AppointmentSettings(), ProSaaS.Domain.Tenants.BusinessHours.IsraeliDefault, TimeZoneInfo.FindSystemTimeZoneById("Asia/Jerusalem"));
        var late = ProSaaS.Domain.Appointments.Appointment.Book(
            Guid.NewGuid(), lead, DateTimeOffset.Parse("2027-03-15T13:00:00+02:00"), 30, null, null,
            ProSaaS.Domain.Appointments.AppointmentSource.Api, null, calendar, _fx.Clock.GetUtcNow());
        await FluentActions.Awaiting(() => scope.ServiceProvider.GetRequiredService<IEventStore>().SaveAsync(late))
            .Should().ThrowAsync<ProSaaS.Application.Common.Errors.NotFoundException>();
        (await _fx.Database.ScalarAsync<long>("select count(*) from mt_events where stream_id = $1", late.Id)).Should().Be(0);
    }

    [Fact]
    public async Task A_rebuild_from_the_events_gives_back_the_same_appointments()
    {
        var business = await _fx.NewBusinessAsync();
        var (first, second, third, deleted) = (await business.NewLeadAsync(), await business.NewLeadAsync(), await business.NewLeadAsync(), await business.NewLeadAsync());
        var cancelled = (await business.BookedAsync(first, Monday10)).GetProperty("id").GetGuid();
        await business.Agent.PostAsJsonAsync($"/api/v1/appointments/{cancelled}/cancel", new { reason = "בוטל" });
        await business.BookedAsync(second, Monday10);
        var moved = (await business.BookedAsync(third, "2027-03-15T12:00:00+02:00")).GetProperty("id").GetGuid();
        await TenancyFixture.ReadAsync(await Reschedule(business, moved, new { start = "2027-03-15T13:00:00+02:00" }), "move");
        await business.BookedAsync(first, "2027-03-15T12:00:00+02:00");
        await business.BookedAsync(deleted, "2027-03-16T10:00:00+02:00");
        await DeleteLeadAsync(business, deleted);
        const string snapshot = """
            select string_agg(concat_ws('|', id, lead_id, starts_at, ends_at, busy, status, title, source, booked_by, booked_at, cancel_reason, version), E'\n' order by id)
            from appointments
            """;
        var before = await _fx.Database.ScalarAsync<string>(snapshot);

        await _fx.Api.Services.GetRequiredService<ProSaaS.Infrastructure.Projections.Daemon.ProjectionDaemon>().RebuildAsync("appointments");

        (await _fx.Database.ScalarAsync<string>(snapshot)).Should().Be(before);
        (await CountAsync("select count(*) from appointments where tenant_id = $1", business)).Should().Be(4);
    }

    [Fact]
    public async Task Appointment_hours_and_holidays_are_changed_through_the_business_settings()
    {
        var business = await _fx.NewBusinessAsync(a =>
        {
            a["workingHours"] = JsonNode.Parse("""
                { "sunday": [], "monday": [{ "open": "16:00", "close": "20:00" }], "tuesday": [], "wednesday": [], "thursday": [], "friday": [], "saturday": [] }
                """);
            a["dateOverrides"] = JsonNode.Parse("""[{ "date": "2027-03-22", "ranges": [], "note": "חופשה" }]""");
        });

        var settings = await TenancyFixture.ReadAsync(await business.Agent.GetAsync("/api/v1/business/settings"), "settings");
        var appointments = settings.GetProperty("settings").GetProperty("appointments");
        appointments.GetProperty("workingHours").GetProperty("monday")[0].GetProperty("open").GetString().Should().Be("16:00");
        appointments.GetProperty("dateOverrides")[0].GetProperty("note").GetString().Should().Be("חופשה");
        (await (await business.BookAsync(await business.NewLeadAsync(), Monday10)).ShouldBeProblemAsync(422))
            .GetProperty("code").GetString().Should().Be("appointment.outside_hours", "appointments follow their own hours, not the business hours");
        (await business.BookAsync(await business.NewLeadAsync(), "2027-03-15T16:00:00+02:00")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await (await business.BookAsync(await business.NewLeadAsync(), "2027-03-22T16:00:00+02:00")).ShouldBeProblemAsync(422))
            .GetProperty("code").GetString().Should().Be("appointment.closed_day");

        var current = JsonNode.Parse(await (await business.Owner.GetAsync("/api/v1/business/settings")).Content.ReadAsStringAsync())!.AsObject();
        var document = current["settings"]!.AsObject();
        document["appointments"]!["dateOverrides"] = JsonNode.Parse("""[{ "date": "2027-02-30", "ranges": [{ "open": "12:00", "close": "10:00" }] }, { "date": "2027-02-30", "ranges": [] }]""");
        var refused = await business.Owner.PutAsJsonAsync("/api/v1/business/settings", new { settings = document });
        (await refused.ShouldBeProblemAsync(400)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo(
            "settings.appointments.dateOverrides[0].date", "settings.appointments.dateOverrides[0].ranges[0].close", "settings.appointments.dateOverrides[1].date");
    }

    /// <summary>Deletes a lead as the business would (the lead's own event), until an endpoint for it exists.</summary>
    private async Task DeleteLeadAsync(Business business, Guid leadId)
    {
        await using var scope = _fx.Api.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.TenantId = business.Id.ToString();
        context.Role = Role.Owner;
        var store = scope.ServiceProvider.GetRequiredService<IEventStore>();
        var lead = (await store.AggregateStreamAsync<Lead>(leadId))!;
        lead.Delete("בקשת הלקוח", _fx.Clock.GetUtcNow());
        await store.SaveAsync(lead);
    }

    private static HttpRequestMessage Booking(string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/appointments") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private static Task<HttpResponseMessage> Reschedule(Business business, Guid id, object body) =>
        business.Agent.PostAsJsonAsync($"/api/v1/appointments/{id}/reschedule", body);

    private static async Task ShouldBeSlotTakenAsync(HttpResponseMessage response) =>
        (await response.ShouldBeProblemAsync(409)).GetProperty("code").GetString().Should().Be("appointment.slot_taken");

    private static List<string> Times(JsonElement availability) =>
        availability.GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("time").GetString()!).ToList();

    private static List<Guid> Ids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();

    private Task<long> CountAsync(string sql, Business business) => _fx.Database.ScalarAsync<long>(sql, business.Id.ToString());
}
