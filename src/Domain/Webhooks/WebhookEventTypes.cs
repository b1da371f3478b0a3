namespace ProSaaS.Domain.Webhooks;

/// <summary>
/// The public event types an outgoing webhook endpoint can subscribe to. These names are a contract with third
/// parties: add new ones freely, never rename or remove one.
/// </summary>
public static class WebhookEventTypes
{
    public const string LeadCreated = "lead.created";
    public const string LeadUpdated = "lead.updated";
    public const string LeadDeleted = "lead.deleted";
    public const string AppointmentBooked = "appointment.booked";
    public const string AppointmentRescheduled = "appointment.rescheduled";
    public const string AppointmentCancelled = "appointment.cancelled";
    public const string CallCompleted = "call.completed";

    /// <summary>Sent on request to check an endpoint; needs no subscription.</summary>
    public const string Test = "webhook.test";

    /// <summary>Every type an endpoint can subscribe to, in the order they are listed to people.</summary>
    public static IReadOnlyList<string> Subscribable { get; } =
    [
        LeadCreated, LeadUpdated, LeadDeleted, AppointmentBooked, AppointmentRescheduled, AppointmentCancelled, CallCompleted,
    ];

    public static bool IsSubscribable(string? eventType) => eventType is not null && Subscribable.Contains(eventType, StringComparer.Ordinal);
}

/// <summary>
/// What an endpoint is for. A generic endpoint receives the public payload of every type it subscribes to; a
/// Monday.com transcript endpoint receives completed calls only, shaped for a Monday board (the transcript as text).
/// </summary>
public enum WebhookEndpointKind
{
    Generic,
    MondayTranscript,
}
