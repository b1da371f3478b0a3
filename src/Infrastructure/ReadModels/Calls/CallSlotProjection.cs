using Dapper;
using Npgsql;
using NpgsqlTypes;
using ProSaaS.Application.Calls;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Calls;
using ProSaaS.Domain.Tenants;
using ProSaaS.Infrastructure.EventStore;
using ProSaaS.Infrastructure.Projections;

namespace ProSaaS.Infrastructure.ReadModels.Calls;

/// <summary>
/// The call slots, kept in the appending transaction: <c>call_started</c> takes one, <c>call_completed</c> gives it back,
/// any other event of the call is a sign of life; <c>call_placed</c> also gives the slot the provider's id of an outbound
/// call, by which its status reports find it. Taking is where the limits are enforced: under a per-business
/// transaction lock, the business's slots are counted against its limits and the new one inserted — or, when none is
/// free, <see cref="CallCapacityExceededException"/> fails the append and nothing of it is recorded. A rebuild replays
/// history without checking it against today's limits.
/// </summary>
public sealed class CallSlotProjection : IProjection
{
    /// <summary>
    /// The per-business locks, then the count and the insert — two statements of one batch (one round trip). Under READ
    /// COMMITTED each statement takes its own snapshot, so the count's is taken after the lock is held and sees every slot
    /// committed by the transaction that held it before. Parameters of the take: the new slots' columns ($1 business,
    /// $2 call, $3 direction, $4 provider id, $5 taken at), then the default limits ($6 in all, $7 outbound).
    /// </summary>
    private static readonly string LockBusinesses = $"""
        select pg_advisory_xact_lock({AdvisoryLockKeys.CallSlotsNamespace}, hashtext(t))
        from (select t from unnest($1::text[]) as t order by t) as ordered
        """;

    private const string TakeSlots = """
        with wanted as (
            select x.t, x.i, x.d, x.p, x.at from unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[]) as x(t, i, d, p, at)),
        demand as (
            select t, count(*) as total, count(*) filter (where d = 'outbound') as outbound from wanted group by t),
        refused as (
            select dm.t,
                   case when (select count(*) from call_slots s where s.tenant_id = dm.t) + dm.total > coalesce(tn.max_concurrent_calls, $6)
                        then 'inbound' else 'outbound' end as d
            from demand dm left join tenants tn on tn.tenant_id = dm.t
            where not prosaas_rebuilding_inline_projection()
              and ((select count(*) from call_slots s where s.tenant_id = dm.t) + dm.total > coalesce(tn.max_concurrent_calls, $6)
                   or (dm.outbound > 0
                       and (select count(*) from call_slots s where s.tenant_id = dm.t and s.direction = 'outbound') + dm.outbound
                           > coalesce(tn.max_outbound_calls, $7)))),
        taken as (
            insert into call_slots (tenant_id, call_id, direction, provider_call_id, taken_at, last_seen_at)
            select w.t, w.i, w.d, w.p, w.at, w.at from wanted w
            where not exists (select 1 from refused)
            on conflict (tenant_id, call_id) do nothing)
        select t, d from refused
        """;

    private const string ReleaseSlots = """
        delete from call_slots s using unnest(@TenantIds, @CallIds) as x(t, i)
        where s.tenant_id = x.t and s.call_id = x.i
        """;

    private const string TouchSlots = """
        update call_slots s set last_seen_at = greatest(s.last_seen_at, x.at), provider_call_id = coalesce(x.p, s.provider_call_id)
        from unnest(@TenantIds, @CallIds, @SeenAt, @ProviderCallIds) as x(t, i, at, p)
        where s.tenant_id = x.t and s.call_id = x.i
        """;

    public string Name => "call_slots";

    public ProjectionLifecycle Lifecycle => ProjectionLifecycle.Inline;

