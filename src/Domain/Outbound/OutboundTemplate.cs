using ProSaaS.Domain.Common;

namespace ProSaaS.Domain.Outbound;

/// <summary>
/// A template for the calls a business places to its leads: a name and description for people, the prompt the assistant
/// follows and the greeting it opens with. Only an active template that is not deleted may be chosen for new calls. Deleting
/// is soft: the stream stays, so calls placed with the template can still name it.
/// </summary>
[StreamType("outbound_template")]
public sealed class OutboundTemplate : AggregateRoot
{
    public const int MaxNameLength = 120;
    public const int MaxDescriptionLength = 1000;
    public const int MaxPromptLength = 20000;

    public const string InactiveCode = "outbound.template_inactive";
    public const string InactiveMessage = "תבנית השיחה אינה פעילה או שנמחקה; בחרו תבנית פעילה.";

    private OutboundTemplate()
    {
    }

    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    public string PromptText { get; private set; } = "";
    public string? GreetingTemplate { get; private set; }
    public bool IsActive { get; private set; }
    public bool IsDeleted { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Whether new calls may use the template.</summary>
    public bool IsUsable => IsActive && !IsDeleted;

    public static OutboundTemplate Create(
        Guid id,
        string? name,
        string? description,
        string? promptText,
        string? greetingTemplate,
        bool active,
        string? createdBy,
        DateTimeOffset now)
    {
        if (id == Guid.Empty)
        {
            throw new DomainException("outbound.template_id_required", "לתבנית חסר מזהה.");
        }

        var template = new OutboundTemplate();
        template.Raise(new OutboundTemplateCreated(
            id, CleanName(name), CleanDescription(description), CleanPrompt(promptText), CleanGreeting(greetingTemplate), active,
            createdBy, Instants.Normalise(now)));
        return template;
    }

    /// <summary>Replaces the name, description, prompt and greeting; nothing is recorded when none of them changes.</summary>
    public void Change(string? name, string? description, string? promptText, string? greetingTemplate, string? changedBy, DateTimeOffset now)
    {
        EnsureNotDeleted();
        var newName = CleanName(name);
        var newDescription = CleanDescription(description);
        var newPrompt = CleanPrompt(promptText);
        var newGreeting = CleanGreeting(greetingTemplate);
        if (newName == Name && newDescription == Description && newPrompt == PromptText && newGreeting == GreetingTemplate)
        {
            return;
        }

        Raise(new OutboundTemplateChanged(Id, newName, newDescription, newPrompt, newGreeting, changedBy, Instants.Normalise(now)));
    }

    /// <summary>Makes the template available for new calls, or withdraws it; the same state records nothing.</summary>
    public void SetActive(bool active, string? changedBy, DateTimeOffset now)
    {
        EnsureNotDeleted();
        if (active == IsActive)
        {
            return;
        }

        Raise(active
            ? new OutboundTemplateActivated(Id, changedBy, Instants.Normalise(now))
            : new OutboundTemplateDeactivated(Id, changedBy, Instants.Normalise(now)));
    }

    public void Delete(string? deletedBy, DateTimeOffset now)
    {
        if (!IsDeleted)
        {
            Raise(new OutboundTemplateDeleted(Id, deletedBy, Instants.Normalise(now)));
        }
    }

    /// <summary>Refuses a template that new calls may not use.</summary>
    public void EnsureUsable()
    {
        if (!IsUsable)
        {
            throw new DomainException(InactiveCode, InactiveMessage);
        }
    }

    /// <summary>The greeting of a call to <paramref name="leadName"/> on behalf of <paramref name="businessName"/>.</summary>
    public string RenderGreeting(string? leadName, string? businessName) => OutboundGreeting.Render(GreetingTemplate, leadName, businessName);

    protected override void Apply(IDomainEvent @event)
    {
        switch (@event)
        {
            case OutboundTemplateCreated e:
                Id = e.OutboundTemplateId;
                Name = e.Name;
                Description = e.Description;
                PromptText = e.PromptText;
                GreetingTemplate = e.GreetingTemplate;
                IsActive = e.IsActive;
                CreatedAt = e.CreatedAt;
                break;
            case OutboundTemplateChanged e:
                Name = e.Name;
                Description = e.Description;
                PromptText = e.PromptText;
                GreetingTemplate = e.GreetingTemplate;
                break;
            case OutboundTemplateActivated:
                IsActive = true;
                break;
            case OutboundTemplateDeactivated:
                IsActive = false;
                break;
            case OutboundTemplateDeleted:
                IsDeleted = true;
                break;
            default:
                throw new InvalidOperationException($"OutboundTemplate cannot apply {@event.GetType().Name}.");
        }
    }

    public static string CleanName(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainException("outbound.template_name_required", "לתבנית חייב להיות שם.");
        }

        if (trimmed.Length > MaxNameLength)
        {
            throw new DomainException("outbound.template_name_too_long", $"שם התבנית ארוך מדי (עד {MaxNameLength} תווים).");
        }

        return trimmed;
    }

    private static string? CleanDescription(string? description)
    {
        var trimmed = description?.Trim();
        if (trimmed is { Length: > MaxDescriptionLength })
        {
            throw new DomainException("outbound.template_description_too_long", $"תיאור התבנית ארוך מדי (עד {MaxDescriptionLength} תווים).");
        }

        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    private static string CleanPrompt(string? promptText)
    {
        var trimmed = promptText?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainException("outbound.template_prompt_required", "לתבנית חייבות להיות הנחיות לשיחה (promptText).");
        }

        if (trimmed.Length > MaxPromptLength)
        {
            throw new DomainException("outbound.template_prompt_too_long", $"ההנחיות ארוכות מדי (עד {MaxPromptLength} תווים).");
        }

        return trimmed;
    }

    private static string? CleanGreeting(string? greetingTemplate)
    {
        var trimmed = greetingTemplate?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (OutboundGreeting.Check(trimmed) is { } problem)
        {
            throw problem;
        }

        return trimmed;
    }

    private void EnsureNotDeleted()
    {
        if (IsDeleted)
        {
            throw new DomainException("outbound.template_deleted", "התבנית נמחקה.");
        }
    }
}
