using MediatR;
using Microsoft.AspNetCore.Authentication;
using ProSaaS.Api.Auth;
using ProSaaS.Application.Auth.GetCurrentUser;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Tenants;
using ProSaaS.Application.Tenants.AddWhatsAppIdentifier;
using ProSaaS.Application.Tenants.AssignPhoneNumber;
using ProSaaS.Application.Tenants.ChangeTenantLimits;
using ProSaaS.Application.Tenants.ChangeTenantProfile;
using ProSaaS.Application.Tenants.RemoveWhatsAppIdentifier;
using ProSaaS.Application.Tenants.CreateTenant;
using ProSaaS.Application.Tenants.GetTenantProfile;
using ProSaaS.Application.Tenants.GetTenantSettings;
using ProSaaS.Application.Tenants.ListTenants;
using ProSaaS.Application.Tenants.ReactivateTenant;
using ProSaaS.Application.Tenants.ReleasePhoneNumber;
using ProSaaS.Application.Tenants.SettingsHistory;
using ProSaaS.Application.Tenants.SuspendTenant;
using ProSaaS.Application.Tenants.UpdateTenantSettings;
using ProSaaS.Domain.Tenants;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Endpoints;

public static class TenantEndpoints
{
    public static IEndpointRouteBuilder MapTenantEndpoints(this IEndpointRouteBuilder app)
    {
        var tenants = app.MapGroup("/api/v1/tenants").WithTags("Businesses (platform)");

        tenants.MapPost("/", async (CreateTenantRequest body, IMediator mediator, CancellationToken ct) =>
            {
                var id = await mediator.Send(new CreateTenant(body.Name, body.Slug, body.TimeZone, body.MaxConcurrentCalls, body.MaxOutboundCalls), ct);
                return Results.Created($"/api/v1/tenants/{id}", new CreatedResource(id));
            })
            .ForRole(Role.SystemAdmin, "Create a business", "Slug: lower-case letters, digits and dashes, unique (409 `tenant.slug_taken`).")
            .Produces<CreatedResource>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem();

        tenants.MapGet("/", (IMediator mediator, CancellationToken ct) => mediator.Send(new ListTenants(), ct))
            .ForRole(Role.SystemAdmin, "List businesses",
                "Oldest first, each with its status, phone numbers, WhatsApp identifiers, call limits (`limits`: `maxConcurrentCalls`, " +
                "`maxOutboundCalls`), time zone and `version`.")
            .Produces<IReadOnlyList<TenantSummary>>();

        tenants.MapPost("/{id:guid}/suspend", async (Guid id, SuspendTenantRequest body, IMediator mediator, CancellationToken ct) =>
                new ResourceVersion(await mediator.Send(new SuspendTenant(id, body.Reason), ct)))
            .ForRole(Role.SystemAdmin, "Suspend a business", "Its calls are answered with a polite message and its users and keys stop working.")
            .Produces<ResourceVersion>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        tenants.MapPost("/{id:guid}/reactivate", async (Guid id, IMediator mediator, CancellationToken ct) =>
                new ResourceVersion(await mediator.Send(new ReactivateTenant(id), ct)))
            .ForRole(Role.SystemAdmin, "Reactivate a business")
            .Produces<ResourceVersion>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        tenants.MapPost("/{id:guid}/phone-numbers", async (Guid id, PhoneNumberRequest body, IMediator mediator, CancellationToken ct) =>
                new PhoneNumberAssigned(await mediator.Send(new AssignPhoneNumber(id, body.PhoneNumber), ct)))
            .ForRole(Role.SystemAdmin, "Give a business a phone number",
                "Inbound calls and messages to the number reach this business. A number belongs to one business only (409 `tenant.number_taken`).")
            .Produces<PhoneNumberAssigned>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem();

        tenants.MapDelete("/{id:guid}/phone-numbers/{phoneNumber}", async (Guid id, string phoneNumber, IMediator mediator, CancellationToken ct) =>
                new ResourceVersion(await mediator.Send(new ReleasePhoneNumber(id, phoneNumber), ct)))
            .ForRole(Role.SystemAdmin, "Take a phone number back from a business")
            .Produces<ResourceVersion>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        tenants.MapPut("/{id:guid}/limits", async (Guid id, LimitsRequest body, IMediator mediator, CancellationToken ct) =>
                new ResourceVersion(await mediator.Send(new ChangeTenantLimits(id, body.MaxConcurrentCalls, body.MaxOutboundCalls), ct)))
            .ForRole(Role.SystemAdmin, "Change a business's call limits",
                "Concurrent calls in total and of them outbound (1–100; outbound at most the total). Defaults: 5 and 3.")
            .Produces<ResourceVersion>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();

        tenants.MapPost("/{id:guid}/whatsapp-ids", async (Guid id, WhatsAppIdentifierRequest body, IMediator mediator, CancellationToken ct) =>
                new WhatsAppIdentifierAdded(await mediator.Send(new AddWhatsAppIdentifier(id, body.Identifier), ct)))
            .ForRole(Role.SystemAdmin, "Give a business a WhatsApp identifier",
                "A WhatsApp business number or provider phone-number id; messages to it reach this business. Unique across businesses (409 `tenant.whatsapp_taken`).")
            .Produces<WhatsAppIdentifierAdded>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem();

        tenants.MapDelete("/{id:guid}/whatsapp-ids/{identifier}", async (Guid id, string identifier, IMediator mediator, CancellationToken ct) =>
                new ResourceVersion(await mediator.Send(new RemoveWhatsAppIdentifier(id, identifier), ct)))
            .ForRole(Role.SystemAdmin, "Take a WhatsApp identifier back from a business")
            .Produces<ResourceVersion>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        app.MapPost("/api/v1/auth/tenant", async (SelectTenantRequest body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var tenants = await mediator.Send(new ListTenants(), ct);
                if (tenants.All(t => t.Id != body.TenantId))
                {
                    throw new NotFoundException("tenant", body.TenantId);
                }

                var user = await mediator.Send(new GetCurrentUser(), ct);
                await http.SignInAsync(AuthClaims.SessionScheme, SessionValidation.SessionPrincipal(user, body.TenantId.ToString()));
                return Results.NoContent();
            })
            .WithTags("Authentication")
            .ForRole(Role.SystemAdmin, "Select the business to act on",
                "For the system admin's session: the business-scoped endpoints then act on this business.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var business = app.MapGroup("/api/v1/business").WithTags("Business settings");

        business.MapGet("/", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetTenantProfile(), ct))
            .ForTenantRole(Role.Agent, "The business's profile", "Name, slug, time zone, address, status, phone numbers and limits.")
            .Produces<TenantProfile>();

        business.MapPut("/", async (ProfileRequest body, IMediator mediator, CancellationToken ct) =>
                new ResourceVersion(await mediator.Send(new ChangeTenantProfile(body.Name, body.TimeZone, body.ExpectedVersion, body.Address), ct)))
            .ForTenantRole(Role.Owner, "Change the business's name, time zone and address",
                "Time zone as an IANA id (default Asia/Jerusalem). `address` is the street address the assistant tells callers (one line, " +
                "up to 200 characters); omitted keeps it, empty removes it. With `expectedVersion`, a concurrent change answers 409.")
            .Produces<ResourceVersion>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem();

        business.MapGet("/settings", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetTenantSettings(), ct))
            .ForTenantRole(Role.Agent, "The assistant and business settings")
            .Produces<TenantSettingsView>();

