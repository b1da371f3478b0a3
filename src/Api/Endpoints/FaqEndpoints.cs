using MediatR;
using ProSaaS.Application.Common.Paging;
using ProSaaS.Application.Faq;
using ProSaaS.Application.Faq.CreateFaqEntry;
using ProSaaS.Application.Faq.DeleteFaqEntry;
using ProSaaS.Application.Faq.GetFaqEntry;
using ProSaaS.Application.Faq.ListFaqEntries;
using ProSaaS.Application.Faq.MatchFaq;
using ProSaaS.Application.Faq.UpdateFaqEntry;
using ProSaaS.Domain.Faq;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Endpoints;

/// <summary>The business's FAQ: questions the assistant answers at once, and trying a question against them.</summary>
public static class FaqEndpoints
{
    private static readonly string Fields =
        $"`question` (up to {FaqRules.MaxQuestionLength} characters) and `answer` (up to {FaqRules.MaxAnswerLength}) are required; " +
        $"`keywords` (up to {FaqRules.MaxKeywords}, each up to {FaqRules.MaxKeywordLength} characters) point at the entry when every word " +
        $"of one is in a question; `phrasings` (up to {FaqRules.MaxPhrasings}) are other ways of asking it; `channels` are " +
        "`inbound_call`, `outbound_call`, `whatsapp`. A question, phrasing or keyword needs a word that carries meaning (not only " +
        "words like \"מה\", \"יש\", \"אפשר\"). Every invalid field is listed (400).";

    public static IEndpointRouteBuilder MapFaqEndpoints(this IEndpointRouteBuilder app)
    {
        var faq = app.MapGroup("/api/v1/faq").WithTags("FAQ");

        faq.MapPost("/", async (CreateFaqEntryRequest body, IMediator mediator, CancellationToken ct) =>
            {
                var created = await mediator.Send(
                    new CreateFaqEntry(body.Question, body.Answer, body.Keywords, body.Phrasings, body.Channels, body.Active), ct);
                return Results.Created($"/api/v1/faq/{created.Id}", created);
            })
            .ForTenantRole(Role.Admin, "Add a FAQ entry",
                "On every channel unless `channels` names some; active unless `active` is false. " + Fields +
                $" A business has at most {FaqRules.MaxEntriesPerBusiness} entries (422 `faq.limit_reached`).")
            .Produces<FaqEntryView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesValidationProblem();

        faq.MapGet("/", (string? channel, bool? includeInactive, int? limit, string? next, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListFaqEntries(channel, includeInactive ?? false, limit ?? PageLimits.Default, next), ct))
            .ForTenantRole(Role.Agent, "List the FAQ",
                "Newest first: the active entries, or with `includeInactive=true` all of them; only those answering on `channel` when given. " +
                "`limit` is 1–100 (default 25); pass the `next` of a page to get the following one (null on the last page).")
            .Produces<FaqEntryPage>()
            .ProducesValidationProblem();

        faq.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetFaqEntry(id), ct))
            .ForTenantRole(Role.Agent, "Get a FAQ entry", "Active or not; a deleted entry is 404.")
            .Produces<FaqEntryView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        faq.MapPut("/{id:guid}", (Guid id, UpdateFaqEntryRequest body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new UpdateFaqEntry(
                    id, body.Question, body.Answer, body.Keywords, body.Phrasings, body.Channels, body.Active, body.ExpectedVersion), ct))
            .ForTenantRole(Role.Admin, "Change a FAQ entry",
                "Replaces the question and answer; `keywords`, `phrasings`, `channels` and `active` are replaced when given and kept when " +
                "omitted (an empty list clears the keywords or phrasings). With `expectedVersion` the change applies only if the entry is " +
                "still at that version (409 otherwise). " + Fields)
            .Produces<FaqEntryView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem();

        faq.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteFaqEntry(id), ct);
                return Results.NoContent();
            })
            .ForTenantRole(Role.Admin, "Delete a FAQ entry", "The entry stops answering at once; a later `GET` is 404.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        faq.MapPost("/match", (MatchFaqRequest body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new MatchFaq(body.Text, body.Channel), ct))
            .ForTenantRole(Role.Agent, "Try a question against the FAQ",
                "Which active entry of `channel` answers `text`, as a call would find it. Step 1: the question, normalised (niqqud, final " +
                "letters, punctuation, Hebrew prefix letters and words like \"מה\", \"יש\" aside), is an entry's question or phrasing " +
                "(`exact`, score 1), or contains every word of one of its keywords (`keyword`, 0.7–1 by how much of the question the " +
                "keywords cover); step 2: the question is close to an entry's question or phrasing, misspellings allowed (`fuzzy`, from " +
                $"{FaqMatcher.FuzzyThreshold:0.0#}). `outcome` is `matched`, `no_match`, `ambiguous` (two entries fit equally well, or " +
                "the question touches two entries' keywords: no canned answer) or `no_words`; `candidates` are the best of the deciding step.")
            .Produces<FaqMatchView>()
            .ProducesValidationProblem();

        return app;
    }
}

/// <param name="Question">The question as callers ask it (up to 300 characters).</param>
/// <param name="Answer">What the assistant answers (up to 1000 characters).</param>
/// <param name="Keywords">Words or short phrases that point at the entry when all their words are in a question.</param>
/// <param name="Phrasings">Other ways of asking the same question.</param>
/// <param name="Channels">`inbound_call`, `outbound_call`, `whatsapp`; omitted: all three.</param>
/// <param name="Active">Whether the entry answers now (default true).</param>
public sealed record CreateFaqEntryRequest(
    string? Question, string? Answer, IReadOnlyList<string?>? Keywords, IReadOnlyList<string?>? Phrasings, IReadOnlyList<string?>? Channels, bool? Active);

/// <param name="Question">The question as callers ask it.</param>
/// <param name="Answer">What the assistant answers.</param>
/// <param name="Keywords">Replaces the keywords; omitted keeps them, empty clears them.</param>
/// <param name="Phrasings">Replaces the phrasings; omitted keeps them, empty clears them.</param>
/// <param name="Channels">Replaces the channels (at least one); omitted keeps them.</param>
/// <param name="Active">Turns the entry on or off; omitted keeps it as it is.</param>
/// <param name="ExpectedVersion">The entry's `version` this change was made on; 409 if it has changed since.</param>
public sealed record UpdateFaqEntryRequest(
    string? Question,
    string? Answer,
    IReadOnlyList<string?>? Keywords,
    IReadOnlyList<string?>? Phrasings,
    IReadOnlyList<string?>? Channels,
    bool? Active,
    long? ExpectedVersion);

/// <param name="Text">The question to try (up to 1000 characters).</param>
/// <param name="Channel">`inbound_call`, `outbound_call` or `whatsapp`.</param>
public sealed record MatchFaqRequest(string? Text, string? Channel);
