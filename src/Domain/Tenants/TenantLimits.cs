using ProSaaS.Domain.Common;

namespace ProSaaS.Domain.Tenants;

/// <summary>How many calls a business may have at once: in total, and of those how many outbound.</summary>
public sealed record TenantLimits(int MaxConcurrentCalls, int MaxOutboundCalls)
{
    public const int DefaultMaxConcurrentCalls = 5;
    public const int DefaultMaxOutboundCalls = 3;
    public const int MinCalls = 1;
    public const int MaxCalls = 100;

    public static TenantLimits Default { get; } = new(DefaultMaxConcurrentCalls, DefaultMaxOutboundCalls);

    public static bool IsInRange(int calls) => calls is >= MinCalls and <= MaxCalls;

    internal void EnsureValid()
    {
        if (!IsInRange(MaxConcurrentCalls))
        {
            throw new DomainException("tenant.max_concurrent_calls_invalid",
                $"מספר השיחות המקבילות חייב להיות בין {MinCalls} ל-{MaxCalls}.");
        }

        if (!IsInRange(MaxOutboundCalls))
        {
            throw new DomainException("tenant.max_outbound_calls_invalid",
                $"מספר השיחות היוצאות המקבילות חייב להיות בין {MinCalls} ל-{MaxCalls}.");
        }

        if (MaxOutboundCalls > MaxConcurrentCalls)
        {
            throw new DomainException("tenant.max_outbound_calls_above_total",
                "מספר השיחות היוצאות אינו יכול לעלות על מספר השיחות המקבילות הכולל.");
        }
    }
}
