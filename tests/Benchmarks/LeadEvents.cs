using ProSaaS.Domain.Common;
using ProSaaS.Domain.Leads;

namespace ProSaaS.Benchmarks;

/// <summary>
/// The events the benchmarks append: a lead captured with a realistic payload, then status changes along the funnel.
/// Every benchmark and baseline appends the same shapes, so the JSON payloads are the same size.
/// </summary>
public static class LeadEvents
{
    public static readonly string[] Funnel = ["new", "contacted", "qualified", "proposal", "negotiation", "won"];

    private static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["campaign"] = "spring-2025-search",
        ["landing_page"] = "/pricing",
        ["utm_source"] = "google",
    };

    private static int _phoneSequence;

    /// <summary>A new lead stream of <paramref name="count"/> events: captured, then count − 1 status changes.</summary>
    public static IReadOnlyList<IDomainEvent> NewStream(Guid leadId, int count, DateTimeOffset at)
    {
        var events = new IDomainEvent[count];
        // One lead per phone per business: every stream gets a number of its own.
        var phone = "+97250" + (Interlocked.Increment(ref _phoneSequence) % 10_000_000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
        events[0] = new LeadCaptured(leadId, "Dana Levi", phone, "dana.levi@example.co.il", LeadSource.Call, Fields, Funnel[0], at);
        for (var i = 1; i < count; i++)
        {
            // Walks the funnel and back again, so any length is valid.
            var from = Funnel[StepIndex(i - 1)];
            var to = Funnel[StepIndex(i)];
            events[i] = new LeadStatusChanged(leadId, from, to, "follow-up call", at);
        }

        return events;
    }

    /// <summary>The funnel status after <paramref name="step"/> changes: 0,1,…,5,4,…,1,0,1,…</summary>
    public static int StepIndex(int step)
    {
        var period = 2 * (Funnel.Length - 1);
        var r = step % period;
        return r < Funnel.Length ? r : period - r;
    }
}
