using MediatR;
using ProSaaS.Application.ApiKeys;
using ProSaaS.Application.ApiKeys.CreateApiKey;
using ProSaaS.Application.ApiKeys.ListApiKeys;
using ProSaaS.Application.ApiKeys.RevokeApiKey;
using ProSaaS.Application.Users;
using ProSaaS.Application.Users.ChangeUserRole;
using ProSaaS.Application.Users.CreateUser;
using ProSaaS.Application.Users.DisableUser;
using ProSaaS.Application.Users.EnableUser;
using ProSaaS.Application.Users.GetUser;
using ProSaaS.Application.Users.ListUserDirectory;
using ProSaaS.Application.Users.ListUsers;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Endpoints;

public static class UserEndpoints
{
    private const string ManageRule =
        "Owners manage admins and agents, admins manage agents; nobody changes their own role or gives a role they could not manage (403).";

    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/v1/users").WithTags("Users");

        users.MapGet("/", (IMediator mediator, CancellationToken ct) => mediator.Send(new ListUsers(), ct))
            .ForTenantRole(Role.Admin, "List the business's users")
            .Produces<IReadOnlyList<UserView>>();

        users.MapGet("/directory", (IMediator mediator, CancellationToken ct) => mediator.Send(new ListUserDirectory(), ct))
            .ForTenantRole(Role.Agent, "The business's people to assign work to",
                "The business's active users, by name: id, display name and role only (no e-mail, sign-in or lock details), " +
                "so that anyone from agent up can give a lead, task or reminder to a colleague.")
            .Produces<IReadOnlyList<DirectoryEntry>>();

        users.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetUser(id), ct))
            .ForTenantRole(Role.Admin, "Get a user")
            .Produces<UserView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        users.MapPost("/", async (CreateUserRequest body, IMediator mediator, CancellationToken ct) =>
            {
                var id = await mediator.Send(new CreateUser(body.Email, body.DisplayName, body.Role, body.Password, body.TenantId), ct);
                return Results.Created($"/api/v1/users/{id}", new CreatedResource(id));
            })
            .ForTenantRole(Role.Admin, "Create a user",
                ManageRule + " E-mail addresses are unique across the platform (409 `user.email_taken`). Passwords: 10–128 characters, " +
                "not only digits. Only a system admin may name another business in `tenantId` (to create its first owner).")
            .Produces<CreatedResource>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem();

        users.MapPut("/{id:guid}/role", async (Guid id, ChangeRoleRequest body, IMediator mediator, CancellationToken ct) =>
                new ResourceVersion(await mediator.Send(new ChangeUserRole(id, body.Role), ct)))
            .ForTenantRole(Role.Admin, "Change a user's role", ManageRule)
            .Produces<ResourceVersion>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();

        users.MapPost("/{id:guid}/disable", async (Guid id, IMediator mediator, CancellationToken ct) =>
                new ResourceVersion(await mediator.Send(new DisableUser(id), ct)))
            .ForTenantRole(Role.Admin, "Disable a user", ManageRule + " A disabled user's sessions end at their next request.")
            .Produces<ResourceVersion>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        users.MapPost("/{id:guid}/enable", async (Guid id, IMediator mediator, CancellationToken ct) =>
                new ResourceVersion(await mediator.Send(new EnableUser(id), ct)))
            .ForTenantRole(Role.Admin, "Enable a user", ManageRule)
            .Produces<ResourceVersion>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        var keys = app.MapGroup("/api/v1/api-keys").WithTags("API keys");

        keys.MapGet("/", (IMediator mediator, CancellationToken ct) => mediator.Send(new ListApiKeys(), ct))
            .ForTenantRole(Role.Admin, "List API keys", "Name, prefix, role, creation and last use; never the key itself.")
            .Produces<IReadOnlyList<ApiKeyView>>();

        keys.MapPost("/", async (CreateApiKeyRequest body, IMediator mediator, CancellationToken ct) =>
            {
                var created = await mediator.Send(new CreateApiKey(body.Name, body.Role), ct);
                return Results.Created($"/api/v1/api-keys/{created.Id}", created);
            })
            .ForTenantRole(Role.Admin, "Create an API key",
                "The answer is the only time the key is shown: it is stored as a hash. A key's role is at most the creator's. " +
                "Third parties send it as `Authorization: Bearer <key>`.")
            .Produces<CreatedApiKey>(StatusCodes.Status201Created)
            .ProducesValidationProblem();

        keys.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                new ResourceVersion(await mediator.Send(new RevokeApiKey(id), ct)))
            .ForTenantRole(Role.Admin, "Revoke an API key", "Calls with a revoked key answer 401 from then on.")
            .Produces<ResourceVersion>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }
}

/// <param name="TenantId">Only for a system admin creating a user of another business (such as its first owner).</param>
public sealed record CreateUserRequest(string Email, string DisplayName, Role Role, string Password, string? TenantId);

public sealed record ChangeRoleRequest(Role Role);

public sealed record CreateApiKeyRequest(string Name, Role Role);
