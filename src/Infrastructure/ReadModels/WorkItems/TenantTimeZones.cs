using Dapper;
using Npgsql;
using ProSaaS.Application.Common.Scheduling;
using ProSaaS.Domain.Common;

namespace ProSaaS.Infrastructure.ReadModels.WorkItems;

public sealed class TenantTimeZones(NpgsqlDataSource dataSource) : ITenantTimeZones
{
    public async Task<TimeZoneInfo> GetAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var zone = await scope.Connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select time_zone from tenants where tenant_id = @tenantId",
            new { tenantId }, scope.Transaction, cancellationToken: cancellationToken));
        return DueWindows.ZoneOrDefault(zone);
    }
}
