using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Domain.Faq;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Faq.MatchFaq;

/// <summary>
/// Which FAQ entry of the actor's business answers <see cref="Text"/> on <see cref="Channel"/>, as a call would find it:
/// the active entries of the channel through <see cref="FaqMatcher"/>.
/// </summary>
public sealed record MatchFaq(string? Text, string? Channel) : IRequest<FaqMatchView>;

/// <summary>The outcome, the match when there is one, and the best candidates of the deciding step.</summary>
/// <param name="Outcome"><c>matched</c>, <c>no_match</c>, <c>ambiguous</c> (two entries fit equally: no canned answer) or <c>no_words</c>.</param>
/// <param name="Match">The entry that answers, how well and how it was found; null unless matched.</param>
public sealed record FaqMatchView(FaqMatchOutcome Outcome, FaqMatchedEntry? Match, IReadOnlyList<FaqMatchedEntry> Candidates);

/// <param name="Score">0–1: 1 for an exact match; keyword matches from 0.7 by how much of the question they cover; fuzzy from 0.6.</param>
/// <param name="Step"><c>exact</c>, <c>keyword</c> or <c>fuzzy</c>.</param>
/// <param name="MatchedOn">The question, phrasing or keyword that fit.</param>
public sealed record FaqMatchedEntry(Guid EntryId, string Question, string Answer, double Score, FaqMatchStep Step, string MatchedOn);

public sealed class MatchFaqHandler(IFaqQueries queries, IRequestContext context) : IRequestHandler<MatchFaq, FaqMatchView>
{
    public async Task<FaqMatchView> Handle(MatchFaq request, CancellationToken cancellationToken)
    {
        AssistantChannels.TryParse(request.Channel, out var channel);
        var entries = await queries.ActiveAsync(context.RequireTenant(), channel, cancellationToken);
        var result = new FaqMatcher(entries.Select(e => e.ToCandidate())).Match(request.Text, channel);
        return new FaqMatchView(result.Outcome, result.Match is { } match ? View(match) : null, result.Candidates.Select(View).ToList());
    }

    private static FaqMatchedEntry View(FaqMatch match) =>
        new(match.Entry.Id, match.Entry.Question, match.Entry.Answer, Math.Round(match.Score, 3), match.Step, match.MatchedOn);
}
