using System.Text.Json;
using Dapper;
using Npgsql;
using ProSaaS.Application.Tenants;
using ProSaaS.Domain.Tenants;
using ProSaaS.Infrastructure.EventStore;

namespace ProSaaS.Infrastructure.ReadModels.Tenants;

public sealed class TenantQueries(NpgsqlDataSource dataSource) : ITenantQueries
{
    private const string ResolvedColumns = "t.id, t.name, t.status, t.time_zone";

    public async Task<bool> SlugExistsAsync(string slug, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, TenantScope.AllTenants, cancellationToken);
        return await scope.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from tenants where slug = @slug)", new { slug }, scope.Transaction, cancellationToken: cancellationToken));
    }

    public async Task<ResolvedTenant?> FindByPhoneNumberAsync(string phoneNumber, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, TenantScope.AllTenants, cancellationToken);
        var row = await scope.Connection.QuerySingleOrDefaultAsync<ResolvedRow>(new CommandDefinition($"""
            select {ResolvedColumns}
            from tenant_phone_numbers p join tenants t on t.tenant_id = p.tenant_id
            where p.phone = @phoneNumber
            """, new { phoneNumber }, scope.Transaction, cancellationToken: cancellationToken));
        return row?.ToResolved();
    }

    public async Task<ResolvedTenant?> FindByWhatsAppIdentifierAsync(string identifier, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, TenantScope.AllTenants, cancellationToken);
        var row = await scope.Connection.QuerySingleOrDefaultAsync<ResolvedRow>(new CommandDefinition($"""
            select {ResolvedColumns}
            from tenant_whatsapp_ids w join tenants t on t.tenant_id = w.tenant_id
            where w.identifier = @identifier
            """, new { identifier }, scope.Transaction, cancellationToken: cancellationToken));
        return row?.ToResolved();
    }

    public async Task<IReadOnlyList<TenantSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, TenantScope.AllTenants, cancellationToken);
        var rows = await scope.Connection.QueryAsync<SummaryRow>(new CommandDefinition("""
            select t.id, t.name, t.slug, t.status,
                   array(select p.phone from tenant_phone_numbers p where p.tenant_id = t.tenant_id order by p.assigned_at, p.phone) as phone_numbers,
                   array(select w.identifier from tenant_whatsapp_ids w where w.tenant_id = t.tenant_id order by w.added_at, w.identifier) as whatsapp_ids,
                   t.created_at, t.max_concurrent_calls, t.max_outbound_calls, t.time_zone, t.version
            from tenants t
            order by t.created_at, t.id
            """, transaction: scope.Transaction, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToSummary()).ToList();
    }

    public async Task<TenantProfile?> GetProfileAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var row = await scope.Connection.QuerySingleOrDefaultAsync<ProfileRow>(new CommandDefinition("""
            select t.id, t.name, t.slug, t.time_zone, t.status, t.suspension_reason, t.max_concurrent_calls, t.max_outbound_calls,
                   array(select p.phone from tenant_phone_numbers p
                         where p.tenant_id = @tenantId order by p.assigned_at, p.phone) as phone_numbers,
                   array(select w.identifier from tenant_whatsapp_ids w
                         where w.tenant_id = @tenantId order by w.added_at, w.identifier) as whatsapp_ids,
                   t.created_at, t.updated_at, t.version, t.address
            from tenants t
            where t.tenant_id = @tenantId
            """, new { tenantId }, scope.Transaction, cancellationToken: cancellationToken));
        return row?.ToProfile();
    }

    public async Task<TenantSettingsView?> GetSettingsAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var row = await scope.Connection.QuerySingleOrDefaultAsync<SettingsRow>(new CommandDefinition(
            "select id, settings::text as settings, version, updated_at from tenants where tenant_id = @tenantId",
            new { tenantId }, scope.Transaction, cancellationToken: cancellationToken));
        return row?.ToView();
    }

    private static TenantStatus ParseStatus(string status) => status switch
    {
        "active" => TenantStatus.Active,
        "suspended" => TenantStatus.Suspended,
        _ => throw new InvalidOperationException($"Unknown tenant status '{status}' in the read model."),
    };

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private sealed record ResolvedRow(Guid Id, string Name, string Status, string Time_Zone)
    {
        public ResolvedTenant ToResolved() => new(Id, Name, ParseStatus(Status), Time_Zone);
    }

    // Classes with setters rather than positional records: Dapper reports array columns as System.Array, which no
    // constructor parameter matches, but assigns them to a string[] property.
    private sealed class SummaryRow
    {
        public Guid Id { get; set; }
        public string Name { get; set; } = string.Empty;
        public string Slug { get; set; } = string.Empty;
        public string Status { get; set; } = string.Empty;
        public string[] Phone_Numbers { get; set; } = [];
        public string[] Whatsapp_Ids { get; set; } = [];
        public DateTime Created_At { get; set; }
        public int Max_Concurrent_Calls { get; set; }
        public int Max_Outbound_Calls { get; set; }
        public string Time_Zone { get; set; } = string.Empty;
        public long Version { get; set; }

        public TenantSummary ToSummary() => new(
            Id, Name, Slug, ParseStatus(Status), Phone_Numbers, Whatsapp_Ids, Utc(Created_At),
            new TenantLimits(Max_Concurrent_Calls, Max_Outbound_Calls), Time_Zone, Version);
    }

    private sealed class ProfileRow
    {
        public Guid Id { get; set; }
        public string Name { get; set; } = string.Empty;
        public string Slug { get; set; } = string.Empty;
        public string Time_Zone { get; set; } = string.Empty;
        public string Status { get; set; } = string.Empty;
        public string? Suspension_Reason { get; set; }
        public int Max_Concurrent_Calls { get; set; }
        public int Max_Outbound_Calls { get; set; }
        public string[] Phone_Numbers { get; set; } = [];
        public string[] Whatsapp_Ids { get; set; } = [];
        public DateTime Created_At { get; set; }
        public DateTime Updated_At { get; set; }
        public long Version { get; set; }
        public string? Address { get; set; }

        public TenantProfile ToProfile() => new(
            Id, Name, Slug, Time_Zone, ParseStatus(Status), Suspension_Reason,
            new TenantLimits(Max_Concurrent_Calls, Max_Outbound_Calls),
            Phone_Numbers, Whatsapp_Ids, Utc(Created_At), Utc(Updated_At), Version)
        {
            Address = Address,
        };
    }

    private sealed record SettingsRow(Guid Id, string Settings, long Version, DateTime Updated_At)
    {
        public TenantSettingsView ToView() => new(
            Id,
            JsonSerializer.Deserialize<TenantSettings>(Settings, EventTypeRegistry.SerializerOptions)
            ?? throw new InvalidOperationException($"Tenant {Id} has no settings in the read model."),
            Version,
            Utc(Updated_At));
    }
}
