using ProSaaS.Application.Common.Errors;

namespace ProSaaS.Application.Outbound;

/// <summary>How many leads one start may call, and what a business at its call limits is told.</summary>
public static class OutboundCallLimits
{
    /// <summary>The most leads one request may call at once.</summary>
    public const int MaxLeadsPerStart = 3;

    public const string LimitReachedCode = "outbound.limit_reached";

    /// <summary>How long a refused caller is told to wait before trying again (<c>Retry-After</c>).</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(60);

    /// <summary>The business already has <paramref name="limit"/> outbound calls going.</summary>
    public static string OutboundLimitMessage(int active, int limit) =>
        $"כל הקווים היוצאים תפוסים כרגע ({active} מתוך {limit}). נסו שוב בעוד כמה דקות.";

    /// <summary>The business's calls in both directions together are at <paramref name="limit"/>.</summary>
    public static string TotalLimitMessage(int active, int limit) =>
        $"כל הקווים של העסק תפוסים כרגע ({active} שיחות פעילות מתוך {limit}). נסו שוב בעוד כמה דקות.";

    /// <summary>Some outbound lines are free, but fewer than the calls asked for.</summary>
    public static string OutboundShortMessage(int active, int limit) =>
        $"אפשר להתחיל כרגע רק עוד {Calls(limit - active, "שיחה יוצאת אחת", "שיחות יוצאות")} ({active} מתוך {limit} קווים יוצאים תפוסים). " +
        "בחרו פחות לידים או נסו שוב בעוד כמה דקות.";

    /// <summary>Some of the business's lines are free, but fewer than the calls asked for.</summary>
    public static string TotalShortMessage(int active, int limit) =>
        $"אפשר להתחיל כרגע רק עוד {Calls(limit - active, "שיחה אחת", "שיחות")} ({active} שיחות פעילות מתוך {limit}). " +
        "בחרו פחות לידים או נסו שוב בעוד כמה דקות.";

    private static string Calls(int count, string one, string many) => count switch
    {
        1 => one,
        2 => "שתי " + many,
        _ => $"{count} {many}",
    };
}

/// <summary>
/// New outbound calls would take the business over its limits (HTTP 429 <c>outbound.limit_reached</c> with
/// <c>Retry-After</c>). Nothing was placed.
/// </summary>
public sealed class OutboundCallLimitException(string message, int active, int limit, TimeSpan? retryAfter = null) : AppException(message)
{
    public string Code => OutboundCallLimits.LimitReachedCode;
    public int Active { get; } = active;
    public int Limit { get; } = limit;
    public TimeSpan RetryAfter { get; } = retryAfter ?? OutboundCallLimits.DefaultRetryAfter;

    /// <summary>The business's outbound calls are at their limit, or too close to it for the calls asked for.</summary>
    public static OutboundCallLimitException Outbound(int active, int limit, TimeSpan? retryAfter = null) =>
        new(active < limit ? OutboundCallLimits.OutboundShortMessage(active, limit) : OutboundCallLimits.OutboundLimitMessage(active, limit),
            active, limit, retryAfter);

    /// <summary>The business's calls in total are at their limit, or too close to it for the calls asked for.</summary>
    public static OutboundCallLimitException Total(int active, int limit, TimeSpan? retryAfter = null) =>
        new(active < limit ? OutboundCallLimits.TotalShortMessage(active, limit) : OutboundCallLimits.TotalLimitMessage(active, limit),
            active, limit, retryAfter);
}
