using System.Text;
using MediatR;
using ProSaaS.Application.Auth;
using ProSaaS.Domain.ApiKeys;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.ApiKeys.AuthenticateApiKey;

/// <summary>
/// Checks the value of an <c>Authorization: Bearer</c> header. Returns who the key acts as, or null for anything that
/// is not a live key of an active tenant (malformed, unknown, wrong secret, revoked): the host answers 401 alike.
/// </summary>
public sealed record AuthenticateApiKey(string? PresentedKey) : IRequest<AuthenticatedApiKey?>
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("PresentedKey = ***");
        return true;
    }
}

/// <summary>An authenticated API key: the principal of a third-party request.</summary>
public sealed record AuthenticatedApiKey(Guid ApiKeyId, string TenantId, Role Role, string Name);

public sealed class AuthenticateApiKeyHandler(
    IApiKeyQueries keys,
    IApiKeyGenerator generator,
    ITenantAccessCheck tenants,
    TimeProvider clock) : IRequestHandler<AuthenticateApiKey, AuthenticatedApiKey?>
{
    /// <summary>How precisely the last use is recorded.</summary>
    public static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    public async Task<AuthenticatedApiKey?> Handle(AuthenticateApiKey request, CancellationToken cancellationToken)
    {
        var presented = request.PresentedKey?.Trim();
        if (!ApiKeyFormat.TryParse(presented, out var prefix, out _))
        {
            return null;
        }

        var key = await keys.FindByPrefixAsync(prefix, cancellationToken);
        if (key is null || key.RevokedAt is not null || !generator.Verify(presented!, key.KeyHash))
        {
            return null;
        }

        if (await tenants.CheckAsync(key.TenantId, cancellationToken) != TenantAccessStatus.Active)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (key.LastUsedAt is not { } lastUsed || now - lastUsed >= LastUseResolution)
        {
            await keys.RecordUseAsync(key.TenantId, key.Id, now, LastUseResolution, cancellationToken);
        }

        return new AuthenticatedApiKey(key.Id, key.TenantId, key.Role, key.Name);
    }
}
