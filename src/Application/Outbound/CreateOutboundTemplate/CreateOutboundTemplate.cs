using MediatR;
using ProSaaS.Application.Auth;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Outbound;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Outbound.CreateOutboundTemplate;

/// <summary>
/// Adds a template for outbound calls to the actor's business (admin and above). Active unless <see cref="Active"/> is
/// false; its name must differ from the business's other templates.
/// </summary>
public sealed record CreateOutboundTemplate(
    string? Name,
    string? Description,
    string? PromptText,
    string? GreetingTemplate,
    bool? Active = null) : IRequest<OutboundTemplateView>;

public sealed class CreateOutboundTemplateHandler(
    IEventStore eventStore, IOutboundTemplateQueries queries, IRequestContext context, TimeProvider clock)
    : IRequestHandler<CreateOutboundTemplate, OutboundTemplateView>
{
    public async Task<OutboundTemplateView> Handle(CreateOutboundTemplate request, CancellationToken cancellationToken)
    {
        UserAccess.RequireAtLeast(context, Role.Admin);
        var tenantId = context.RequireTenant();
        await OutboundTemplates.EnsureNameFreeAsync(queries, tenantId, request.Name, null, cancellationToken);

        var now = clock.GetUtcNow();
        var template = OutboundTemplate.Create(Guid.CreateVersion7(now), request.Name, request.Description, request.PromptText,
            request.GreetingTemplate, request.Active ?? true, context.UserId, now);
        await eventStore.SaveAsync(template, cancellationToken);
        return await OutboundTemplates.RequireViewAsync(queries, tenantId, template.Id, cancellationToken);
    }
}
