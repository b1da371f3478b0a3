namespace ProSaaS.Application.Auth;

/// <summary>
/// Whether a tenant's users and API keys may act: a suspended business signs nobody in and its keys stop working.
/// Registered as a replaceable default that treats every tenant as active; the tenants read model, which knows each
/// tenant's status, supplies the real answer by registering its own implementation.
/// </summary>
public interface ITenantAccessCheck
{
    Task<TenantAccessStatus> CheckAsync(string tenantId, CancellationToken cancellationToken);
}

public enum TenantAccessStatus
{
    Active,
    Suspended,
    Unknown,
}
