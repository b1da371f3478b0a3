using MediatR;
using ProSaaS.Api.Auth;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Leads;
using ProSaaS.Application.Leads.CaptureLead;
using ProSaaS.Application.Leads.ChangeLeadStatus;
using ProSaaS.Application.Leads.GetLead;
using ProSaaS.Application.Leads.ListLeads;
using ProSaaS.Application.Leads.AssignLead;
using ProSaaS.Application.Leads.ChangeLeadDetails;
using ProSaaS.Application.Leads.DeleteLeads;
using ProSaaS.Application.Leads.GetLeadActivity;
using ProSaaS.Application.Leads.GetLeadBoard;
using ProSaaS.Domain.Leads;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Endpoints;

public static class LeadEndpoints
{
    public static IEndpointRouteBuilder MapLeadEndpoints(this IEndpointRouteBuilder app)
    {
        var leads = app.MapGroup("/api/v1/leads").WithTags("Leads");

        leads.MapPost("/", async (CreateLeadRequest body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                // Leads typed in the dashboard are manual; those sent by an integration come from the API.
                var source = AuthClaims.IsSession(http.User) ? LeadSource.Manual : LeadSource.Api;
                var captured = await mediator.Send(new CaptureLead(body.Name, body.Phone, body.Email, source, body.Fields), ct);
                var lead = await mediator.Send(new GetLead(captured.LeadId), ct);
                // A phone the business already has: the existing lead, enriched, rather than a duplicate.
                return captured.Merged ? Results.Ok(lead) : Results.Created($"/api/v1/leads/{captured.LeadId}", lead);
            })
            .ForTenantRole(Role.Agent, "Create a lead",
                "Records a lead of the caller's business. The phone is normalised to E.164 (any Israeli form is accepted). " +
                "A name or a phone is required. The source is `manual` from the dashboard and `api` with an API key. " +
                "A phone the business already has a lead for does not create a duplicate: the existing lead is enriched " +
                "(missing name and e-mail filled, fields added or updated), the merge is recorded, and the answer is 200 with that lead.\n\n" +
                "Send an `Idempotency-Key` header (any unique string, e.g. a UUID) to make retries safe: the same key with the same body " +
                "answers the first answer again (header `Idempotent-Replayed: true`); with another body 422 `idempotency.key_reused`; " +
                "while the first is still running 409 `idempotency.in_progress`. Keys are kept 24 hours.")
            .WithIdempotency<CreateLeadRequest>()
            .Produces<LeadView>(StatusCodes.Status201Created)
            .Produces<LeadView>()
            .ProducesValidationProblem();

        leads.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetLead(id), ct))
            .ForTenantRole(Role.Agent, "Get a lead")
            .Produces<LeadView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        leads.MapGet("/", (string? search, string? status, string? assignee, int? limit, string? next, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListLeads(search, status, limit ?? ListLeads.DefaultLimit, next, assignee), ct))
            .ForTenantRole(Role.Agent, "List leads",
                "Newest first. `search` matches any part of the name or the phone in any form (`052-123`, `+97252123`); " +
                "`status` filters by status key; `assignee` is `me`, `none` or a user id; `limit` is 1–100 (default 25); " +
                "pass the `next` of a page to get the following one (null on the last page).")
            .Produces<LeadPage>()
            .ProducesValidationProblem();

        leads.MapPost("/{id:guid}/status", async (Guid id, ChangeLeadStatusRequest body, IMediator mediator, CancellationToken ct) =>
                new LeadVersion(await mediator.Send(new ChangeLeadStatus(id, body.Status, body.Reason, body.ExpectedVersion), ct)))
            .ForTenantRole(Role.Agent, "Change a lead's status",
                "With `expectedVersion` the change applies only if the lead is still at that version (409 otherwise).")
            .Produces<LeadVersion>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem();

        leads.MapPatch("/{id:guid}", async (Guid id, UpdateLeadRequest body, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new ChangeLeadDetails(id, body.Name, body.Phone, body.Email, body.Fields, body.ExpectedVersion), ct);
                return await mediator.Send(new GetLead(id), ct);
            })
            .ForTenantRole(Role.Agent, "Correct a lead's details",
                "Send only what changes: a missing or null property stays as it is; `email: \"\"` removes the e-mail; a field " +
                "set to null or \"\" is removed. Field values are checked against the business's lead fields (settings → `leadFields`) " +
                "and stored in canonical form (numbers without separators, phones in E.164, dates as yyyy-MM-dd); unknown keys and " +
                "ill-typed values are listed under `fields.<key>`. A phone another lead of the business has → 409 `lead.phone_exists`. " +
                "With `expectedVersion` the change applies only if the lead is still at that version (409 otherwise).")
            .Produces<LeadView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem();

        leads.MapPut("/{id:guid}/assignee", async (Guid id, AssignLeadRequest body, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new AssignLead(id, body.UserId), ct);
                return await mediator.Send(new GetLead(id), ct);
            })
            .ForTenantRole(Role.Agent, "Assign a lead",
                "Gives the lead to an active user of the business (`userId`), or to nobody (`userId: null`). " +
                "A user who is not an active user of the business → 422 `lead.assignee_unknown`.")
            .Produces<LeadView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        leads.MapGet("/{id:guid}/activity", (Guid id, int? limit, string? next, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetLeadActivity(id, limit ?? GetLeadActivity.DefaultLimit, next), ct))
            .ForTenantRole(Role.Agent, "A lead's activity timeline",
                "Newest first: every recorded event of the lead and about it — captures and merges, status changes, details, " +
                "assignment, notes and files, appointments, reminders, tasks, calls and messages. Each entry has its `type` " +
                "(the event's name), a `kind` (lead, note, appointment, reminder, task, call, message, other), a Hebrew `summary`, " +
                "the `actor` who caused it and its recorded `data`. `limit` 1–200 (default 50); pass `next` for older entries.")
            .Produces<LeadActivityPage>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();

        leads.MapGet("/board", (int? perColumn, string? search, Guid? assignee, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetLeadBoard(perColumn ?? GetLeadBoard.DefaultPerColumn, search, assignee), ct))
            .ForTenantRole(Role.Agent, "The lead kanban",
                "One column per status of the business, in its order, with the number of leads in it and its `perColumn` " +
                "(1–100, default 20) most recently updated leads. Move a lead between columns with `POST /api/v1/leads/{id}/status`. " +
                "Leads in a status the business has removed appear in extra columns at the end with `isDefined: false`.")
            .Produces<LeadBoard>()
            .ProducesValidationProblem();

        leads.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                var result = await mediator.Send(new DeleteLeads([id]), ct);
                return result.Deleted.Count == 1 ? Results.NoContent() : throw new NotFoundException("lead", id);
            })
            .ForTenantRole(Role.Admin, "Delete a lead",
                "Deletes the lead with everything hanging off it — notes and their files, reminders, tasks, appointments, " +
                "notifications — and erases the personal details in its recorded activity, in one transaction.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        leads.MapPost("/bulk-delete", (BulkDeleteLeadsRequest body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new DeleteLeads(body.LeadIds ?? [], body.Reason), ct))
            .ForTenantRole(Role.Admin, "Delete many leads",
                "Deletes up to 500 leads of the business as one operation: each with everything hanging off it (notes and files, " +
                "reminders, tasks, appointments, notifications) and the personal details in its recorded activity erased. Either " +
                "every lead is deleted or — on any failure — none is. Ids the business has no lead for are listed in `notFound`; " +
                "repeating the request is harmless.")
            .Produces<DeletedLeads>()
            .ProducesValidationProblem();

        return app;
    }
}

