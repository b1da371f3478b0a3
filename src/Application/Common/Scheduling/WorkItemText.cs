using ProSaaS.Domain.Common;

namespace ProSaaS.Application.Common.Scheduling;

/// <summary>Query-string values shared by the lists of reminders and tasks.</summary>
public static class WorkItemText
{
    public const string Me = "me";
    public const string Nobody = "none";

    public const string DueMessage = "due חייב להיות overdue, today או upcoming.";

    /// <summary><c>overdue</c>, <c>today</c> or <c>upcoming</c>.</summary>
    public static bool TryParseDue(string? text, out DueWindow window)
    {
        window = default;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "overdue":
                window = DueWindow.Overdue;
                return true;
            case "today":
                window = DueWindow.Today;
                return true;
            case "upcoming":
                window = DueWindow.Upcoming;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Whether a person filter is <c>me</c> or a user id (and, where allowed, <c>none</c>).</summary>
    public static bool IsPersonFilter(string? text, bool allowNobody) =>
        text is not null
        && (string.Equals(text.Trim(), Me, StringComparison.OrdinalIgnoreCase)
            || (allowNobody && string.Equals(text.Trim(), Nobody, StringComparison.OrdinalIgnoreCase))
            || Guid.TryParse(text.Trim(), out _));

    /// <summary>The id a person filter names: the caller's own for <c>me</c> (nothing matches a caller that is no user).</summary>
    public static Guid PersonOf(string text, string? callerId) =>
        string.Equals(text.Trim(), Me, StringComparison.OrdinalIgnoreCase)
            ? (Guid.TryParse(callerId, out var me) ? me : Guid.Empty)
            : Guid.Parse(text.Trim());

    public static bool IsNobody(string? text) => string.Equals(text?.Trim(), Nobody, StringComparison.OrdinalIgnoreCase);
}
