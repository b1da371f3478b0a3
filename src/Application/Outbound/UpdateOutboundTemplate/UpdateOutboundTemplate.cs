using MediatR;
using ProSaaS.Application.Auth;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Outbound.UpdateOutboundTemplate;

/// <summary>
/// Replaces a template's name, description, prompt and greeting (a null description or greeting is cleared), and activates
/// or deactivates it when <see cref="Active"/> is given (admin and above). With <see cref="ExpectedVersion"/> the change
/// applies only if the template is still at that version.
/// </summary>
public sealed record UpdateOutboundTemplate(
    Guid TemplateId,
    string? Name,
    string? Description,
    string? PromptText,
    string? GreetingTemplate,
    bool? Active = null,
    long? ExpectedVersion = null) : IRequest<OutboundTemplateView>;

public sealed class UpdateOutboundTemplateHandler(
    IEventStore eventStore, IOutboundTemplateQueries queries, IRequestContext context, TimeProvider clock)
    : IRequestHandler<UpdateOutboundTemplate, OutboundTemplateView>
{
    public async Task<OutboundTemplateView> Handle(UpdateOutboundTemplate request, CancellationToken cancellationToken)
    {
        UserAccess.RequireAtLeast(context, Role.Admin);
        var tenantId = context.RequireTenant();
        await ConcurrencyRetry.RunAsync(request.ExpectedVersion is null, async () =>
        {
            var template = await OutboundTemplates.LoadForChangeAsync(
                queries, eventStore, tenantId, request.TemplateId, request.ExpectedVersion, cancellationToken);
            await OutboundTemplates.EnsureNameFreeAsync(queries, tenantId, request.Name, template.Id, cancellationToken);
            var now = clock.GetUtcNow();
            template.Change(request.Name, request.Description, request.PromptText, request.GreetingTemplate, context.UserId, now);
            if (request.Active is { } active)
            {
                template.SetActive(active, context.UserId, now);
            }

            await eventStore.SaveAsync(template, cancellationToken);
            return template.Version;
        });

        return await OutboundTemplates.RequireViewAsync(queries, tenantId, request.TemplateId, cancellationToken);
    }
}
