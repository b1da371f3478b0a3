using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Prompts.ListPrompts;

/// <summary>Every channel of the actor's business with its current prompt version (version 0 until the business saves one).</summary>
public sealed record ListPrompts : IRequest<IReadOnlyList<PromptChannelView>>;

public sealed class ListPromptsHandler(IPromptQueries queries, IRequestContext context) : IRequestHandler<ListPrompts, IReadOnlyList<PromptChannelView>>
{
    public async Task<IReadOnlyList<PromptChannelView>> Handle(ListPrompts request, CancellationToken cancellationToken)
    {
        var latest = (await queries.LatestAsync(context.RequireTenant(), cancellationToken)).ToDictionary(v => v.Channel);
        return AssistantChannels.All
            .Select(channel => new PromptChannelView(channel, latest.GetValueOrDefault(channel) ?? PromptVersionView.Default(channel)))
            .ToList();
    }
}
