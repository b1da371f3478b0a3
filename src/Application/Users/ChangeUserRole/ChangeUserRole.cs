using MediatR;
using ProSaaS.Application.Auth;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Users.ChangeUserRole;

/// <summary>
/// Gives a user of the actor's tenant another role. The actor must manage both the user's current role and the new
/// one, and nobody changes their own role. Returns the user's version afterwards.
/// </summary>
public sealed record ChangeUserRole(Guid UserId, Role Role) : IRequest<long>;

public sealed class ChangeUserRoleHandler(IEventStore eventStore, IRequestContext context, TimeProvider clock)
    : IRequestHandler<ChangeUserRole, long>
{
    public async Task<long> Handle(ChangeUserRole request, CancellationToken cancellationToken)
    {
        var actor = UserAccess.RequireAtLeast(context, Role.Admin);
        var user = await eventStore.AggregateStreamAsync<User>(request.UserId, cancellationToken: cancellationToken)
                   ?? throw new NotFoundException("user", request.UserId);
        var actorId = UserAccess.ActingUserId(context);
        if (actorId == user.Id)
        {
            throw new ForbiddenException("לא ניתן לשנות את התפקיד של עצמך.");
        }

        if (!UserManagementPolicy.CanChangeRole(actor, false, user.Role, request.Role))
        {
            throw new ForbiddenException("אין לך הרשאה להעביר משתמש זה לתפקיד המבוקש.");
        }

        user.ChangeRole(request.Role, actor, actorId, clock.GetUtcNow());
        await eventStore.SaveAsync(user, cancellationToken);
        return user.Version;
    }
}
