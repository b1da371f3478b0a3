using Dapper;
using Npgsql;
using ProSaaS.Application.Users;
using ProSaaS.Domain.Users;

namespace ProSaaS.Infrastructure.ReadModels.Users;

public sealed class UserQueries(NpgsqlDataSource dataSource) : IUserQueries
{
    private const string Columns = """
        id as Id, tenant_id as TenantId, email as Email, display_name as DisplayName, role as Role,
        is_disabled as IsDisabled, locked_until as LockedUntil, last_sign_in_at as LastSignInAt,
        created_at as CreatedAt, updated_at as UpdatedAt, version as Version
        """;

    public async Task<UserLocator?> FindByEmailAsync(string normalisedEmail, CancellationToken cancellationToken)
    {
        // Sign-in happens before any tenant is known: the one platform-wide read of users.
        await using var scope = await TenantScope.OpenAsync(dataSource, TenantScope.AllTenants, cancellationToken);
        var row = await scope.Connection.QuerySingleOrDefaultAsync<LocatorRow>(new CommandDefinition(
            "select id as Id, tenant_id as TenantId from users where email = @normalisedEmail",
            new { normalisedEmail }, scope.Transaction, cancellationToken: cancellationToken));
        return row is null ? null : new UserLocator(row.Id, TenantOf(row.TenantId));
    }

    public async Task<UserView?> GetAsync(string streamTenantId, Guid userId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, streamTenantId, cancellationToken);
        var row = await scope.Connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"select {Columns} from users where tenant_id = @streamTenantId and id = @userId",
            new { streamTenantId, userId }, scope.Transaction, cancellationToken: cancellationToken));
        return row?.ToView();
    }

    public async Task<IReadOnlyList<UserView>> ListAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var rows = await scope.Connection.QueryAsync<UserRow>(new CommandDefinition(
            $"select {Columns} from users where tenant_id = @tenantId order by created_at, id",
            new { tenantId }, scope.Transaction, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToView()).ToList();
    }

    private static string? TenantOf(string streamTenantId) =>
        streamTenantId == User.PlatformTenantId ? null : streamTenantId;

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private sealed class LocatorRow
    {
        public Guid Id { get; set; }
        public string TenantId { get; set; } = "";
    }

    private sealed class UserRow
    {
        public Guid Id { get; set; }
        public string TenantId { get; set; } = "";
        public string Email { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string Role { get; set; } = "";
        public bool IsDisabled { get; set; }
        public DateTime? LockedUntil { get; set; }
        public DateTime? LastSignInAt { get; set; }
        public DateTime CreatedAt { get; set; }
        public DateTime UpdatedAt { get; set; }
        public long Version { get; set; }

        public UserView ToView() => new(
            Id,
            TenantOf(TenantId),
            Email,
            DisplayName,
            RolePolicy.TryParse(Role, out var role) ? role : throw new InvalidOperationException($"Unknown role '{Role}' for user {Id}."),
            IsDisabled,
            LockedUntil is { } locked ? Utc(locked) : null,
            LastSignInAt is { } signedIn ? Utc(signedIn) : null,
            Utc(CreatedAt),
            Utc(UpdatedAt),
            Version);
    }
}
