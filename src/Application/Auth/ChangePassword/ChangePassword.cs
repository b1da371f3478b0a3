using System.Text;
using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Auth.ChangePassword;

/// <summary>The signed-in user replaces their own password, proving the current one. Returns the user's version.</summary>
public sealed record ChangePassword(string CurrentPassword, string NewPassword) : IRequest<long>
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("CurrentPassword = ***, NewPassword = ***");
        return true;
    }
}

public sealed class ChangePasswordHandler(IEventStore eventStore, IPasswordHasher hasher, IRequestContext context, TimeProvider clock)
    : IRequestHandler<ChangePassword, long>
{
    public async Task<long> Handle(ChangePassword request, CancellationToken cancellationToken)
    {
        var userId = UserAccess.ActingUserId(context)
                     ?? throw new AuthenticationFailedException(GetCurrentUser.GetCurrentUserHandler.SessionEndedMessage);
        var store = eventStore.ForTenant(UserAccess.OwnStreamTenant(context));
        var user = await store.AggregateStreamAsync<User>(userId, cancellationToken: cancellationToken);
        if (user is null || user.IsDisabled)
        {
            throw new AuthenticationFailedException(GetCurrentUser.GetCurrentUserHandler.SessionEndedMessage);
        }

        if (hasher.Verify(user.PasswordHash, request.CurrentPassword) == PasswordCheck.Failed)
        {
            throw new ValidationFailedException(new Dictionary<string, string[]>
            {
                ["currentPassword"] = ["הסיסמה הנוכחית שגויה."],
            });
        }

        user.ChangePassword(hasher.Hash(request.NewPassword), clock.GetUtcNow());
        await store.SaveAsync(user, cancellationToken);
        return user.Version;
    }
}
