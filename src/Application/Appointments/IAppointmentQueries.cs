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
    public string Encode() =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Start.UtcTicks}:{Id:N}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string? value, out AppointmentCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrWhiteSpace(value) || value.Length > 100)
        {
            return false;
        }

        try
        {
            var base64 = value.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var parts = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split(':');
            if (parts.Length == 2 && long.TryParse(parts[0], out var ticks) && ticks > 0 && ticks < DateTime.MaxValue.Ticks
                && Guid.TryParseExact(parts[1], "N", out var id))
            {
                cursor = new AppointmentCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
                return true;
            }
        }
        catch (FormatException)
        {
        }

        return false;
    }
}
