using ProSaaS.Application.Common.Paging;
using System.Text;
using System.Text.Json;
using ProSaaS.Domain.Webhooks;

namespace ProSaaS.Application.Webhooks;

/// <summary>An endpoint as people see it: never its secret, only <see cref="SecretHint"/>.</summary>
public sealed record WebhookEndpointView(
    Guid Id,
    string Url,
    string? Description,
    IReadOnlyList<string> EventTypes,
    WebhookEndpointKind Kind,
    bool Enabled,
    string SecretHint,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version);

/// <summary><see cref="Next"/> is the cursor of the following page, or null on the last page.</summary>
public sealed record WebhookEndpointPage(IReadOnlyList<WebhookEndpointView> Items, string? Next);

/// <summary>A new endpoint with its signing secret: the only answer that ever carries the secret in full.</summary>
public sealed record CreatedWebhookEndpoint(
    Guid Id,
    string Url,
    string? Description,
    IReadOnlyList<string> EventTypes,
    WebhookEndpointKind Kind,
    bool Enabled,
    string SecretHint,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version,
    string Secret)
{
    public static CreatedWebhookEndpoint From(WebhookEndpointView view, string secret) => new(
        view.Id, view.Url, view.Description, view.EventTypes, view.Kind, view.Enabled, view.SecretHint, view.CreatedAt, view.UpdatedAt,
        view.Version, secret);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Id = ").Append(Id).Append(", Url = ").Append(Url).Append(", Secret = ***");
        return true;
    }
}

/// <summary>The endpoint's new secret, shown this once.</summary>
public sealed record RotatedWebhookSecret(Guid Id, string Secret, string SecretHint, long Version)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Id = ").Append(Id).Append(", Secret = ***, SecretHint = ").Append(SecretHint).Append(", Version = ").Append(Version);
        return true;
    }
}

public enum WebhookDeliveryStatus
{
    /// <summary>Not attempted yet, or a resend is waiting.</summary>
    Pending,

    /// <summary>The endpoint answered 2xx.</summary>
    Succeeded,

    /// <summary>The last attempt failed; another is scheduled (<c>nextAttemptAt</c>).</summary>
    Failed,

    /// <summary>Every attempt failed; no more are made unless it is resent.</summary>
    Dead,
}

public enum WebhookAttemptTrigger
{
    Scheduled,
    Resend,
}

/// <summary>One message to one endpoint, with every attempt to send it.</summary>
public sealed record WebhookDeliveryView(
    Guid Id,
    Guid EndpointId,
    string EventType,
    string MessageId,
    Guid? EventId,
    WebhookDeliveryStatus Status,
    int AttemptCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? CompletedAt,
    JsonElement Payload,
    IReadOnlyList<WebhookAttemptView> Attempts);

/// <param name="StatusCode">The endpoint's HTTP status; null when no answer came (timeout, refused connection, refused address).</param>
/// <param name="Error">Why the attempt failed, shortly; null on success.</param>
/// <param name="Response">The start of the endpoint's answer body.</param>
public sealed record WebhookAttemptView(
    int Number,
    DateTimeOffset AttemptedAt,
    WebhookAttemptTrigger Trigger,
    bool Succeeded,
    int? StatusCode,
    int DurationMs,
    string? Error,
    string? Response);

public sealed record WebhookDeliveryPage(IReadOnlyList<WebhookDeliveryView> Items, string? Next);

/// <summary>Position in a newest-first list: the last item a page returned.</summary>
public sealed record WebhookCursor(DateTimeOffset CreatedAt, Guid Id)
{
    public string Encode() => CursorText.EncodeMoment(CreatedAt, Id);

    public static bool TryDecode(string? value, out WebhookCursor? cursor)
    {
        cursor = CursorText.TryDecodeMoment(value, out var at, out var id) ? new WebhookCursor(at, id) : null;
        return cursor is not null;
    }
}

/// <summary>Limits and messages shared by the webhook use cases.</summary>
public static class WebhookLimits
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;
    public const int MaxEventTypes = 20;

    public const string EndpointResource = "webhook_endpoint";
    public const string DeliveryResource = "webhook_delivery";

    public const string EndpointDisabledCode = "webhook.endpoint_disabled";
    public const string EndpointDisabledMessage = "נקודת ה-webhook מושבתת; יש להפעיל אותה לפני שליחה.";
    public const string LimitMessage = "limit חייב להיות בין 1 ל-100.";
    public const string CursorMessage = "הסמן (next) אינו תקין; השתמשו בערך שהוחזר בעמוד הקודם.";
}
