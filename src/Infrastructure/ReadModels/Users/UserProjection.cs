using Dapper;
using Npgsql;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Users;
using ProSaaS.Domain.Users;
using ProSaaS.Infrastructure.Projections;

namespace ProSaaS.Infrastructure.ReadModels.Users;

/// <summary>
/// Keeps the <c>users</c> table equal to the latest state of every user stream, in the append's transaction. Events
/// are folded per user first, so an append or a rebuild page costs at most two statements. The table's unique e-mail
/// index is what finally settles two concurrent creations with one e-mail: the second append rolls back.
/// </summary>
public sealed class UserProjection : IProjection
{
    private const string EmailConstraint = "uq_users_email";

    private const string UpsertCreated = """
        insert into users (tenant_id, id, email, display_name, role, password_hash, is_disabled, failed_sign_ins,
                           locked_until, last_sign_in_at, created_at, updated_at, version)
        select t, i, e, n, r, ph, d, f, lu, ls, c, u, v
        from unnest(@TenantIds, @Ids, @Emails, @DisplayNames, @Roles, @PasswordHashes, @Disabled, @FailedSignIns,
                    @LockedUntil, @LastSignInAt, @CreatedAt, @UpdatedAt, @Versions)
             as x(t, i, e, n, r, ph, d, f, lu, ls, c, u, v)
        on conflict (tenant_id, id) do update set
            email = excluded.email, display_name = excluded.display_name, role = excluded.role,
            password_hash = excluded.password_hash, is_disabled = excluded.is_disabled,
            failed_sign_ins = excluded.failed_sign_ins, locked_until = excluded.locked_until,
            last_sign_in_at = excluded.last_sign_in_at, created_at = excluded.created_at,
            updated_at = excluded.updated_at, version = excluded.version
        """;

    // A null means "unchanged by this batch"; locked_until can also become null, hence its own flag.
    private const string UpdateChanged = """
        update users u set
            role = coalesce(x.r, u.role),
            password_hash = coalesce(x.ph, u.password_hash),
            is_disabled = coalesce(x.d, u.is_disabled),
            failed_sign_ins = coalesce(x.f, u.failed_sign_ins),
            locked_until = case when x.slu then x.lu else u.locked_until end,
            last_sign_in_at = coalesce(x.ls, u.last_sign_in_at),
            updated_at = x.upd, version = x.v
        from unnest(@TenantIds, @Ids, @Roles, @PasswordHashes, @Disabled, @FailedSignIns, @SetLockedUntil, @LockedUntil,
                    @LastSignInAt, @UpdatedAt, @Versions)
             as x(t, i, r, ph, d, f, slu, lu, ls, upd, v)
        where u.tenant_id = x.t and u.id = x.i
        """;

    public string Name => "users";

    public ProjectionLifecycle Lifecycle => ProjectionLifecycle.Inline;

    public IReadOnlyCollection<Type> EventTypes { get; } =
    [
        typeof(UserCreated), typeof(UserRoleChanged), typeof(UserDisabled), typeof(UserEnabled), typeof(UserPasswordChanged),
        typeof(UserSignedIn), typeof(UserSignInFailed), typeof(UserLockedOut),
    ];

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var rows = Fold(events);
        var created = rows.Where(r => r.Created is not null).ToList();
        if (created.Count > 0)
        {
            try
            {
                await context.Connection.ExecuteAsync(new CommandDefinition(UpsertCreated, new
                {
                    TenantIds = created.Select(r => r.TenantId).ToArray(),
                    Ids = created.Select(r => r.Id).ToArray(),
                    Emails = created.Select(r => r.Created!.Email).ToArray(),
                    DisplayNames = created.Select(r => r.Created!.DisplayName).ToArray(),
                    Roles = created.Select(r => (r.Role ?? r.Created!.Role).ToWireName()).ToArray(),
                    PasswordHashes = created.Select(r => r.PasswordHash ?? r.Created!.PasswordHash).ToArray(),
                    Disabled = created.Select(r => r.Disabled ?? false).ToArray(),
                    FailedSignIns = created.Select(r => r.FailedSignIns ?? 0).ToArray(),
                    LockedUntil = created.Select(r => r.LockedUntil?.ToUniversalTime()).ToArray(),
                    LastSignInAt = created.Select(r => r.LastSignInAt?.ToUniversalTime()).ToArray(),
                    CreatedAt = created.Select(r => r.Created!.CreatedAt.ToUniversalTime()).ToArray(),
                    UpdatedAt = created.Select(r => r.UpdatedAt.ToUniversalTime()).ToArray(),
                    Versions = created.Select(r => r.Version).ToArray(),
                }, context.Transaction, cancellationToken: cancellationToken));
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && ex.ConstraintName == EmailConstraint)
            {
                throw new ConflictException(UserConflicts.EmailTaken, UserConflicts.EmailTakenMessage);
            }
        }

