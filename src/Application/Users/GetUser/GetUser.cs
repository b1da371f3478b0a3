using MediatR;
using ProSaaS.Application.Auth;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Users.GetUser;

/// <summary>One user of the actor's tenant (admin and above); a user of another tenant is not found.</summary>
public sealed record GetUser(Guid UserId) : IRequest<UserView>;

public sealed class GetUserHandler(IUserQueries users, IRequestContext context) : IRequestHandler<GetUser, UserView>
{
    public async Task<UserView> Handle(GetUser request, CancellationToken cancellationToken)
    {
        UserAccess.RequireAtLeast(context, Role.Admin);
        return await users.GetAsync(context.RequireTenant(), request.UserId, cancellationToken)
               ?? throw new NotFoundException("user", request.UserId);
    }
}
