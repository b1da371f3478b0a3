using ProSaaS.Application.Auth;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Users;

/// <summary>The shared path of disabling and enabling a user of the actor's tenant.</summary>
internal static class UserAccessChange
{
    public static async Task<long> ApplyAsync(
        IEventStore eventStore,
        IRequestContext context,
        Guid userId,
        string selfMessage,
        Action<User, Role, Guid?> change,
        CancellationToken cancellationToken)
    {
        var actor = UserAccess.RequireAtLeast(context, Role.Admin);
        var user = await eventStore.AggregateStreamAsync<User>(userId, cancellationToken: cancellationToken)
                   ?? throw new NotFoundException("user", userId);
        var actorId = UserAccess.ActingUserId(context);
        if (actorId == user.Id)
        {
            throw new ForbiddenException(selfMessage);
        }

        if (!UserManagementPolicy.CanChangeAccess(actor, false, user.Role))
        {
            throw new ForbiddenException("אין לך הרשאה לנהל משתמש זה.");
        }

        change(user, actor, actorId);
        await eventStore.SaveAsync(user, cancellationToken);
        return user.Version;
    }
}
