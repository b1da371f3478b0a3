using System.Text;
using MediatR;
using ProSaaS.Application.Auth;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.ApiKeys;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.ApiKeys.CreateApiKey;

/// <summary>
/// Issues an API key for the actor's tenant with a role no higher than the actor's (admin and above). The answer is
/// the only place the full key ever appears: only its prefix and hash are stored.
/// </summary>
public sealed record CreateApiKey(string Name, Role Role) : IRequest<CreatedApiKey>;

public sealed record CreatedApiKey(Guid Id, string Name, string Prefix, Role Role, DateTimeOffset CreatedAt, string Key)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Id = ").Append(Id).Append(", Name = ").Append(Name).Append(", Prefix = ").Append(Prefix)
            .Append(", Role = ").Append(Role).Append(", CreatedAt = ").Append(CreatedAt).Append(", Key = ***");
        return true;
    }
}

public sealed class CreateApiKeyHandler(IEventStore eventStore, IApiKeyGenerator generator, IRequestContext context, TimeProvider clock)
    : IRequestHandler<CreateApiKey, CreatedApiKey>
{
    /// <summary>Prefixes are random; a clash is rare enough that a few fresh draws always settle it.</summary>
    private const int MaxAttempts = 3;

    public async Task<CreatedApiKey> Handle(CreateApiKey request, CancellationToken cancellationToken)
    {
        var actor = UserAccess.RequireAtLeast(context, Role.Admin);
        context.RequireTenant();
        if (!ApiKeyPolicy.CanIssue(actor, request.Role))
        {
            throw new ForbiddenException("אי אפשר ליצור מפתח בתפקיד גבוה מתפקידך.");
        }

        for (var attempt = 1; ; attempt++)
        {
            var generated = generator.Generate();
            var key = ApiKey.Create(
                Guid.CreateVersion7(), request.Name, generated.Prefix, generated.Hash, request.Role, actor, context.UserId, clock.GetUtcNow());
            try
            {
                await eventStore.SaveAsync(key, cancellationToken);
            }
            catch (ConflictException ex) when (ex.Code == ApiKeyConflicts.PrefixTaken && attempt < MaxAttempts)
            {
                continue;
            }

            return new CreatedApiKey(key.Id, key.Name, key.Prefix, key.Role, key.CreatedAt, generated.Key);
        }
    }
}
