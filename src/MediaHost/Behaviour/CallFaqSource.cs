using ProSaaS.Domain.Faq;
using ProSaaS.Domain.Tenants;
using ProSaaS.Hosting.Calls;

namespace ProSaaS.MediaHost.Behaviour;

/// <summary>
/// Each call's FAQ from its configuration (<see cref="CallConfig.Faq"/>: the business's active entries for the call's
/// channel), matched by the Domain's <see cref="FaqMatcher"/>: normalised exact, then keyword, then fuzzy at
/// <see cref="FaqMatcher.FuzzyThreshold"/> or more. Only a match the matcher decides on is said word for word; an ambiguous
/// question (two entries fit equally well) or a weak one is left to the model.
/// </summary>
public sealed class CallFaqSource : ICallFaqSource
{
    public ICallFaq For(CallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Faq is not { Count: > 0 } entries)
        {
            return NoCallFaq.Instance;
        }

        var channel = config.Direction == CallDirections.Outbound ? AssistantChannel.OutboundCall : AssistantChannel.InboundCall;
        var candidates = entries.Select(e => new FaqCandidate(e.Id, e.Question, e.Answer, e.Keywords ?? [], e.Phrasings ?? [], [channel]));
        return new MatchedCallFaq(new FaqMatcher(candidates), channel);
    }

    private sealed class MatchedCallFaq(FaqMatcher matcher, AssistantChannel channel) : ICallFaq
    {
        public CallFaqAnswer? Find(string callerText)
        {
            var result = matcher.Match(callerText, channel);
            return result is { Outcome: FaqMatchOutcome.Matched, Match: { } match }
                ? new CallFaqAnswer(match.Entry.Answer, match.Score, match.MatchedOn)
                : null;
        }
    }
}
