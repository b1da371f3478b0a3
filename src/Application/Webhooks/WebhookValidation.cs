using FluentValidation;
using ProSaaS.Domain.Webhooks;

namespace ProSaaS.Application.Webhooks;

/// <summary>Field rules shared by creating and changing an endpoint.</summary>
internal static class WebhookValidation
{
    public static void Url<T>(IRuleBuilderInitial<T, string> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("יש להזין כתובת (URL) לשליחת ה-webhooks.")
            .MaximumLength(WebhookTargetRules.MaxUrlLength).WithMessage($"הכתובת ארוכה מדי (עד {WebhookTargetRules.MaxUrlLength} תווים).");

    public static void Description<T>(IRuleBuilderInitial<T, string?> rule) =>
        rule.MaximumLength(WebhookEndpoint.MaxDescriptionLength).WithMessage($"התיאור ארוך מדי (עד {WebhookEndpoint.MaxDescriptionLength} תווים).");

    public static void EventTypeCount<T>(IRuleBuilderInitial<T, IReadOnlyList<string>?> rule) =>
        rule.Must(types => types is null || types.Count <= WebhookLimits.MaxEventTypes)
            .WithMessage($"אפשר לבחור עד {WebhookLimits.MaxEventTypes} סוגי אירועים.");

    public static void EventType<T>(IRuleBuilderInitialCollection<T, string> rule) =>
        rule.Must(WebhookEventTypes.IsSubscribable)
            .WithMessage((_, type) => $"סוג האירוע '{type}' אינו מוכר. האפשרויות: {string.Join(", ", WebhookEventTypes.Subscribable)}.");
}
