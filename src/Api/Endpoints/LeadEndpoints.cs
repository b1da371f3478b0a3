using MediatR;
using ProSaaS.Api.Auth;
using ProSaaS.Application.Leads;
using ProSaaS.Application.Leads.CaptureLead;
using ProSaaS.Application.Leads.ChangeLeadStatus;
using ProSaaS.Application.Leads.GetLead;
using ProSaaS.Application.Leads.ListLeads;
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

        leads.MapGet("/", (string? search, string? status, int? limit, string? next, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListLeads(search, status, limit ?? ListLeads.DefaultLimit, next), ct))
            .ForTenantRole(Role.Agent, "List leads",
                "Newest first. `search` matches any part of the name or the phone in any form (`052-123`, `+97252123`); " +
                "`status` filters by status key; `limit` is 1–100 (default 25); pass the `next` of a page to get the following one " +
                "(null on the last page).")
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
