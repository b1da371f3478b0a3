using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.EventStore;

namespace ProSaaS.Application.Users.EnableUser;

/// <summary>Lets a disabled user the actor manages sign in again. Returns the user's version.</summary>
public sealed record EnableUser(Guid UserId) : IRequest<long>;

public sealed class EnableUserHandler(IEventStore eventStore, IRequestContext context, TimeProvider clock) : IRequestHandler<EnableUser, long>
{
    public Task<long> Handle(EnableUser request, CancellationToken cancellationToken) =>
        UserAccessChange.ApplyAsync(eventStore, context, request.UserId, "לא ניתן להפעיל מחדש את המשתמש של עצמך.",
            (user, actor, actorId) => user.Enable(actor, actorId, clock.GetUtcNow()), cancellationToken);
}
