using Dapper;
using Npgsql;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Calls;
using ProSaaS.Domain.Tenants;
using ProSaaS.Infrastructure.Projections;

namespace ProSaaS.Infrastructure.ReadModels.Calls;

/// <summary>
/// Keeps <c>call_recordings</c> equal to the recordings the calls keep, in the append's transaction: a stored recording
/// inserts its row (taking its upload's entry out of the file deletion queue), a deleted one removes it (a trigger queues
/// its file), and a change of the business's retention moves the expiry of every recording it has. A row hangs off its
/// call's row (cascade): a recording of a call whose row is gone is refused with 404 when it is new history, and left out
/// when a rebuild replays it (the call's lead was deleted since, which took the call's row and the recording's with it).
/// </summary>
public sealed class CallRecordingProjection : IProjection
{
    private const string InsertRecordings = """
        with inserted as (
            insert into call_recordings (tenant_id, call_id, storage_key, bytes, duration_ms, sha256, stored_at, expires_at)
            select x.t, x.c, x.k, x.b, x.d, x.h, x.s, x.e
            from unnest(@TenantIds, @CallIds, @Keys, @Bytes, @Durations, @Hashes, @StoredAt, @ExpiresAt) as x(t, c, k, b, d, h, s, e)
            where exists (select 1 from calls c where c.tenant_id = x.t and c.id = x.c)
            on conflict (tenant_id, call_id) do nothing
            returning tenant_id, call_id, storage_key),
        claimed as (
            delete from file_deletions d using inserted i where d.tenant_id = i.tenant_id and d.storage_key = i.storage_key)
        select tenant_id, call_id from inserted
        """;

    private const string DeleteRecordings = """
        delete from call_recordings r using unnest(@TenantIds, @CallIds) as x(t, c)
        where r.tenant_id = x.t and r.call_id = x.c
        """;

    private const string ApplyRetention = """
        update call_recordings r set expires_at = r.stored_at + make_interval(days => x.d)
        from unnest(@TenantIds, @Days) as x(t, d)
        where r.tenant_id = x.t
        """;

    public const string RetentionSetting = "recordingRetentionDays";

    public string Name => "call_recordings";

    /// <summary>Its rows reference calls (cascade): rebuilding calls (or leads) rebuilds this too.</summary>
    public IReadOnlyCollection<string> DependsOn { get; } = ["calls"];

    public ProjectionLifecycle Lifecycle => ProjectionLifecycle.Inline;

    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(CallRecordingStored), typeof(CallRecordingDeleted), typeof(TenantSettingsChanged)];

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<(string Tenant, Guid CallId), CallRecordingStored>();
        var deleted = new HashSet<(string Tenant, Guid CallId)>();
        var retention = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var @event in events)
        {
            switch (@event.Data)
            {
                case CallRecordingStored e:
                    stored[(@event.TenantId, e.CallId)] = e;
                    break;
                case CallRecordingDeleted e:
                    // Stored and deleted within one batch (a rebuild) is never written.
                    if (!stored.Remove((@event.TenantId, e.CallId)))
                    {
                        deleted.Add((@event.TenantId, e.CallId));
                    }

                    break;
                case TenantSettingsChanged e when e.ChangedSettings.Contains(RetentionSetting, StringComparer.Ordinal):
                    retention[@event.TenantId] = e.Settings.RecordingRetentionDays;
                    break;
            }
        }

        if (deleted.Count > 0)
        {
            await context.Connection.ExecuteAsync(new CommandDefinition(DeleteRecordings, new
            {
                TenantIds = deleted.Select(d => d.Tenant).ToArray(),
                CallIds = deleted.Select(d => d.CallId).ToArray(),
            }, context.Transaction, cancellationToken: cancellationToken));
        }

        if (stored.Count > 0)
        {
            await InsertAsync(context, stored, cancellationToken);
        }

        // After the inserts: the business's latest retention applies to every recording it keeps, those of this batch too.
        if (retention.Count > 0)
        {
            await context.Connection.ExecuteAsync(new CommandDefinition(ApplyRetention, new
            {
                TenantIds = retention.Keys.ToArray(),
                Days = retention.Values.ToArray(),
            }, context.Transaction, cancellationToken: cancellationToken));
        }
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken) =>
        context.Connection.ExecuteAsync(new CommandDefinition("delete from call_recordings", transaction: context.Transaction, cancellationToken: cancellationToken));

    private static async Task InsertAsync(
        ProjectionContext context, Dictionary<(string Tenant, Guid CallId), CallRecordingStored> stored, CancellationToken cancellationToken)
    {
        var rows = stored.ToList();
        HashSet<(string Tenant, Guid CallId)> inserted;
        try
        {
            inserted = (await context.Connection.QueryAsync<(string TenantId, Guid CallId)>(new CommandDefinition(InsertRecordings, new
            {
                TenantIds = rows.Select(r => r.Key.Tenant).ToArray(),
                CallIds = rows.Select(r => r.Key.CallId).ToArray(),
                Keys = rows.Select(r => r.Value.StorageKey).ToArray(),
                Bytes = rows.Select(r => r.Value.Bytes).ToArray(),
                Durations = rows.Select(r => r.Value.DurationMs).ToArray(),
                Hashes = rows.Select(r => r.Value.Sha256).ToArray(),
                StoredAt = rows.Select(r => r.Value.StoredAt.ToUniversalTime()).ToArray(),
                ExpiresAt = rows.Select(r => r.Value.ExpiresAt.ToUniversalTime()).ToArray(),
            }, context.Transaction, cancellationToken: cancellationToken))).ToHashSet();
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            // The call's row went (its lead was deleted) in a transaction that committed while this one waited on it.
            throw new NotFoundException("call", ex.ConstraintName ?? "call");
        }

        var missing = rows.Where(r => !inserted.Contains(r.Key)).ToList();
        if (missing.Count > 0 && !await RebuildingAsync(context, cancellationToken))
        {
            throw new NotFoundException("call", missing[0].Key.CallId);
        }
    }

    private static Task<bool> RebuildingAsync(ProjectionContext context, CancellationToken cancellationToken) =>
        context.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select prosaas_rebuilding_inline_projection()", transaction: context.Transaction, cancellationToken: cancellationToken));
}
