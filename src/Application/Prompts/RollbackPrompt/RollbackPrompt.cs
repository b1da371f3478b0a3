using MediatR;
using ProSaaS.Application.Auth;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Tenants;
using ProSaaS.Application.Users;
using ProSaaS.Domain.Tenants;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Prompts.RollbackPrompt;

/// <summary>
/// Makes an earlier version's text the channel's prompt again, as a new version (admin and above); history stays as it was.
/// 404 when the business has no such version. With <see cref="BaseVersion"/> it applies only while that version is current
/// (409 <c>prompt.version_conflict</c>). Rolling back to the current text records nothing.
/// </summary>
public sealed record RollbackPrompt(string? Channel, int Version, string? Note = null, int? BaseVersion = null) : IRequest<PromptSaveResult>;

public sealed class RollbackPromptHandler(
    IEventStore eventStore, IPromptQueries queries, IUserQueries users, IRequestContext context, TimeProvider clock)
    : IRequestHandler<RollbackPrompt, PromptSaveResult>
{
    public async Task<PromptSaveResult> Handle(RollbackPrompt request, CancellationToken cancellationToken)
    {
        UserAccess.RequireAtLeast(context, Role.Admin);
        var channel = PromptAccess.Channel(request.Channel);
        var tenantId = context.RequireCurrentTenant();
        var author = await PromptAccess.AuthorAsync(users, context, cancellationToken);

        return await PromptAccess.ChangeAsync(eventStore, queries, tenantId, channel, tenant =>
            tenant.PromptText(channel, request.Version) is null
                ? throw new NotFoundException(PromptAccess.VersionResource, $"{channel.WireName()}/{request.Version}")
                : tenant.RestorePrompt(channel, request.Version, request.Note, request.BaseVersion, author, clock.GetUtcNow()),
            cancellationToken);
    }
}
