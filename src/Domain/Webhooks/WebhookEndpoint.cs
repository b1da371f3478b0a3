using ProSaaS.Domain.Common;

namespace ProSaaS.Domain.Webhooks;

/// <summary>
/// A business's outgoing webhook endpoint: where its events are POSTed, which event types, and the secret they are
/// signed with (Standard Webhooks). The address policy that depends on the deployment (https only, no private
/// targets) is checked before the aggregate is asked; here only the form of the address is.
/// </summary>
[StreamType("webhook_endpoint")]
public sealed class WebhookEndpoint : AggregateRoot
{
    public const int MaxDescriptionLength = 500;

    private WebhookEndpoint()
    {
    }

    public string Url { get; private set; } = "";
    public string? Description { get; private set; }
    public IReadOnlyList<string> EventTypes { get; private set; } = [];
    public WebhookEndpointKind Kind { get; private set; }
    public bool Enabled { get; private set; }
    public string ProtectedSecret { get; private set; } = "";
    public string SecretHint { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public bool IsDeleted { get; private set; }

    public static WebhookEndpoint Create(
        Guid id,
        string url,
        string? description,
        IEnumerable<string>? eventTypes,
        WebhookEndpointKind kind,
        bool enabled,
        string protectedSecret,
        string secretHint,
        string? createdBy,
        DateTimeOffset createdAt)
    {
        if (id == Guid.Empty)
        {
            throw new DomainException("webhook.id_required", "A webhook endpoint needs an id.");
        }

        if (!Enum.IsDefined(kind))
        {
            throw new DomainException("webhook.kind_unknown", "סוג ה-webhook אינו מוכר.");
        }

        RequireSecret(protectedSecret, secretHint);
        var endpoint = new WebhookEndpoint();
        endpoint.Raise(new WebhookEndpointCreated(
            id, NormaliseUrl(url), NormaliseDescription(description), NormaliseEventTypes(kind, eventTypes), kind, enabled,
            protectedSecret, secretHint, createdBy, createdAt));
        return endpoint;
    }

    /// <summary>Replaces the address, description, subscriptions and enabled flag. Nothing is recorded when nothing changes.</summary>
    public void Change(string url, string? description, IEnumerable<string>? eventTypes, bool enabled, string? changedBy, DateTimeOffset changedAt)
    {
        RequireNotDeleted();
        var newUrl = NormaliseUrl(url);
        var newDescription = NormaliseDescription(description);
        var newTypes = NormaliseEventTypes(Kind, eventTypes);
        if (newUrl == Url && newDescription == Description && newTypes.SequenceEqual(EventTypes, StringComparer.Ordinal) && enabled == Enabled)
        {
            return;
        }

        Raise(new WebhookEndpointChanged(Id, newUrl, newDescription, newTypes, enabled, changedBy, changedAt));
    }

    public void RotateSecret(string protectedSecret, string secretHint, string? rotatedBy, DateTimeOffset rotatedAt)
    {
        RequireNotDeleted();
        RequireSecret(protectedSecret, secretHint);
        Raise(new WebhookEndpointSecretRotated(Id, protectedSecret, secretHint, rotatedBy, rotatedAt));
    }

    public void Delete(string? deletedBy, DateTimeOffset deletedAt)
    {
        if (!IsDeleted)
        {
            Raise(new WebhookEndpointDeleted(Id, deletedBy, deletedAt));
        }
    }

    /// <summary>
    /// The subscriptions in catalogue order, without repeats. A Monday.com transcript endpoint is always subscribed to
    /// completed calls and to nothing else.
    /// </summary>
    public static IReadOnlyList<string> NormaliseEventTypes(WebhookEndpointKind kind, IEnumerable<string>? eventTypes)
    {
        var requested = (eventTypes ?? []).Select(t => (t ?? "").Trim()).Where(t => t.Length > 0).ToList();
        if (kind == WebhookEndpointKind.MondayTranscript)
        {
            if (requested.Any(t => t != WebhookEventTypes.CallCompleted))
            {
                throw new DomainException("webhook.kind_events_fixed",
                    $"חיבור תמלילים ל-Monday מקבל רק את האירוע {WebhookEventTypes.CallCompleted}.");
            }

            return [WebhookEventTypes.CallCompleted];
        }

        var unknown = requested.FirstOrDefault(t => !WebhookEventTypes.IsSubscribable(t));
        if (unknown is not null)
        {
            throw new DomainException("webhook.event_unknown", $"סוג האירוע '{unknown}' אינו מוכר.");
        }

        if (requested.Count == 0)
        {
            throw new DomainException("webhook.events_required", "יש לבחור לפחות סוג אירוע אחד.");
        }

        return WebhookEventTypes.Subscribable.Where(t => requested.Contains(t, StringComparer.Ordinal)).ToList();
    }

    protected override void Apply(IDomainEvent @event)
    {
        switch (@event)
        {
            case WebhookEndpointCreated e:
                Id = e.WebhookEndpointId;
                Url = e.Url;
                Description = e.Description;
                EventTypes = e.EventTypes;
                Kind = e.Kind;
                Enabled = e.Enabled;
                ProtectedSecret = e.ProtectedSecret;
                SecretHint = e.SecretHint;
                CreatedAt = e.CreatedAt;
                break;
            case WebhookEndpointChanged e:
                Url = e.Url;
                Description = e.Description;
                EventTypes = e.EventTypes;
                Enabled = e.Enabled;
                break;
            case WebhookEndpointSecretRotated e:
                ProtectedSecret = e.ProtectedSecret;
                SecretHint = e.SecretHint;
                break;
            case WebhookEndpointDeleted:
                IsDeleted = true;
                Enabled = false;
                break;
            default:
                throw new InvalidOperationException($"WebhookEndpoint cannot apply {@event.GetType().Name}.");
        }
    }

    private void RequireNotDeleted()
    {
        if (IsDeleted)
        {
            throw new DomainException("webhook.deleted", "נקודת ה-webhook נמחקה.");
        }
    }

    private static string NormaliseUrl(string url)
    {
        // The form only; whether http or private addresses are allowed is the deployment's policy, checked before.
        var problem = WebhookTargetRules.CheckUrl(url, allowInsecure: true, allowPrivate: true);
        if (problem is not null)
        {
            throw new DomainException(problem.Code, problem.Message);
        }

        return url.Trim();
    }

    private static string? NormaliseDescription(string? description)
    {
        var trimmed = description?.Trim();
        if (trimmed is { Length: > MaxDescriptionLength })
        {
            throw new DomainException("webhook.description_too_long", $"התיאור ארוך מדי (עד {MaxDescriptionLength} תווים).");
        }

        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    private static void RequireSecret(string protectedSecret, string secretHint)
    {
        if (string.IsNullOrWhiteSpace(protectedSecret) || string.IsNullOrWhiteSpace(secretHint))
        {
            throw new DomainException("webhook.secret_required", "A webhook endpoint needs a signing secret.");
        }
    }
}
