using System.Globalization;
using ProSaaS.Domain.Appointments;
using ProSaaS.Domain.Common;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Domain.Tests.Appointments;

public sealed class AppointmentTests
{
    private static readonly TimeZoneInfo Israel = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jerusalem");
    private static readonly DateTimeOffset Now = At("2026-03-01T08:00:00+02:00");
    private static readonly Guid LeadId = Guid.NewGuid();

    private static readonly AppointmentCalendar Calendar =
        new(new AppointmentSettings { BufferMinutes = 10 }, BusinessHours.IsraeliDefault, Israel);

    private static Appointment Booked(string start = "2026-03-02T10:00:00+02:00", int minutes = 60) =>
        Appointment.Book(Guid.NewGuid(), LeadId, At(start), minutes, " פגישת היכרות ", "להביא תוכניות", AppointmentSource.Dashboard, "user-1", Calendar, Now);

    [Fact]
    public void Booking_raises_one_event_in_utc_with_the_length_the_buffer_and_who_booked()
    {
        var id = Guid.NewGuid();
        var appointment = Appointment.Book(id, LeadId, At("2026-03-02T10:00:00+02:00"), 60, " פגישת היכרות ", null, AppointmentSource.Whatsapp, "key-7", Calendar, Now);

        var booked = appointment.UncommittedEvents.Should().ContainSingle().Which.Should().BeOfType<AppointmentBooked>().Subject;
        booked.AppointmentId.Should().Be(id);
        booked.LeadId.Should().Be(LeadId);
        booked.Start.Should().Be(At("2026-03-02T08:00:00Z"));
        booked.Start.Offset.Should().Be(TimeSpan.Zero);
        booked.End.Should().Be(At("2026-03-02T09:00:00Z"));
        booked.BufferMinutes.Should().Be(10);
        booked.Title.Should().Be("פגישת היכרות");
        booked.Notes.Should().BeNull();
        booked.Source.Should().Be(AppointmentSource.Whatsapp);
        booked.BookedBy.Should().Be("key-7");
        booked.BookedAt.Should().Be(Now);
        appointment.Status.Should().Be(AppointmentStatus.Booked);
        appointment.Duration.Should().Be(TimeSpan.FromHours(1));
        appointment.Version.Should().Be(1);
    }

    [Theory]
    [InlineData("2026-03-01T07:00:00+02:00", 30, AppointmentCalendar.InPast)]
    [InlineData("2026-03-01T08:30:00+02:00", 30, AppointmentCalendar.MinNotice)]
    [InlineData("2026-04-10T10:00:00+03:00", 30, AppointmentCalendar.BeyondWindow)]
    [InlineData("2026-03-07T10:00:00+02:00", 30, AppointmentCalendar.OutsideHours)]
    [InlineData("2026-03-02T10:10:00+02:00", 30, AppointmentCalendar.NotAligned)]
    [InlineData("2026-03-02T10:00:00+02:00", 4, "appointment.duration_invalid")]
    [InlineData("2026-03-02T10:00:00+02:00", 481, "appointment.duration_invalid")]
    public void Booking_outside_the_calendar_is_refused_with_its_code(string start, int minutes, string code)
    {
        var act = () => Appointment.Book(Guid.NewGuid(), LeadId, At(start), minutes, null, null, AppointmentSource.Api, null, Calendar, Now);

        act.Should().Throw<DomainException>().Which.Code.Should().Be(code);
    }

    [Fact]
    public void Booking_needs_ids_and_bounded_texts()
    {
        var start = At("2026-03-02T10:00:00+02:00");
        FluentActions.Invoking(() => Appointment.Book(Guid.Empty, LeadId, start, 30, null, null, AppointmentSource.Api, null, Calendar, Now))
            .Should().Throw<DomainException>().Which.Code.Should().Be("appointment.id_required");
        FluentActions.Invoking(() => Appointment.Book(Guid.NewGuid(), Guid.Empty, start, 30, null, null, AppointmentSource.Api, null, Calendar, Now))
            .Should().Throw<DomainException>().Which.Code.Should().Be("appointment.lead_required");
        FluentActions.Invoking(() => Appointment.Book(Guid.NewGuid(), LeadId, start, 30, new string('א', 201), null, AppointmentSource.Api, null, Calendar, Now))
            .Should().Throw<DomainException>().Which.Code.Should().Be("appointment.title_too_long");
        FluentActions.Invoking(() => Appointment.Book(Guid.NewGuid(), LeadId, start, 30, null, new string('א', 2001), AppointmentSource.Api, null, Calendar, Now))
            .Should().Throw<DomainException>().Which.Code.Should().Be("appointment.notes_too_long");
    }