    public IReadOnlyCollection<Type> EventTypes { get; } =
        [typeof(CallStarted), typeof(CallPlaced), typeof(CallStatusChanged), typeof(CallCompleted), typeof(CallLeadLinked)];

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var calls = new Dictionary<(string Tenant, Guid Id), SlotChange>();
        foreach (var @event in events)
        {
            var callId = @event.Data switch
            {
                CallStarted e => e.CallId,
                CallPlaced e => e.CallId,
                CallStatusChanged e => e.CallId,
                CallCompleted e => e.CallId,
                CallLeadLinked e => e.CallId,
                _ => Guid.Empty,
            };
            if (callId == Guid.Empty)
            {
                continue;
            }

            if (!calls.TryGetValue((@event.TenantId, callId), out var change))
            {
                calls[(@event.TenantId, callId)] = change = new SlotChange(@event.TenantId, callId);
            }

            change.SeenAt = @event.Timestamp;
            switch (@event.Data)
            {
                case CallStarted e:
                    change.Started = e;
                    change.ProviderCallId ??= e.ProviderCallId;
                    break;
                case CallPlaced e:
                    change.ProviderCallId = e.ProviderCallId;
                    break;
                case CallCompleted:
                    change.Ended = true;
                    break;
            }
        }

        // A call that starts and ends in one batch (a rebuild) never needs a slot.
        var taking = calls.Values.Where(c => c.Started is not null && !c.Ended).ToList();
        var releasing = calls.Values.Where(c => c.Started is null && c.Ended).ToList();
        var touching = calls.Values.Where(c => c.Started is null && !c.Ended).ToList();

        if (taking.Count > 0)
        {
            await TakeAsync(context, taking, cancellationToken);
        }

        if (releasing.Count > 0)
        {
            await context.Connection.ExecuteAsync(new CommandDefinition(ReleaseSlots, new
            {
                TenantIds = releasing.Select(c => c.Tenant).ToArray(),
                CallIds = releasing.Select(c => c.Id).ToArray(),
            }, context.Transaction, cancellationToken: cancellationToken));
        }

        if (touching.Count > 0)
        {
            await context.Connection.ExecuteAsync(new CommandDefinition(TouchSlots, new
            {
                TenantIds = touching.Select(c => c.Tenant).ToArray(),
                CallIds = touching.Select(c => c.Id).ToArray(),
                SeenAt = touching.Select(c => c.SeenAt.ToUniversalTime()).ToArray(),
                ProviderCallIds = touching.Select(c => c.ProviderCallId).ToArray(),
            }, context.Transaction, cancellationToken: cancellationToken));
        }
    }

    private static async Task TakeAsync(ProjectionContext context, List<SlotChange> taking, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(context.Connection, context.Transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(LockBusinesses) { Parameters = { new() { Value = taking.Select(c => c.Tenant).Distinct().ToArray() } } },
                new NpgsqlBatchCommand(TakeSlots)
                {
                    Parameters =
                    {
                        new() { Value = taking.Select(c => c.Tenant).ToArray() },
                        new() { Value = taking.Select(c => c.Id).ToArray() },
                        new() { Value = taking.Select(c => CallText.WireName(c.Started!.Direction)).ToArray() },
                        new() { Value = taking.Select(c => c.ProviderCallId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                        new() { Value = taking.Select(c => c.Started!.StartedAt.ToUniversalTime()).ToArray() },
                        new() { Value = TenantLimits.DefaultMaxConcurrentCalls },
                        new() { Value = TenantLimits.DefaultMaxOutboundCalls },
                    },
                },
            },
        };
        string? refusedTenant = null;
        var refusedDirection = CallDirection.Inbound;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            await reader.NextResultAsync(cancellationToken); // past the locks
            if (await reader.ReadAsync(cancellationToken))
            {
                refusedTenant = reader.GetString(0);
                refusedDirection = reader.GetString(1) == "outbound" ? CallDirection.Outbound : CallDirection.Inbound;
            }
        }

        if (refusedTenant is not null)
        {
            throw new CallCapacityExceededException(refusedTenant, refusedDirection);
        }
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken) =>
        context.Connection.ExecuteAsync(new CommandDefinition("delete from call_slots", transaction: context.Transaction, cancellationToken: cancellationToken));

    private sealed class SlotChange(string tenant, Guid id)
    {
        public string Tenant { get; } = tenant;
        public Guid Id { get; } = id;
        public CallStarted? Started { get; set; }
        public string? ProviderCallId { get; set; }
        public bool Ended { get; set; }
        public DateTimeOffset SeenAt { get; set; }
    }
}
