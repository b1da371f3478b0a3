using MediatR;
using ProSaaS.Application.Common.Paging;
using ProSaaS.Application.Prompts;
using ProSaaS.Application.Prompts.DiffPrompts;
using ProSaaS.Application.Prompts.GetPromptHistory;
using ProSaaS.Application.Prompts.GetPromptVersion;
using ProSaaS.Application.Prompts.ListPrompts;
using ProSaaS.Application.Prompts.RollbackPrompt;
using ProSaaS.Application.Prompts.SavePrompt;
using ProSaaS.Domain.Tenants;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Endpoints;

/// <summary>What the assistant is told on each channel: the prompts' versions, saving, rollback and diff.</summary>
public static class PromptEndpoints
{
    private static readonly string Channels =
        $"`channel` is one of {string.Join(", ", AssistantChannels.All.Select(c => $"`{c.WireName()}`"))} (400 otherwise).";

    public static IEndpointRouteBuilder MapPromptEndpoints(this IEndpointRouteBuilder app)
    {
        var prompts = app.MapGroup("/api/v1/prompts").WithTags("Prompts");

        prompts.MapGet("/", (IMediator mediator, CancellationToken ct) => mediator.Send(new ListPrompts(), ct))
            .ForTenantRole(Role.Agent, "List the channels and their current prompts",
                "Every channel (`inbound_call`, `outbound_call`, `whatsapp`) with its current version: the latest one saved, or version 0, " +
                "the default text, until the business saves one.")
            .Produces<IReadOnlyList<PromptChannelView>>();

        prompts.MapGet("/{channel}", (string channel, int? limit, string? next, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetPromptHistory(channel, limit ?? PageLimits.Default, next), ct))
            .ForTenantRole(Role.Agent, "A channel's current prompt and its history",
                "`current` and a page of `items`, newest first, version 0 (the default text) last. `limit` is 1–100 (default 25); pass the " +
                "`next` of a page to get the following one (null on the last page). " + Channels)
            .Produces<PromptHistoryPage>()
            .ProducesValidationProblem();

        prompts.MapGet("/{channel}/versions/{version:int}", (string channel, int version, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetPromptVersion(channel, version), ct))
            .ForTenantRole(Role.Agent, "One version of a channel's prompt", "Version 0 is the default text; a version the business has not saved is 404. " + Channels)
            .Produces<PromptVersionView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();

        prompts.MapGet("/{channel}/diff", (string channel, int? from, int? to, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new DiffPrompts(channel, from, to), ct))
            .ForTenantRole(Role.Agent, "The line diff between two versions of a channel's prompt",
                "`from` and `to` are version numbers (0: the default text). `lines` lists every line in order as `unchanged`, `removed` (with " +
                "its `fromLine`) or `added` (with its `toLine`); in a changed stretch the removed lines come first. 404 for a version the " +
                "business has not saved. " + Channels)
            .Produces<PromptDiffView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();

        prompts.MapPut("/{channel}", async (string channel, SavePromptRequest body, IMediator mediator, CancellationToken ct) =>
            {
                var result = await mediator.Send(new SavePrompt(channel, body.Text, body.Note, body.BaseVersion), ct);
                return Answer(result);
            })
            .ForTenantRole(Role.Admin, "Save a new version of a channel's prompt",
                "`text` (1–4000 characters, `{business}` is replaced by the business name) becomes the channel's next version, with its " +
                "author and time and an optional `note`. `baseVersion` is the version the text was edited from: when another version has " +
                "been saved since, nothing is saved and the answer is 409 `prompt.version_conflict` naming the current version — two " +
                "people editing at once never overwrite each other unseen. 201 with the new version; the current text again (line ends " +
                "and surrounding blanks aside) saves nothing and answers 200 with the current version, so a repeated save is harmless. " +
                "The call prompts are also the settings' `inboundPrompt`/`outboundPrompt`. " + Channels)
            .Produces<PromptVersionView>(StatusCodes.Status201Created)
            .Produces<PromptVersionView>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem();

        prompts.MapPost("/{channel}/versions/{version:int}/rollback",
                async (string channel, int version, RollbackPromptRequest? body, IMediator mediator, CancellationToken ct) =>
                {
                    var result = await mediator.Send(new RollbackPrompt(channel, version, body?.Note, body?.BaseVersion), ct);
                    return Answer(result);
                })
            .ForTenantRole(Role.Admin, "Roll a channel's prompt back to an earlier version",
                "Saves a new version whose text is that version's (0: the default text); history is never rewritten. The body is optional: " +
                "`note` (default \"שחזור גרסה N\") and `baseVersion` (when given, 409 `prompt.version_conflict` if another version has been " +
                "saved since). 201 with the new version; rolling back to the current text saves nothing (200). 404 for a version the " +
                "business has not saved. " + Channels)
            .Produces<PromptVersionView>(StatusCodes.Status201Created)
            .Produces<PromptVersionView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem();

        return app;
    }

    private static IResult Answer(PromptSaveResult result) =>
        result.Saved
            ? Results.Created($"/api/v1/prompts/{result.Current.Channel.WireName()}/versions/{result.Current.Version}", result.Current)
            : Results.Ok(result.Current);
}

/// <param name="Text">The whole prompt (1–4000 characters); `{business}` is replaced by the business name.</param>
/// <param name="Note">What changed and why (up to 200 characters).</param>
/// <param name="BaseVersion">The version the text was edited from (0 for the default text); 409 if another version was saved since.</param>
public sealed record SavePromptRequest(string? Text, string? Note, int? BaseVersion);

/// <param name="Note">Why (up to 200 characters); default "שחזור גרסה N".</param>
/// <param name="BaseVersion">When given, the version that must still be current; 409 otherwise.</param>
public sealed record RollbackPromptRequest(string? Note, int? BaseVersion);
