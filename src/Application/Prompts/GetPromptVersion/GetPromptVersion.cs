using MediatR;
using ProSaaS.Application.Common.Context;

namespace ProSaaS.Application.Prompts.GetPromptVersion;

/// <summary>One version of a channel's prompt (0: the default text); 404 when the business has no such version.</summary>
public sealed record GetPromptVersion(string? Channel, int Version) : IRequest<PromptVersionView>;

public sealed class GetPromptVersionHandler(IPromptQueries queries, IRequestContext context) : IRequestHandler<GetPromptVersion, PromptVersionView>
{
    public Task<PromptVersionView> Handle(GetPromptVersion request, CancellationToken cancellationToken) =>
        PromptAccess.VersionAsync(queries, context.RequireTenant(), PromptAccess.Channel(request.Channel), request.Version, cancellationToken);
}
