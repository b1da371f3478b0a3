using ProSaaS.Domain.Common;

namespace ProSaaS.Domain.Appointments;

/// <summary>
/// A meeting between the business and one of its leads. It is booked inside the business's hours (see
/// <see cref="AppointmentCalendar"/>), can move to another free time while booked, and ends cancelled with a reason.
/// That no two appointments of a business overlap is kept by the database, which sees every concurrent booking.
/// </summary>
[StreamType("appointment")]
public sealed class Appointment : AggregateRoot
{
    public const int MinDurationMinutes = 5;
    public const int MaxDurationMinutes = 8 * 60;
    public const int MaxTitleLength = 200;
    public const int MaxNotesLength = 2000;
    public const int MaxReasonLength = 500;

    public const string CancelledCode = "appointment.cancelled";

    private Appointment()
    {
    }

    public Guid LeadId { get; private set; }
    public DateTimeOffset Start { get; private set; }
    public DateTimeOffset End { get; private set; }
    public int BufferMinutes { get; private set; }
    public string? Title { get; private set; }
    public string? Notes { get; private set; }
    public AppointmentSource Source { get; private set; }
    public string? BookedBy { get; private set; }
    public DateTimeOffset BookedAt { get; private set; }
    public AppointmentStatus Status { get; private set; }
    public string? CancelReason { get; private set; }

    public TimeSpan Duration => End - Start;

    /// <summary>Books <paramref name="durationMinutes"/> from <paramref name="start"/>, if the calendar allows it as of <paramref name="now"/>.</summary>
    public static Appointment Book(
        Guid id,
        Guid leadId,
        DateTimeOffset start,
        int durationMinutes,
        string? title,
        string? notes,
        AppointmentSource source,
        string? bookedBy,
        AppointmentCalendar calendar,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (id == Guid.Empty)
        {
            throw new DomainException("appointment.id_required", "An appointment needs an id.");
        }

        if (leadId == Guid.Empty)
        {
            throw new DomainException("appointment.lead_required", "יש לבחור ליד לפגישה.");
        }

        EnsureDuration(durationMinutes);
        var trimmedTitle = Trimmed(title, MaxTitleLength, "appointment.title_too_long", $"הכותרת ארוכה מדי (עד {MaxTitleLength} תווים).");
        var trimmedNotes = Trimmed(notes, MaxNotesLength, "appointment.notes_too_long", $"ההערות ארוכות מדי (עד {MaxNotesLength} תווים).");
        EnsureBookable(calendar, now, start, durationMinutes);

        var appointment = new Appointment();
        var utcStart = start.ToUniversalTime();
        appointment.Raise(new AppointmentBooked(
            id, leadId, utcStart, utcStart.AddMinutes(durationMinutes), calendar.Settings.BufferMinutes,
            trimmedTitle, trimmedNotes, source, bookedBy, now.ToUniversalTime()));
        return appointment;
    }

    /// <summary>Moves the appointment to <paramref name="newStart"/>, keeping its length. The same time changes nothing.</summary>
    public void Reschedule(DateTimeOffset newStart, string? reason, string? rescheduledBy, AppointmentCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (Status == AppointmentStatus.Cancelled)
        {
            throw new DomainException(CancelledCode, "הפגישה בוטלה ולכן אי אפשר לשנות את מועדה; קבעו פגישה חדשה.");
        }

        var trimmedReason = Trimmed(reason, MaxReasonLength, "appointment.reason_too_long", $"הסיבה ארוכה מדי (עד {MaxReasonLength} תווים).");
        var utcStart = newStart.ToUniversalTime();
        if (utcStart == Start)
        {
            return;
        }

        EnsureBookable(calendar, now, newStart, (int)Duration.TotalMinutes);
        Raise(new AppointmentRescheduled(
            Id, LeadId, Start, End, utcStart, utcStart + Duration, calendar.Settings.BufferMinutes,
            trimmedReason, rescheduledBy, now.ToUniversalTime()));
    }

    /// <summary>Cancels the appointment, freeing its time. Cancelling a cancelled appointment changes nothing.</summary>
    public void Cancel(string? reason, string? cancelledBy, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("appointment.reason_required", "יש לציין את סיבת הביטול.");
        }

        var trimmedReason = Trimmed(reason, MaxReasonLength, "appointment.reason_too_long", $"הסיבה ארוכה מדי (עד {MaxReasonLength} תווים).")!;
        if (Status == AppointmentStatus.Cancelled)
        {
            return;
        }

        Raise(new AppointmentCancelled(Id, LeadId, Start, End, trimmedReason, cancelledBy, now.ToUniversalTime()));
    }

    protected override void Apply(IDomainEvent @event)
    {
        switch (@event)
        {
            case AppointmentBooked e:
                Id = e.AppointmentId;
                LeadId = e.LeadId;
                Start = e.Start;
                End = e.End;
                BufferMinutes = e.BufferMinutes;
                Title = e.Title;
                Notes = e.Notes;
                Source = e.Source;
                BookedBy = e.BookedBy;
                BookedAt = e.BookedAt;
                Status = AppointmentStatus.Booked;
                break;
            case AppointmentRescheduled e:
                Start = e.NewStart;
                End = e.NewEnd;
                BufferMinutes = e.BufferMinutes;
                break;
            case AppointmentCancelled e:
                Status = AppointmentStatus.Cancelled;
                CancelReason = e.Reason;
                break;
            default:
                throw new InvalidOperationException($"Appointment cannot apply {@event.GetType().Name}.");
        }
    }

    private static void EnsureDuration(int durationMinutes)
    {
        if (durationMinutes is < MinDurationMinutes or > MaxDurationMinutes)
        {
            throw new DomainException("appointment.duration_invalid",
                $"משך הפגישה חייב להיות בין {MinDurationMinutes} ל-{MaxDurationMinutes} דקות.");
        }
    }

    private static void EnsureBookable(AppointmentCalendar calendar, DateTimeOffset now, DateTimeOffset start, int durationMinutes)
    {
        if (calendar.Check(now, start, durationMinutes) is { } refusal)
        {
            throw new DomainException(refusal.Code, refusal.Message);
        }
    }

    private static string? Trimmed(string? text, int maxLength, string code, string message)
    {
        var trimmed = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        return trimmed is { Length: var length } && length > maxLength ? throw new DomainException(code, message) : trimmed;
    }
}
