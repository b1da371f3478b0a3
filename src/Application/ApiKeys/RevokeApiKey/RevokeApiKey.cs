using MediatR;
using ProSaaS.Application.Auth;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.ApiKeys;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.ApiKeys.RevokeApiKey;

/// <summary>
/// Revokes a key of the actor's tenant for good (admin and above, for keys whose role they could have issued).
/// Another tenant's key is not found. Returns the key's version afterwards.
/// </summary>
public sealed record RevokeApiKey(Guid ApiKeyId) : IRequest<long>;

public sealed class RevokeApiKeyHandler(IEventStore eventStore, IRequestContext context, TimeProvider clock) : IRequestHandler<RevokeApiKey, long>
{
    public async Task<long> Handle(RevokeApiKey request, CancellationToken cancellationToken)
    {
        var actor = UserAccess.RequireAtLeast(context, Role.Admin);
        var key = await eventStore.AggregateStreamAsync<ApiKey>(request.ApiKeyId, cancellationToken: cancellationToken)
                  ?? throw new NotFoundException("api_key", request.ApiKeyId);
        if (!ApiKeyPolicy.CanIssue(actor, key.Role))
        {
            throw new ForbiddenException("אין לך הרשאה לבטל מפתח זה.");
        }

        key.Revoke(context.UserId, clock.GetUtcNow());
        await eventStore.SaveAsync(key, cancellationToken);
        return key.Version;
    }
}
