using MediatR;
using ProSaaS.Application.Auth;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Outbound.DeleteOutboundTemplate;

/// <summary>
/// Removes a template from the actor's business (admin and above): it leaves the lists and can no longer be used, while
/// calls placed with it keep its name. Deleting it again is not found. Returns the stream's version afterwards.
/// </summary>
public sealed record DeleteOutboundTemplate(Guid TemplateId) : IRequest<long>;

public sealed class DeleteOutboundTemplateHandler(
    IEventStore eventStore, IOutboundTemplateQueries queries, IRequestContext context, TimeProvider clock)
    : IRequestHandler<DeleteOutboundTemplate, long>
{
    public async Task<long> Handle(DeleteOutboundTemplate request, CancellationToken cancellationToken)
    {
        UserAccess.RequireAtLeast(context, Role.Admin);
        var tenantId = context.RequireTenant();
        var template = await OutboundTemplates.LoadForChangeAsync(queries, eventStore, tenantId, request.TemplateId, null, cancellationToken);
        template.Delete(context.UserId, clock.GetUtcNow());
        await eventStore.SaveAsync(template, cancellationToken);
        return template.Version;
    }
}
