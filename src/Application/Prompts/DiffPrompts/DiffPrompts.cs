using MediatR;
using ProSaaS.Application.Common.Context;

namespace ProSaaS.Application.Prompts.DiffPrompts;

/// <summary>The line diff from one version of a channel's prompt to another (either may be 0, the default); 404 for a missing version.</summary>
public sealed record DiffPrompts(string? Channel, int? From, int? To) : IRequest<PromptDiffView>;

public sealed class DiffPromptsHandler(IPromptQueries queries, IRequestContext context) : IRequestHandler<DiffPrompts, PromptDiffView>
{
    public async Task<PromptDiffView> Handle(DiffPrompts request, CancellationToken cancellationToken)
    {
        var channel = PromptAccess.Channel(request.Channel);
        var tenantId = context.RequireTenant();
        var from = await PromptAccess.VersionAsync(queries, tenantId, channel, request.From!.Value, cancellationToken);
        var to = await PromptAccess.VersionAsync(queries, tenantId, channel, request.To!.Value, cancellationToken);
        var lines = LineDiff.Compute(from.Text, to.Text);
        return new PromptDiffView(channel, from.Version, to.Version,
            lines.Count(l => l.Kind == DiffLineKind.Added), lines.Count(l => l.Kind == DiffLineKind.Removed), lines);
    }
}
