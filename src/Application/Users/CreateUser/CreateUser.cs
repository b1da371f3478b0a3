using System.Text;
using MediatR;
using ProSaaS.Application.Auth;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Users.CreateUser;

/// <summary>
/// Creates a user in the actor's tenant with a role the actor manages; returns the new user's id. Only the system
/// admin names the tenant (<see cref="TenantId"/>: e.g. a new business's first owner); for everyone else it is the
/// tenant they act in. E-mails are unique across the platform.
/// </summary>
public sealed record CreateUser(string Email, string DisplayName, Role Role, string Password, string? TenantId = null) : IRequest<Guid>
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Email = ").Append(Email).Append(", DisplayName = ").Append(DisplayName)
            .Append(", Role = ").Append(Role).Append(", Password = ***, TenantId = ").Append(TenantId);
        return true;
    }
}

public sealed class CreateUserHandler(
    IUserQueries users,
    IEventStore eventStore,
    IPasswordHasher hasher,
    ITenantAccessCheck tenants,
    IRequestContext context,
    TimeProvider clock) : IRequestHandler<CreateUser, Guid>
{
    public async Task<Guid> Handle(CreateUser request, CancellationToken cancellationToken)
    {
        var actor = UserAccess.RequireAtLeast(context, Role.Admin);
        if (!UserManagementPolicy.CanCreate(actor, request.Role))
        {
            throw new ForbiddenException("אין לך הרשאה ליצור משתמש בתפקיד זה.");
        }

        var tenantId = await ResolveTenantAsync(actor, request.TenantId, cancellationToken);
        var email = User.NormaliseEmail(request.Email);
        if (await users.FindByEmailAsync(email, cancellationToken) is not null)
        {
            throw new ConflictException(UserConflicts.EmailTaken, UserConflicts.EmailTakenMessage);
        }

        var user = User.Create(
            Guid.CreateVersion7(), tenantId, email, request.DisplayName, request.Role, hasher.Hash(request.Password), clock.GetUtcNow());

        // The read model's unique e-mail index, written in this append's transaction, settles a race between two creates.
        await eventStore.ForTenant(tenantId).SaveAsync(user, cancellationToken);
        return user.Id;
    }

    private async Task<string> ResolveTenantAsync(Role actor, string? requestedTenant, CancellationToken cancellationToken)
    {
        if (actor != Role.SystemAdmin)
        {
            var own = context.RequireTenant();
            if (requestedTenant is not null && !string.Equals(requestedTenant, own, StringComparison.Ordinal))
            {
                throw new ForbiddenException("רק מנהל מערכת יכול ליצור משתמש בעסק אחר.");
            }

            return own;
        }

        var tenantId = requestedTenant ?? context.TenantId;
        if (string.IsNullOrWhiteSpace(tenantId))
        {
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["tenantId"] = ["יש לבחור עסק."] });
        }

        if (await tenants.CheckAsync(tenantId, cancellationToken) == TenantAccessStatus.Unknown)
        {
            throw new NotFoundException("tenant", tenantId);
        }

        return tenantId;
    }
}
