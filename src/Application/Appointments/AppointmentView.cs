using ProSaaS.Domain.Appointments;

namespace ProSaaS.Application.Appointments;

/// <summary>
/// An appointment as clients see it: <see cref="Start"/> and <see cref="End"/> in UTC, the same moments as the business's
/// clocks show them (<see cref="LocalStart"/>, <see cref="LocalEnd"/>, with their offset) and the business's zone.
/// </summary>
public sealed record AppointmentView(
    Guid Id,
    Guid LeadId,
    string? LeadName,
    string? LeadPhone,
    DateTimeOffset Start,
    DateTimeOffset End,
    DateTimeOffset LocalStart,
    DateTimeOffset LocalEnd,
    string TimeZone,
    AppointmentStatus Status,
    string? Title,
    string? Notes,
    AppointmentSource Source,
    string? BookedBy,
    DateTimeOffset BookedAt,
    string? CancelReason,
    DateTimeOffset UpdatedAt,
    long Version)
{
    public static AppointmentView From(AppointmentRecord record, AppointmentCalendar calendar) => new(
        record.Id,
        record.LeadId,
        record.LeadName,
        record.LeadPhone,
        record.Start.ToUniversalTime(),
        record.End.ToUniversalTime(),
        calendar.ToLocal(record.Start),
        calendar.ToLocal(record.End),
        calendar.Zone.Id,
        record.Status,
        record.Title,
        record.Notes,
        record.Source,
        record.BookedBy,
        record.BookedAt.ToUniversalTime(),
        record.CancelReason,
        record.UpdatedAt.ToUniversalTime(),
        record.Version);
}

/// <summary><see cref="Next"/> is the cursor of the following page, or null on the last page.</summary>
public sealed record AppointmentPage(IReadOnlyList<AppointmentView> Items, string? Next);
