using MediatR;
using ProSaaS.Application.Common.Paging;
using ProSaaS.Application.Outbound;
using ProSaaS.Application.Outbound.CreateOutboundTemplate;
using ProSaaS.Application.Outbound.DeleteOutboundTemplate;
using ProSaaS.Application.Outbound.GetOutboundTemplate;
using ProSaaS.Application.Outbound.ListOutboundTemplates;
using ProSaaS.Application.Outbound.UpdateOutboundTemplate;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Endpoints;

/// <summary>Outbound calls: the templates a business's calls to its leads follow.</summary>
public static class OutboundEndpoints
{
    private const string Greeting =
        "`greetingTemplate` is the call's opening line; it may use `{lead_name}` and `{business}` (any other placeholder or a stray " +
        "brace is refused, 400). Without it the default `שלום {lead_name}, מדברים מ{business}.` is used. When the lead has no name " +
        "the placeholder is left out and the sentence mended (`שלום {lead_name}, …` → `שלום, …`).";

    public static IEndpointRouteBuilder MapOutboundEndpoints(this IEndpointRouteBuilder app)
    {
        var templates = app.MapGroup("/api/v1/outbound/templates").WithTags("Outbound calls");

        templates.MapPost("/", async (CreateOutboundTemplateRequest body, IMediator mediator, CancellationToken ct) =>
            {
                var created = await mediator.Send(
                    new CreateOutboundTemplate(body.Name, body.Description, body.PromptText, body.GreetingTemplate, body.Active), ct);
                return Results.Created($"/api/v1/outbound/templates/{created.Id}", created);
            })
            .ForTenantRole(Role.Admin, "Create an outbound call template",
                "A template names what the assistant is told on calls to leads (`promptText`) and how it opens them. Active unless " +
                "`active` is false. Names are unique among the business's templates (409 `outbound.template_name_taken`). " + Greeting)
            .Produces<OutboundTemplateView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesValidationProblem();

        templates.MapGet("/", (bool? includeInactive, int? limit, string? next, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListOutboundTemplates(includeInactive ?? false, limit ?? PageLimits.Default, next), ct))
            .ForTenantRole(Role.Agent, "List outbound call templates",
                "Newest first: the active templates, or with `includeInactive=true` the inactive ones too. Deleted templates are never " +
                "listed. `limit` is 1–100 (default 25); pass the `next` of a page to get the following one (null on the last page).")
            .Produces<OutboundTemplatePage>()
            .ProducesValidationProblem();

        templates.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetOutboundTemplate(id), ct))
            .ForTenantRole(Role.Agent, "Get an outbound call template", "Active or not; a deleted template is 404.")
            .Produces<OutboundTemplateView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        templates.MapPut("/{id:guid}", (Guid id, UpdateOutboundTemplateRequest body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new UpdateOutboundTemplate(
                    id, body.Name, body.Description, body.PromptText, body.GreetingTemplate, body.Active, body.ExpectedVersion), ct))
            .ForTenantRole(Role.Admin, "Change an outbound call template",
                "Replaces the name, description, prompt and greeting (an omitted or null description or greeting is cleared); `active` " +
                "activates or deactivates the template when given. With `expectedVersion` the change applies only if the template is " +
                "still at that version (409 otherwise). " + Greeting)
            .Produces<OutboundTemplateView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesValidationProblem();

        templates.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteOutboundTemplate(id), ct);
                return Results.NoContent();
            })
            .ForTenantRole(Role.Admin, "Delete an outbound call template",
                "The template leaves the lists and can no longer be used for calls (a later `GET` is 404); calls already placed with it " +
                "keep showing its name.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }
}

/// <param name="Name">The template's name, unique in the business (up to 120 characters).</param>
/// <param name="Description">What the template is for, for people (up to 1000 characters).</param>
/// <param name="PromptText">What the assistant is told to do on these calls (up to 20000 characters).</param>
/// <param name="GreetingTemplate">The opening line, with `{lead_name}` and `{business}`; omitted for the default.</param>
/// <param name="Active">Whether calls may use the template now (default true).</param>
public sealed record CreateOutboundTemplateRequest(string? Name, string? Description, string? PromptText, string? GreetingTemplate, bool? Active);

/// <param name="Name">The template's name, unique in the business.</param>
/// <param name="Description">What the template is for; omitted or null clears it.</param>
/// <param name="PromptText">What the assistant is told to do on these calls.</param>
/// <param name="GreetingTemplate">The opening line, with `{lead_name}` and `{business}`; omitted or null for the default.</param>
/// <param name="Active">Activates (true) or deactivates (false) the template; omitted leaves it as it is.</param>
/// <param name="ExpectedVersion">The template's `version` this change was made on; 409 if it has changed since.</param>
public sealed record UpdateOutboundTemplateRequest(
    string? Name, string? Description, string? PromptText, string? GreetingTemplate, bool? Active, long? ExpectedVersion);