        business.MapPut("/settings", (UpdateSettingsRequest body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new UpdateTenantSettings(body.Settings, body.ExpectedVersion), ct))
            .ForTenantRole(Role.Admin, "Change the settings",
                "Replaces the whole settings document; every invalid field is listed (400). The change is recorded with who made it " +
                "and which settings changed. With `expectedVersion`, a concurrent change answers 409.")
            .Produces<TenantSettingsUpdated>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem();

        business.MapGet("/settings/history", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetSettingsHistory(), ct))
            .ForTenantRole(Role.Admin, "The settings' versions",
                "Newest first: version 0 is the settings the business was created with, then one version per recorded change, each with " +
                "when, who (`changedBy`), which settings changed and the assistant's values at that version (`assistant`: name, greeting, " +
                "voice, gender, who speaks first, auto hang-up, silence, longest call). `tenantVersion` is the `expectedVersion` for a rollback.")
            .Produces<SettingsHistoryView>();

        business.MapPost("/settings/history/{version:int}/rollback",
                (int version, RollbackSettingsRequest? body, IMediator mediator, CancellationToken ct) =>
                    mediator.Send(new RollbackSettings(version, body?.ExpectedVersion), ct))
            .ForTenantRole(Role.Admin, "Restore the assistant settings of an earlier version",
                "Records a new change whose assistant values (those of `assistant` in the history) are that version's; hours, appointments, " +
                "lead statuses and fields, the keypad menu and the prompts stay as they are, and history is never rewritten. With " +
                "`expectedVersion` (the business's version, as `tenantVersion` or the settings' `version`), a concurrent change answers 409. " +
                "Restoring the values the business already has records nothing (`changedSettings` empty). 404 for a version that does not exist.")
            .Produces<TenantSettingsUpdated>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem();

        return app;
    }
}

public sealed record CreateTenantRequest(string Name, string Slug, string? TimeZone, int? MaxConcurrentCalls, int? MaxOutboundCalls);

public sealed record SuspendTenantRequest(string Reason);

/// <param name="PhoneNumber">Any Israeli form or E.164; stored as E.164.</param>
public sealed record PhoneNumberRequest(string PhoneNumber);

public sealed record PhoneNumberAssigned(string PhoneNumber);

public sealed record SelectTenantRequest(Guid TenantId);

public sealed record LimitsRequest(int MaxConcurrentCalls, int MaxOutboundCalls);

/// <param name="Identifier">A WhatsApp number (any Israeli form or E.164) or a provider's phone-number id.</param>
public sealed record WhatsAppIdentifierRequest(string Identifier);

public sealed record WhatsAppIdentifierAdded(string Identifier);

/// <param name="Name">The business's name.</param>
/// <param name="TimeZone">An IANA time zone; omitted keeps it.</param>
/// <param name="ExpectedVersion">The business's `version` this change was made on; 409 if it has changed since.</param>
/// <param name="Address">The street address the assistant tells callers; omitted keeps it, empty removes it.</param>
public sealed record ProfileRequest(string Name, string? TimeZone, long? ExpectedVersion, string? Address = null);

public sealed record UpdateSettingsRequest(TenantSettings Settings, long? ExpectedVersion);

/// <param name="ExpectedVersion">The business's version the rollback was chosen on; 409 if it has changed since.</param>
public sealed record RollbackSettingsRequest(long? ExpectedVersion);

public sealed record CreatedResource(Guid Id);

public sealed record ResourceVersion(long Version);
