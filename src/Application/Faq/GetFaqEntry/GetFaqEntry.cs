using MediatR;
using ProSaaS.Application.Common.Context;

namespace ProSaaS.Application.Faq.GetFaqEntry;

/// <summary>One entry of the actor's business's FAQ, active or not.</summary>
public sealed record GetFaqEntry(Guid EntryId) : IRequest<FaqEntryView>;

public sealed class GetFaqEntryHandler(IFaqQueries queries, IRequestContext context) : IRequestHandler<GetFaqEntry, FaqEntryView>
{
    public Task<FaqEntryView> Handle(GetFaqEntry request, CancellationToken cancellationToken) =>
        FaqEntries.RequireViewAsync(queries, context.RequireTenant(), request.EntryId, cancellationToken);
}
