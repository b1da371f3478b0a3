using System.Linq.Expressions;
using FluentValidation;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Tenants;

internal static class TenantLimitRules
{
    /// <summary>Both limits in range and outbound within the total; an omitted limit counts as its default.</summary>
    public static void AddLimitRules<T>(
        this AbstractValidator<T> validator, Expression<Func<T, int?>> maxConcurrentCalls, Expression<Func<T, int?>> maxOutboundCalls)
    {
        var concurrent = maxConcurrentCalls.Compile();
        var outbound = maxOutboundCalls.Compile();
        validator.RuleFor(maxConcurrentCalls)
            .Must(calls => calls is null || TenantLimits.IsInRange(calls.Value))
            .WithMessage($"מספר השיחות המקבילות חייב להיות בין {TenantLimits.MinCalls} ל-{TenantLimits.MaxCalls}.");
        validator.RuleFor(maxOutboundCalls)
            .Must(calls => calls is null || TenantLimits.IsInRange(calls.Value))
            .WithMessage($"מספר השיחות היוצאות המקבילות חייב להיות בין {TenantLimits.MinCalls} ל-{TenantLimits.MaxCalls}.")
            .Must((request, calls) => (calls ?? TenantLimits.DefaultMaxOutboundCalls) <= (concurrent(request) ?? TenantLimits.DefaultMaxConcurrentCalls))
            .When(request => TenantLimits.IsInRange(outbound(request) ?? TenantLimits.DefaultMaxOutboundCalls)
                             && TenantLimits.IsInRange(concurrent(request) ?? TenantLimits.DefaultMaxConcurrentCalls), ApplyConditionTo.CurrentValidator)
            .WithMessage("מספר השיחות היוצאות אינו יכול לעלות על מספר השיחות המקבילות הכולל.");
    }
}
