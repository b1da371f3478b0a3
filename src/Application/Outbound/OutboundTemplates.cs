using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Outbound;

namespace ProSaaS.Application.Outbound;

/// <summary>Loading and checks shared by the outbound template use cases.</summary>
internal static class OutboundTemplates
{
    public const string Resource = "outbound_template";
    public const string NameTakenCode = "outbound.template_name_taken";
    public const string NameTakenMessage = "כבר יש לעסק תבנית שיחה בשם הזה.";

    /// <summary>
    /// The template as its stream tells, for a change: 404 when the business has no such template (another business's, or
    /// a deleted one), 409 when <paramref name="expectedVersion"/> is given and the template has moved on.
    /// </summary>
    public static async Task<OutboundTemplate> LoadForChangeAsync(
        IOutboundTemplateQueries queries, IEventStore eventStore, string tenantId, Guid templateId, long? expectedVersion,
        CancellationToken cancellationToken)
    {
        // The read model first: it has no row for another business's template, and hides deleted ones.
        _ = await queries.GetAsync(tenantId, templateId, cancellationToken) ?? throw new NotFoundException(Resource, templateId);
        var template = await eventStore.AggregateStreamAsync<OutboundTemplate>(templateId, cancellationToken: cancellationToken);
        if (template is null || template.IsDeleted)
        {
            throw new NotFoundException(Resource, templateId);
        }

        if (expectedVersion is { } expected && expected != template.Version)
        {
            throw new ConcurrencyException(templateId, expected, template.Version);
        }

        return template;
    }

    public static async Task EnsureNameFreeAsync(
        IOutboundTemplateQueries queries, string tenantId, string? name, Guid? exceptTemplateId, CancellationToken cancellationToken)
    {
        if (await queries.NameTakenAsync(tenantId, OutboundTemplate.CleanName(name), exceptTemplateId, cancellationToken))
        {
            throw new ConflictException(NameTakenCode, NameTakenMessage);
        }
    }

    public static async Task<OutboundTemplateView> RequireViewAsync(
        IOutboundTemplateQueries queries, string tenantId, Guid templateId, CancellationToken cancellationToken) =>
        await queries.GetAsync(tenantId, templateId, cancellationToken) ?? throw new NotFoundException(Resource, templateId);
}

/// <summary>Limits and messages of the template requests, for their validators.</summary>
public static class OutboundTemplateRules
{
    public const string NameRequiredMessage = "לתבנית חייב להיות שם.";
    public const string PromptRequiredMessage = "לתבנית חייבות להיות הנחיות לשיחה (promptText).";
    public const string LimitMessage = "limit חייב להיות בין 1 ל-100.";
    public const string CursorMessage = "הסמן (next) אינו תקין; השתמשו בערך שהוחזר בעמוד הקודם.";

    public static readonly string NameTooLongMessage = $"שם התבנית ארוך מדי (עד {OutboundTemplate.MaxNameLength} תווים).";
    public static readonly string DescriptionTooLongMessage = $"תיאור התבנית ארוך מדי (עד {OutboundTemplate.MaxDescriptionLength} תווים).";
    public static readonly string PromptTooLongMessage = $"ההנחיות ארוכות מדי (עד {OutboundTemplate.MaxPromptLength} תווים).";
}
