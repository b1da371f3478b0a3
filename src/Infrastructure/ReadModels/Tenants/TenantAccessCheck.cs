using Dapper;
using Npgsql;
using ProSaaS.Application.Auth;

namespace ProSaaS.Infrastructure.ReadModels.Tenants;

/// <summary>A tenant's users and keys may act while the business is active; a suspended or unknown business turns them away.</summary>
public sealed class TenantAccessCheck(NpgsqlDataSource dataSource) : ITenantAccessCheck
{
    public async Task<TenantAccessStatus> CheckAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(tenantId) || tenantId == TenantScope.AllTenants)
        {
            return TenantAccessStatus.Unknown;
        }

        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var status = await scope.Connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select status from tenants where tenant_id = @tenantId", new { tenantId }, scope.Transaction, cancellationToken: cancellationToken));
        return status switch
        {
            "active" => TenantAccessStatus.Active,
            "suspended" => TenantAccessStatus.Suspended,
            _ => TenantAccessStatus.Unknown,
        };
    }
}