/// <param name="Name">The lead's name.</param>
/// <param name="Phone">Any Israeli form (050-123-4567, +972501234567, 03-1234567) or E.164.</param>
/// <param name="Email">Optional e-mail address.</param>
/// <param name="Fields">Collected details (city, budget, rooms…), at most 50.</param>
public sealed record CreateLeadRequest(string? Name, string? Phone, string? Email, IReadOnlyDictionary<string, string>? Fields);

/// <param name="Status">The new status key (e.g. `contacted`).</param>
/// <param name="Reason">Why, for the activity timeline.</param>
/// <param name="ExpectedVersion">The lead's version as the caller last read it.</param>
public sealed record ChangeLeadStatusRequest(string Status, string? Reason, long? ExpectedVersion);

public sealed record LeadVersion(long Version);

/// <param name="Name">The corrected name (cannot be emptied).</param>
/// <param name="Phone">Any Israeli form or E.164.</param>
/// <param name="Email">The e-mail; an empty string removes it.</param>
/// <param name="Fields">Fields to set, by key of the business's lead fields; null or "" removes a field.</param>
/// <param name="ExpectedVersion">The lead's version as the caller last read it.</param>
public sealed record UpdateLeadRequest(string? Name, string? Phone, string? Email, Dictionary<string, string?>? Fields, long? ExpectedVersion);

/// <param name="UserId">An active user of the business, or null for nobody.</param>
public sealed record AssignLeadRequest(Guid? UserId);

/// <param name="LeadIds">1–500 lead ids.</param>
/// <param name="Reason">Why, kept with the deletion.</param>
public sealed record BulkDeleteLeadsRequest(IReadOnlyList<Guid>? LeadIds, string? Reason);

