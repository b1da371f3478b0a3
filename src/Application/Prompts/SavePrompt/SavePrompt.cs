using MediatR;
using ProSaaS.Application.Auth;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Tenants;
using ProSaaS.Application.Users;
using ProSaaS.Domain.Tenants;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Prompts.SavePrompt;

/// <summary>
/// Saves a new version of a channel's prompt for the actor's business (admin and above). <see cref="BaseVersion"/> is the
/// version the text was edited from: when another version has been saved since, nothing is recorded and the answer is 409
/// <c>prompt.version_conflict</c>. The current text again records nothing and answers the current version (a repeated save is
/// harmless).
/// </summary>
public sealed record SavePrompt(string? Channel, string? Text, string? Note, int? BaseVersion) : IRequest<PromptSaveResult>;

public sealed class SavePromptHandler(
    IEventStore eventStore, IPromptQueries queries, IUserQueries users, IRequestContext context, TimeProvider clock)
    : IRequestHandler<SavePrompt, PromptSaveResult>
{
    public async Task<PromptSaveResult> Handle(SavePrompt request, CancellationToken cancellationToken)
    {
        UserAccess.RequireAtLeast(context, Role.Admin);
        var channel = PromptAccess.Channel(request.Channel);
        var tenantId = context.RequireCurrentTenant();
        var author = await PromptAccess.AuthorAsync(users, context, cancellationToken);

        // The base version is the guard against lost edits; a race with any other change of the business is simply retried.
        return await PromptAccess.ChangeAsync(eventStore, queries, tenantId, channel,
            tenant => tenant.SavePrompt(channel, request.Text, request.Note, request.BaseVersion!.Value, author, clock.GetUtcNow()),
            cancellationToken);
    }
}
