using Dapper;
using Npgsql;
using ProSaaS.Domain.Leads;
using ProSaaS.Infrastructure.ReadModels;
using ProSaaS.Testing;

namespace ProSaaS.Infrastructure.Tests.ReadModels;

/// <summary>The second wall: read models show a transaction only the rows of the tenant it names.</summary>
public sealed class RowLevelSecurityTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private async Task SeedAsync()
    {
        if (await db.ScalarAsync<long>("select count(*) from leads") > 0)
        {
            return;
        }

        foreach (var (tenant, count) in new[] { ("tenant-a", 3), ("tenant-b", 2) })
        {
            var store = Harness.Store(db, Harness.Context(tenant));
            for (var i = 0; i < count; i++)
            {
                await store.SaveAsync(Lead.Capture(Guid.NewGuid(), $"{tenant} {i}", null, null, LeadSource.Manual, null, DateTimeOffset.UtcNow));
            }
        }
    }

    [Theory]
    [InlineData("tenant-a", 3)]
    [InlineData("tenant-b", 2)]
    [InlineData("tenant-c", 0)]
    public async Task A_query_without_a_tenant_filter_sees_only_the_scoped_tenants_rows(string tenant, int expected)
    {
        await SeedAsync();
        await using var scope = await TenantScope.OpenAsync(db.DataSource, tenant, CancellationToken.None);

        var tenants = (await scope.Connection.QueryAsync<string>("select tenant_id from leads", transaction: scope.Transaction)).ToList();

        tenants.Should().HaveCount(expected);
        tenants.Where(t => t != tenant).Should().BeEmpty();
    }

    [Fact]
    public async Task Without_a_tenant_setting_no_read_model_row_is_visible()
    {
        await SeedAsync();
        await using var connection = await db.DataSource.OpenConnectionAsync();

        (await connection.ExecuteScalarAsync<long>("select count(*) from leads")).Should().Be(0);
        (await db.ScalarAsync<long>("select count(*) from leads")).Should().Be(5, "the platform setting sees all of them");
    }

    [Fact]
    public async Task A_tenant_cannot_write_rows_of_another_tenant()
    {
        await using var scope = await TenantScope.OpenAsync(db.DataSource, "tenant-a", CancellationToken.None);

        var act = () => scope.Connection.ExecuteAsync("""
            insert into leads (tenant_id, id, name, source, status, captured_at, updated_at, version)
            values ('tenant-b', gen_random_uuid(), 'x', 'api', 'new', now(), now(), 1)
            """, transaction: scope.Transaction);

        (await act.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.InsufficientPrivilege);
    }

    [Fact]
    public async Task Every_read_model_table_with_tenant_rows_is_under_forced_row_level_security()
    {
        var unprotected = (await db.PlatformDataSource.OpenConnection().QueryAsync<string>("""
            select c.relname from pg_class c
            join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema()
            where c.relkind = 'r' and c.relname not like 'mt\_%'
              and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
              and not (c.relrowsecurity and c.relforcerowsecurity
                       and exists (select 1 from pg_policy p where p.polrelid = c.oid and p.polname = 'tenant_isolation'))
            """)).ToList();
        var protectedCount = await db.ScalarAsync<long>("select count(*) from pg_policy where polname = 'tenant_isolation'");

        unprotected.Should().BeEmpty();
        protectedCount.Should().BeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task The_application_role_cannot_bypass_row_level_security()
    {
        var (super, bypass) = await db.PlatformDataSource.OpenConnection()
            .QuerySingleAsync<(bool, bool)>("select rolsuper, rolbypassrls from pg_roles where rolname = current_user");
        super.Should().BeFalse();
        bypass.Should().BeFalse();
    }
}