    [Fact]
    public void Rescheduling_keeps_the_length_and_records_both_times()
    {
        var appointment = Booked();
        appointment.MarkCommitted();

        appointment.Reschedule(At("2026-03-03T15:00:00+02:00"), "הלקוח ביקש", "user-2", Calendar, Now);

        var moved = appointment.UncommittedEvents.Should().ContainSingle().Which.Should().BeOfType<AppointmentRescheduled>().Subject;
        moved.LeadId.Should().Be(LeadId);
        moved.OldStart.Should().Be(At("2026-03-02T08:00:00Z"));
        moved.OldEnd.Should().Be(At("2026-03-02T09:00:00Z"));
        moved.NewStart.Should().Be(At("2026-03-03T13:00:00Z"));
        moved.NewEnd.Should().Be(At("2026-03-03T14:00:00Z"));
        moved.BufferMinutes.Should().Be(10);
        moved.Reason.Should().Be("הלקוח ביקש");
        moved.RescheduledBy.Should().Be("user-2");
        appointment.Start.Should().Be(moved.NewStart);
        appointment.End.Should().Be(moved.NewEnd);
    }

    [Fact]
    public void Rescheduling_to_the_same_time_changes_nothing_and_to_a_closed_time_is_refused()
    {
        var appointment = Booked();
        appointment.MarkCommitted();

        appointment.Reschedule(At("2026-03-02T08:00:00Z"), null, null, Calendar, Now);
        appointment.UncommittedEvents.Should().BeEmpty();

        FluentActions.Invoking(() => appointment.Reschedule(At("2026-03-02T17:30:00+02:00"), null, null, Calendar, Now))
            .Should().Throw<DomainException>().Which.Code.Should().Be(AppointmentCalendar.OutsideHours, "an hour from 17:30 runs past closing");
    }

    [Fact]
    public void Cancelling_needs_a_reason_happens_once_and_closes_the_appointment_to_moves()
    {
        var appointment = Booked();
        appointment.MarkCommitted();

        FluentActions.Invoking(() => appointment.Cancel("  ", "user-1", Now)).Should().Throw<DomainException>().Which.Code.Should().Be("appointment.reason_required");
        appointment.Cancel(" הלקוח חולה ", "user-1", Now);
        appointment.Cancel("שוב", "user-1", Now);

        var cancelled = appointment.UncommittedEvents.Should().ContainSingle().Which.Should().BeOfType<AppointmentCancelled>().Subject;
        cancelled.Reason.Should().Be("הלקוח חולה");
        cancelled.LeadId.Should().Be(LeadId);
        cancelled.Start.Should().Be(appointment.Start);
        appointment.Status.Should().Be(AppointmentStatus.Cancelled);
        appointment.CancelReason.Should().Be("הלקוח חולה");
        FluentActions.Invoking(() => appointment.Reschedule(At("2026-03-03T10:00:00+02:00"), null, null, Calendar, Now))
            .Should().Throw<DomainException>().Which.Code.Should().Be(Appointment.CancelledCode);
    }

    [Fact]
    public void Replaying_the_events_rebuilds_the_same_state()
    {
        var original = Booked();
        original.Reschedule(At("2026-03-04T09:00:00+02:00"), "שינוי", null, Calendar, Now);
        original.Cancel("ביטול", null, Now);

        var replayed = (Appointment)Activator.CreateInstance(typeof(Appointment), nonPublic: true)!;
        var version = 0;
        foreach (var @event in original.UncommittedEvents)
        {
            replayed.ReplayEvent(@event, ++version);
        }

        replayed.Should().BeEquivalentTo(original, o => o.Excluding(a => a.UncommittedEvents).Excluding(a => a.PersistedVersion));
        original.UncommittedEvents.Should().OnlyContain(e => (Guid)e.GetType().GetProperty("LeadId")!.GetValue(e)! == LeadId);
    }

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);
}