        var changed = rows.Where(r => r.Created is null).ToList();
        if (changed.Count > 0)
        {
            await context.Connection.ExecuteAsync(new CommandDefinition(UpdateChanged, new
            {
                TenantIds = changed.Select(r => r.TenantId).ToArray(),
                Ids = changed.Select(r => r.Id).ToArray(),
                Roles = changed.Select(r => r.Role?.ToWireName()).ToArray(),
                PasswordHashes = changed.Select(r => r.PasswordHash).ToArray(),
                Disabled = changed.Select(r => r.Disabled).ToArray(),
                FailedSignIns = changed.Select(r => r.FailedSignIns).ToArray(),
                SetLockedUntil = changed.Select(r => r.LockedUntilChanged).ToArray(),
                LockedUntil = changed.Select(r => r.LockedUntil?.ToUniversalTime()).ToArray(),
                LastSignInAt = changed.Select(r => r.LastSignInAt?.ToUniversalTime()).ToArray(),
                UpdatedAt = changed.Select(r => r.UpdatedAt.ToUniversalTime()).ToArray(),
                Versions = changed.Select(r => r.Version).ToArray(),
            }, context.Transaction, cancellationToken: cancellationToken));
        }
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken) =>
        context.Connection.ExecuteAsync(new CommandDefinition("delete from users", transaction: context.Transaction, cancellationToken: cancellationToken));

    private static IReadOnlyCollection<Row> Fold(IReadOnlyList<StoredEvent> events)
    {
        var rows = new Dictionary<(string Tenant, Guid Id), Row>();
        foreach (var @event in events)
        {
            var userId = @event.Data switch
            {
                UserCreated e => e.UserId,
                UserRoleChanged e => e.UserId,
                UserDisabled e => e.UserId,
                UserEnabled e => e.UserId,
                UserPasswordChanged e => e.UserId,
                UserSignedIn e => e.UserId,
                UserSignInFailed e => e.UserId,
                UserLockedOut e => e.UserId,
                _ => Guid.Empty,
            };
            if (userId == Guid.Empty)
            {
                continue;
            }

            var key = (@event.TenantId, userId);
            if (@event.Data is UserCreated || !rows.TryGetValue(key, out var row))
            {
                rows[key] = row = new Row(@event.TenantId, userId);
            }

            switch (@event.Data)
            {
                case UserCreated e:
                    row.Created = e;
                    row.Role = e.Role;
                    row.PasswordHash = e.PasswordHash;
                    row.Disabled = false;
                    row.FailedSignIns = 0;
                    row.SetLockedUntil(null);
                    break;
                case UserRoleChanged e:
                    row.Role = e.ToRole;
                    break;
                case UserDisabled:
                    row.Disabled = true;
                    break;
                case UserEnabled:
                    row.Disabled = false;
                    break;
                case UserPasswordChanged e:
                    row.PasswordHash = e.PasswordHash;
                    break;
                case UserSignedIn e:
                    row.FailedSignIns = 0;
                    row.SetLockedUntil(null);
                    row.LastSignInAt = e.SignedInAt;
                    break;
                case UserSignInFailed e:
                    row.FailedSignIns = e.ConsecutiveFailures;
                    break;
                case UserLockedOut e:
                    row.FailedSignIns = 0;
                    row.SetLockedUntil(e.LockedUntil);
                    break;
            }

            row.UpdatedAt = @event.Timestamp;
            row.Version = @event.Version;
        }

        return rows.Values;
    }

    private sealed class Row(string tenantId, Guid id)
    {
        public string TenantId { get; } = tenantId;
        public Guid Id { get; } = id;
        public UserCreated? Created { get; set; }
        public Role? Role { get; set; }
        public string? PasswordHash { get; set; }
        public bool? Disabled { get; set; }
        public int? FailedSignIns { get; set; }
        public bool LockedUntilChanged { get; private set; }
        public DateTimeOffset? LockedUntil { get; private set; }
        public DateTimeOffset? LastSignInAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
        public long Version { get; set; }

        public void SetLockedUntil(DateTimeOffset? value)
        {
            LockedUntilChanged = true;
            LockedUntil = value;
        }
    }
}
