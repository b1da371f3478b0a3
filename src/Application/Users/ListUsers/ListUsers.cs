using MediatR;
using ProSaaS.Application.Auth;
using ProSaaS.Application.Common.Context;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Users.ListUsers;

/// <summary>The users of the tenant the actor works in (admin and above).</summary>
public sealed record ListUsers : IRequest<IReadOnlyList<UserView>>;

public sealed class ListUsersHandler(IUserQueries users, IRequestContext context) : IRequestHandler<ListUsers, IReadOnlyList<UserView>>
{
    public Task<IReadOnlyList<UserView>> Handle(ListUsers request, CancellationToken cancellationToken)
    {
        UserAccess.RequireAtLeast(context, Role.Admin);
        return users.ListAsync(context.RequireTenant(), cancellationToken);
    }
}
