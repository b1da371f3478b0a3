using MediatR;
using ProSaaS.Application.Common.Paging;
using ProSaaS.Application.Outbound;
using ProSaaS.Application.Outbound.CreateOutboundTemplate;
using ProSaaS.Application.Outbound.DeleteOutboundTemplate;
using ProSaaS.Application.Outbound.GetOutboundTemplate;
using ProSaaS.Application.Outbound.ListOutboundTemplates;
using ProSaaS.Application.Outbound.StartOutboundCalls;
using ProSaaS.Application.Outbound.UpdateOutboundTemplate;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Endpoints;

/// <summary>Outbound calls: starting calls to leads, and the templates they follow.</summary>
public static class OutboundEndpoints
{
    private const string Greeting =
        "`greetingTemplate` is the call's opening line; it may use `{lead_name}` and `{business}` (any other placeholder or a stray " +
        "brace is refused, 400). Without it the default `שלום {lead_name}, מדברים מ{business}.` is used. When the lead has no name " +
        "the placeholder is left out and the sentence mended (`שלום {lead_name}, …` → `שלום, …`).";

    public static IEndpointRouteBuilder MapOutboundEndpoints(this IEndpointRouteBuilder app)
    {
        var calls = app.MapGroup("/api/v1/outbound/calls").WithTags("Outbound calls");

        calls.MapPost("/", async (StartOutboundCallsRequest body, IMediator mediator, CancellationToken ct) =>
                Results.Json(await mediator.Send(new StartOutboundCalls(body.LeadIds!, body.TemplateId ?? Guid.Empty), ct),
                    statusCode: StatusCodes.Status202Accepted))
            .ForTenantRole(Role.Agent, "Call leads",
                "The assistant calls one to three distinct leads of the business (`leadIds`) with an active outbound template " +
                "(`templateId`), from the business's first phone number. 202: `calls` lists one call per lead, in the order given — " +
                "`status` `queued` when the telephony provider took the call (follow it in `GET /api/v1/calls/{id}`), or `failed` with " +
                "`errorCode` and a Hebrew `error` when it could not be placed (the others still go ahead). All or nothing on the limits: " +
                "when the business cannot take every call now (default 3 outbound at once, 5 calls in all) the answer is 429 " +
                "`outbound.limit_reached` with `Retry-After` and nothing is started. 404 for a lead or template not of the business; 422 " +
                "`outbound.template_inactive`, `outbound.lead_without_phone`, `outbound.no_caller_number`, `outbound.tenant_suspended`; " +
                "502 when not one call could be placed because the provider refused or did not answer (no slot is left taken); 503 " +
                "`telephony.not_configured` without the Api's public address. Send an `Idempotency-Key` header to make retries safe: " +
                "the same key with the same body answers the first answer again and rings no one twice.")
            .WithIdempotency<StartOutboundCallsRequest>()
            .Produces<OutboundCallsStarted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesValidationProblem();

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

/// <param name="LeadIds">The leads to call: one to three, each once.</param>
/// <param name="TemplateId">The active outbound template the calls follow.</param>
public sealed record StartOutboundCallsRequest(IReadOnlyList<Guid>? LeadIds, Guid? TemplateId);

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
