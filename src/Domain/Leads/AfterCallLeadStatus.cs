using ProSaaS.Domain.Tenants;

namespace ProSaaS.Domain.Leads;

/// <summary>What happened in a call, as far as the lead's status is concerned.</summary>
/// <param name="CallerSpoke">The caller said at least one thing: there was a conversation.</param>
/// <param name="AppointmentBooked">The assistant booked an appointment during the call.</param>
/// <param name="HumanRequested">The caller asked for a person (a callback task, or the call was handed over).</param>
public sealed record AfterCallFacts(bool CallerSpoke, bool AppointmentBooked, bool HumanRequested);

/// <summary>Where a lead's status goes after a call, and why (a Hebrew reason for the lead's history).</summary>
public sealed record AfterCallStatusMove(string ToStatus, string Reason);

/// <summary>
/// The lead status a finished call moves its lead to. The business's own statuses are matched by key, and their order in the
/// business's list is the pipeline's order:
/// <list type="number">
/// <item>an appointment booked → the first status keyed <c>appointment</c>, <c>appointment_set</c>, <c>meeting</c> or <c>scheduled</c>;</item>
/// <item>a person requested → the first keyed <c>follow_up</c>, <c>followup</c>, <c>callback</c> or <c>call_back</c>;</item>
/// <item>a conversation with a lead still at the default (new) status → the first keyed <c>contacted</c>.</item>
/// </list>
/// The first of these that applies and that the business has, further down the list than the lead's status, wins. A lead is
/// never moved backwards, never onto or off a won or lost status, never off a status the business no longer lists, and never
/// off a status set after the call started (a person's decision stands).
/// </summary>
public static class AfterCallLeadStatus
{
    public static IReadOnlyList<string> AppointmentKeys { get; } = ["appointment", "appointment_set", "meeting", "scheduled"];
    public static IReadOnlyList<string> FollowUpKeys { get; } = ["follow_up", "followup", "callback", "call_back"];
    public static IReadOnlyList<string> ContactedKeys { get; } = ["contacted"];

    /// <param name="statuses">The business's lead statuses, in pipeline order.</param>
    /// <param name="currentStatus">The lead's status now.</param>
    /// <param name="statusSetSinceCallStart">The lead's status was set after the call started.</param>
    /// <param name="facts">What happened in the call.</param>
    /// <returns>The move, or null to leave the lead where it is.</returns>
    public static AfterCallStatusMove? Decide(
        IReadOnlyList<LeadStatusDefinition> statuses, string currentStatus, bool statusSetSinceCallStart, AfterCallFacts facts)
    {
        if (statusSetSinceCallStart)
        {
            return null;
        }

        var position = IndexOf(statuses, currentStatus);
        if (position < 0 || statuses[position].IsWon || statuses[position].IsLost)
        {
            return null;
        }

        var candidates = new List<(IReadOnlyList<string> Keys, string Reason)>();
        if (facts.AppointmentBooked)
        {
            candidates.Add((AppointmentKeys, "נקבעה פגישה בשיחה"));
        }

        if (facts.HumanRequested)
        {
            candidates.Add((FollowUpKeys, "הלקוח ביקש בשיחה שנציג יחזור אליו"));
        }

        if (facts.CallerSpoke && statuses[position].IsDefault)
        {
            candidates.Add((ContactedKeys, "התקיימה שיחה עם הלקוח"));
        }

        foreach (var (keys, reason) in candidates)
        {
            var target = keys.Select(key => IndexOf(statuses, key)).FirstOrDefault(index => index >= 0, -1);
            if (target > position && !statuses[target].IsWon && !statuses[target].IsLost)
            {
                return new AfterCallStatusMove(statuses[target].Key, "אחרי שיחה: " + reason);
            }
        }

        return null;
    }

    private static int IndexOf(IReadOnlyList<LeadStatusDefinition> statuses, string key)
    {
        for (var i = 0; i < statuses.Count; i++)
        {
            if (string.Equals(statuses[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
