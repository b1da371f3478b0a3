using MediatR;
using ProSaaS.Application.Common.Context;

namespace ProSaaS.Application.Outbound.GetOutboundTemplate;

/// <summary>One template of the actor's business, active or not; a deleted one is not found.</summary>
public sealed record GetOutboundTemplate(Guid TemplateId) : IRequest<OutboundTemplateView>;

public sealed class GetOutboundTemplateHandler(IOutboundTemplateQueries queries, IRequestContext context)
    : IRequestHandler<GetOutboundTemplate, OutboundTemplateView>
{
    public Task<OutboundTemplateView> Handle(GetOutboundTemplate request, CancellationToken cancellationToken) =>
        OutboundTemplates.RequireViewAsync(queries, context.RequireTenant(), request.TemplateId, cancellationToken);
}
