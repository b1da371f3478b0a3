using ProSaaS.Domain.Common;

namespace ProSaaS.Domain.Appointments;

/// <summary>How an appointment was booked.</summary>
public enum AppointmentSource
{
    /// <summary>By the assistant during a phone call.</summary>
    Call,

    /// <summary>By the assistant in a WhatsApp conversation.</summary>
    Whatsapp,

    /// <summary>By an integration through the REST API with an API key.</summary>
    Api,

    /// <summary>Entered by hand on the business's behalf (imports, back-office tools).</summary>
    Manual,

    /// <summary>By a user of the business in the dashboard.</summary>
    Dashboard,
}

public enum AppointmentStatus
{
    Booked,
    Cancelled,
}

/// <summary>
/// A meeting with a lead was booked for [<see cref="Start"/>, <see cref="End"/>). <see cref="BufferMinutes"/> are kept
/// free after it (the business's buffer at the time), so the time it holds is [start, end + buffer).
/// </summary>
[EventType("appointment_booked")]
public sealed record AppointmentBooked(
    Guid AppointmentId,
    Guid LeadId,
    DateTimeOffset Start,
    DateTimeOffset End,
    int BufferMinutes,
    string? Title,
    string? Notes,
    AppointmentSource Source,
    string? BookedBy,
    DateTimeOffset BookedAt) : IDomainEvent;

/// <summary>The appointment moved; its length is kept and the buffer is the business's at the time of the move.</summary>
[EventType("appointment_rescheduled")]
public sealed record AppointmentRescheduled(
    Guid AppointmentId,
    Guid LeadId,
    DateTimeOffset OldStart,
    DateTimeOffset OldEnd,
    DateTimeOffset NewStart,
    DateTimeOffset NewEnd,
    int BufferMinutes,
    string? Reason,
    string? RescheduledBy,
    DateTimeOffset RescheduledAt) : IDomainEvent;

/// <summary>The appointment was cancelled, for a reason; its time is free again.</summary>
[EventType("appointment_cancelled")]
public sealed record AppointmentCancelled(
    Guid AppointmentId,
    Guid LeadId,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Reason,
    string? CancelledBy,
    DateTimeOffset CancelledAt) : IDomainEvent;
