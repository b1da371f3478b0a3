using ProSaaS.Application.Common.Paging;
using ProSaaS.Domain.Appointments;

namespace ProSaaS.Application.Appointments;

/// <summary>Reads of the <c>appointments</c> read model. Every method is scoped to one tenant.</summary>
public interface IAppointmentQueries
{
    Task<AppointmentRecord?> GetAsync(string tenantId, Guid appointmentId, CancellationToken cancellationToken);

    /// <summary>By start time, earliest first; <paramref name="after"/> continues after the last appointment of the previous page.</summary>
    Task<IReadOnlyList<AppointmentRecord>> ListAsync(
        string tenantId, AppointmentFilter filter, AppointmentCursor? after, int limit, CancellationToken cancellationToken);

    /// <summary>The busy ranges (time and buffer) of the booked appointments that meet [<paramref name="from"/>, <paramref name="to"/>).</summary>
    Task<IReadOnlyList<TimeRange>> BusyAsync(string tenantId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="BusyAsync(string, DateTimeOffset, DateTimeOffset, CancellationToken)"/>, leaving out the appointment
    /// <paramref name="exceptAppointmentId"/> (when given): the times it could move to, its own time included.
    /// </summary>
    Task<IReadOnlyList<TimeRange>> BusyAsync(
        string tenantId, DateTimeOffset from, DateTimeOffset to, Guid? exceptAppointmentId, CancellationToken cancellationToken);
}

/// <summary>Appointments starting in [<see cref="From"/>, <see cref="To"/>), of one status and/or one lead.</summary>
public sealed record AppointmentFilter(DateTimeOffset? From, DateTimeOffset? To, AppointmentStatus? Status, Guid? LeadId);

/// <summary>A row of the read model, its lead's name and phone joined in.</summary>
public sealed record AppointmentRecord(
    Guid Id,
    Guid LeadId,
    string? LeadName,
    string? LeadPhone,
    DateTimeOffset Start,
    DateTimeOffset End,
    AppointmentStatus Status,
    string? Title,
    string? Notes,
    AppointmentSource Source,
    string? BookedBy,
    DateTimeOffset BookedAt,
    string? CancelReason,
    DateTimeOffset UpdatedAt,
    long Version);

/// <summary>Position in the by-start order: the last appointment a page returned.</summary>
public sealed record AppointmentCursor(DateTimeOffset Start, Guid Id)
{
    public string Encode() => CursorText.EncodeMoment(Start, Id);

    public static bool TryDecode(string? value, out AppointmentCursor? cursor)
    {
        cursor = CursorText.TryDecodeMoment(value, out var at, out var id) ? new AppointmentCursor(at, id) : null;
        return cursor is not null;
    }
}
