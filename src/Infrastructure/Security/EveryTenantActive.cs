using ProSaaS.Application.Auth;

namespace ProSaaS.Infrastructure.Security;

/// <summary>The default <see cref="ITenantAccessCheck"/> for deployments that register no tenant status: nobody is turned away.</summary>
public sealed class EveryTenantActive : ITenantAccessCheck
{
    public Task<TenantAccessStatus> CheckAsync(string tenantId, CancellationToken cancellationToken) =>
        Task.FromResult(TenantAccessStatus.Active);
}
