using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.EventStore;

namespace ProSaaS.Application.Users.DisableUser;

/// <summary>Stops a user the actor manages from signing in; nobody disables themselves. Returns the user's version.</summary>
public sealed record DisableUser(Guid UserId) : IRequest<long>;

public sealed class DisableUserHandler(IEventStore eventStore, IRequestContext context, TimeProvider clock) : IRequestHandler<DisableUser, long>
{
    public Task<long> Handle(DisableUser request, CancellationToken cancellationToken) =>
        UserAccessChange.ApplyAsync(eventStore, context, request.UserId, "לא ניתן להשבית את המשתמש של עצמך.",
            (user, actor, actorId) => user.Disable(actor, actorId, clock.GetUtcNow()), cancellationToken);
}
