using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Api.Tests.Tenancy;

namespace ProSaaS.Api.Tests.Crm;

/// <summary>
/// The availability for moving an appointment (<c>excludeAppointmentId</c>): the appointment being moved is left out of
/// the busy times, so a small shift that overlaps its own time is offered, and then accepted. "Now" is Sunday 14 March
/// 2027, 07:45 in Israel; 30-minute slots, Monday 09:00–18:00.
/// </summary>
public sealed class AvailabilityForMoveTests : IClassFixture<AppointmentFixture>
{
    private const string Monday = "from=2027-03-15&to=2027-03-15";

    private readonly AppointmentFixture _fx;

    public AvailabilityForMoveTests(AppointmentFixture fx)
    {
        _fx = fx;
        fx.Clock.Set(AppointmentFixture.SundayMorning);
    }

    [Fact]
    public async Task Leaving_out_the_appointment_being_moved_offers_the_times_overlapping_it_and_the_move_by_half_an_hour_succeeds()
    {
        var business = await _fx.NewBusinessAsync(a => a["bufferMinutes"] = 15);
        var id = (await business.BookedAsync(await business.NewLeadAsync(), "2027-03-15T10:00:00+02:00", 60)).GetProperty("id").GetGuid();
        await business.BookedAsync(await business.NewLeadAsync(), "2027-03-15T14:00:00+02:00");

        var plain = Times(await AvailabilityAsync(business, Monday));
        plain.Should().NotContain(["09:30", "10:00", "10:30", "11:00"], "the hour and its buffer are busy");

        var forMove = Times(await AvailabilityAsync(business, $"{Monday}&excludeAppointmentId={id}"));
        forMove.Should().Contain(["09:30", "10:00", "10:30", "11:00"], "its own time and buffer are free for it");
        forMove.Should().NotContain(["13:30", "14:00"], "the other appointment still holds its time");
        forMove.Should().HaveCount(plain.Count + 4);

        var moved = await TenancyFixture.ReadAsync(
            await business.Agent.PostAsJsonAsync($"/api/v1/appointments/{id}/reschedule", new { start = "2027-03-15T10:30:00+02:00" }), "move by 30 minutes");
        moved.GetProperty("localStart").GetString().Should().Be("2027-03-15T10:30:00+02:00");
        moved.GetProperty("localEnd").GetString().Should().Be("2027-03-15T11:30:00+02:00");

        var afterMove = Times(await AvailabilityAsync(business, $"{Monday}&excludeAppointmentId={id}"));
        afterMove.Should().Contain(["10:00", "10:30", "11:00"]);
        Times(await AvailabilityAsync(business, Monday)).Should().Contain("09:30").And.NotContain(["10:00", "10:30", "11:00", "11:30"]);
    }

    [Fact]
    public async Task Another_business_appointment_cannot_be_left_out_and_a_malformed_id_is_refused()
    {
        var mine = await _fx.NewBusinessAsync();
        var theirs = await _fx.NewBusinessAsync();
        await mine.BookedAsync(await mine.NewLeadAsync(), "2027-03-15T10:00:00+02:00");
        var theirId = (await theirs.BookedAsync(await theirs.NewLeadAsync(), "2027-03-15T10:00:00+02:00")).GetProperty("id").GetGuid();

        var foreign = await mine.Agent.GetAsync($"/api/v1/appointments/availability?{Monday}&excludeAppointmentId={theirId}");
        (await foreign.ShouldBeProblemAsync(404)).GetProperty("detail").GetString().Should().NotBeNullOrWhiteSpace();
        await (await mine.Agent.GetAsync($"/api/v1/appointments/availability?{Monday}&excludeAppointmentId={Guid.NewGuid()}")).ShouldBeProblemAsync(404);
        await (await mine.Agent.GetAsync($"/api/v1/appointments/availability?{Monday}&excludeAppointmentId=not-an-id")).ShouldBeProblemAsync(400);

        Times(await AvailabilityAsync(mine, Monday)).Should().NotContain("10:00", "its own appointment still holds the time");
        var theirsForMove = Times(await AvailabilityAsync(theirs, $"{Monday}&excludeAppointmentId={theirId}"));
        theirsForMove.Should().Contain("10:00").And.HaveCount(18, "the other business's appointment never counts here");
    }

    [Fact]
    public async Task A_cancelled_appointment_left_out_changes_nothing()
    {
        var business = await _fx.NewBusinessAsync();
        var id = (await business.BookedAsync(await business.NewLeadAsync(), "2027-03-15T10:00:00+02:00")).GetProperty("id").GetGuid();
        await business.BookedAsync(await business.NewLeadAsync(), "2027-03-15T12:00:00+02:00");
        (await business.Agent.PostAsJsonAsync($"/api/v1/appointments/{id}/cancel", new { reason = "בוטל" })).StatusCode.Should().Be(HttpStatusCode.OK);

        Times(await AvailabilityAsync(business, $"{Monday}&excludeAppointmentId={id}"))
            .Should().Equal(Times(await AvailabilityAsync(business, Monday))).And.Contain("10:00").And.NotContain("12:00");
    }

    private static async Task<JsonElement> AvailabilityAsync(Business business, string query) =>
        await TenancyFixture.ReadAsync(await business.Agent.GetAsync($"/api/v1/appointments/availability?{query}"), $"availability {query}");

    private static List<string> Times(JsonElement availability) =>
        availability.GetProperty("slots").EnumerateArray()
            .Where(s => s.GetProperty("date").GetString() == "2027-03-15")
            .Select(s => s.GetProperty("time").GetString()!).ToList();
}
