using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Users;

namespace ProSaaS.Application.Auth.GetCurrentUser;

/// <summary>
/// The signed-in user as stored now (role and name may have changed since sign-in). A session whose user is gone
/// or disabled, or whose business is suspended, is no longer valid: 401, so that the dashboard signs in again.
/// </summary>
public sealed record GetCurrentUser : IRequest<AuthenticatedUser>;

public sealed class GetCurrentUserHandler(IUserQueries users, ITenantAccessCheck tenants, IRequestContext context) : IRequestHandler<GetCurrentUser, AuthenticatedUser>
{
    public const string SessionEndedMessage = "ההתחברות אינה בתוקף. יש להתחבר מחדש.";

    public async Task<AuthenticatedUser> Handle(GetCurrentUser request, CancellationToken cancellationToken)
    {
        var userId = UserAccess.ActingUserId(context) ?? throw new AuthenticationFailedException(SessionEndedMessage);
        var user = await users.GetAsync(UserAccess.OwnStreamTenant(context), userId, cancellationToken);
        if (user is null || user.IsDisabled)
        {
            throw new AuthenticationFailedException(SessionEndedMessage);
        }

        if (user.TenantId is { } tenantId && await tenants.CheckAsync(tenantId, cancellationToken) != TenantAccessStatus.Active)
        {
            throw new AuthenticationFailedException(SessionEndedMessage);
        }

        return new AuthenticatedUser(user.Id, user.TenantId, user.Role, user.DisplayName, user.Email);
    }
}
