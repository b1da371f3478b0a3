using Dapper;
using Npgsql;
using ProSaaS.Application.Calls;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Calls;
using ProSaaS.Infrastructure.Projections;
using ProSaaS.Infrastructure.ReadModels.Leads;

namespace ProSaaS.Infrastructure.ReadModels.Calls;

/// <summary>
/// Keeps <c>calls</c> equal to the call streams, in the append's transaction. Events are folded per call first, so an
/// append or a rebuild page costs a handful of statements. A call of a lead whose row is gone is refused with 404 when it
/// is new history (the lead was deleted before this append), and left out when a later <c>lead_deleted</c> explains it (a
/// rebuild replaying a deleted lead's calls, which the deletion removed).
/// </summary>
public sealed class CallProjection : IProjection
{
    private const string InsertCalls = """
        insert into calls (tenant_id, id, direction, status, provider_call_id, from_number, to_number, lead_id, template_id, started_at,
                           answered_at, ended_at, duration_seconds, end_reason, rejection_reason, updated_at, version)
        select x.t, x.i, x.d, x.st, x.p, x.f, x.tn, x.l, x.tm, x.sa, x.aa, x.ea, x.du, x.er, x.rr, x.u, x.v
        from unnest(@TenantIds, @Ids, @Directions, @Statuses, @ProviderCallIds, @Froms, @Tos, @LeadIds, @TemplateIds, @StartedAt,
                    @AnsweredAt, @EndedAt, @Durations, @EndReasons, @RejectionReasons, @UpdatedAt, @Versions)
             as x(t, i, d, st, p, f, tn, l, tm, sa, aa, ea, du, er, rr, u, v)
        where x.l is null or exists (select 1 from leads l where l.tenant_id = x.t and l.id = x.l)
        on conflict (tenant_id, id) do nothing
        returning tenant_id, id
        """;

    private const string UpdateCalls = """
        update calls c set
            status = coalesce(x.st, c.status),
            provider_call_id = coalesce(x.p, c.provider_call_id),
            lead_id = coalesce(x.l, c.lead_id),
            answered_at = coalesce(c.answered_at, x.aa),
            ended_at = coalesce(x.ea, c.ended_at),
            duration_seconds = coalesce(x.du, c.duration_seconds),
            end_reason = coalesce(x.er, c.end_reason),
            updated_at = x.u,
            version = x.v
        from unnest(@TenantIds, @Ids, @Statuses, @ProviderCallIds, @LeadIds, @AnsweredAt, @EndedAt, @Durations, @EndReasons, @UpdatedAt, @Versions)
             as x(t, i, st, p, l, aa, ea, du, er, u, v)
        where c.tenant_id = x.t and c.id = x.i
        """;

    private const string MissingLeads = """
        select x.t, x.l from unnest(@TenantIds, @LeadIds) as x(t, l)
        where not exists (select 1 from leads l where l.tenant_id = x.t and l.id = x.l)
        """;

    /// <summary>Of calls whose lead went missing, those not explained by a later deletion of the lead.</summary>
    public string Name => "calls";

    /// <summary>Its rows reference leads (cascade): rebuilding leads rebuilds this too.</summary>
    public IReadOnlyCollection<string> DependsOn { get; } = ["leads"];

    public ProjectionLifecycle Lifecycle => ProjectionLifecycle.Inline;

    public IReadOnlyCollection<Type> EventTypes { get; } =
        [typeof(CallStarted), typeof(CallPlaced), typeof(CallRejected), typeof(CallStatusChanged), typeof(CallCompleted), typeof(CallLeadLinked)];

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<(string Tenant, Guid Id), CallRow>();
        foreach (var @event in events)
        {
            var row = RowOf(rows, @event);
            if (row is null)
            {
                continue;
            }

            switch (@event.Data)
            {
                case CallStarted e:
                    row.New = true;
                    row.Direction = e.Direction;
                    row.Status = e.Status;
                    row.ProviderCallId = e.ProviderCallId;
                    row.From = e.From;
                    row.To = e.To;
                    row.LeadId = e.LeadId;
                    row.TemplateId = e.TemplateId;
                    row.StartedAt = e.StartedAt;
                    row.AnsweredAt = e.Status == CallStatus.InProgress ? e.StartedAt : null;
                    break;
                case CallPlaced e:
                    row.ProviderCallId = e.ProviderCallId;
                    break;
                case CallRejected e:
                    row.New = true;
                    row.Direction = e.Direction;
                    row.Status = CallStatus.Rejected;
                    row.ProviderCallId = e.ProviderCallId;
                    row.From = e.From;
                    row.To = e.To;
                    row.LeadId = e.LeadId;
                    row.StartedAt = e.RejectedAt;
                    row.EndedAt = e.RejectedAt;
                    row.RejectionReason = e.Reason;
                    break;
                case CallStatusChanged e:
                    row.Status = e.ToStatus;
                    if (e.ToStatus == CallStatus.InProgress)
                    {
                        row.AnsweredAt ??= e.ChangedAt;
                    }

                    break;
                case CallCompleted e:
                    row.Status = e.Status;
                    row.AnsweredAt = e.AnsweredAt ?? row.AnsweredAt;
                    row.EndedAt = e.EndedAt;
                    row.DurationSeconds = e.DurationSeconds;
                    row.EndReason = e.EndReason;
                    break;
                case CallLeadLinked e:
                    row.LeadId = e.LeadId;
                    row.LeadLinked = true;
                    break;
            }
        }

        var missing = new List<(string Tenant, Guid LeadId, long Sequence)>();
        var fresh = rows.Values.Where(r => r.New).ToList();
        if (fresh.Count > 0)
        {
            var inserted = await QueryKeysAsync(context, InsertCalls, new
            {
                TenantIds = fresh.Select(r => r.Tenant).ToArray(),
                Ids = fresh.Select(r => r.Id).ToArray(),
                Directions = fresh.Select(r => CallText.WireName(r.Direction)).ToArray(),
                Statuses = fresh.Select(r => CallText.WireName(r.Status!.Value)).ToArray(),
                ProviderCallIds = fresh.Select(r => r.ProviderCallId).ToArray(),
                Froms = fresh.Select(r => r.From).ToArray(),
                Tos = fresh.Select(r => r.To).ToArray(),
                LeadIds = fresh.Select(r => r.LeadId).ToArray(),
                TemplateIds = fresh.Select(r => r.TemplateId).ToArray(),
                StartedAt = fresh.Select(r => r.StartedAt.ToUniversalTime()).ToArray(),
                AnsweredAt = fresh.Select(r => r.AnsweredAt?.ToUniversalTime()).ToArray(),
                EndedAt = fresh.Select(r => r.EndedAt?.ToUniversalTime()).ToArray(),
                Durations = fresh.Select(r => r.DurationSeconds).ToArray(),
                EndReasons = fresh.Select(r => r.EndReason is { } reason ? CallText.WireName(reason) : null).ToArray(),
                RejectionReasons = fresh.Select(r => r.RejectionReason is { } reason ? CallText.WireName(reason) : null).ToArray(),
                UpdatedAt = fresh.Select(r => r.UpdatedAt.ToUniversalTime()).ToArray(),
                Versions = fresh.Select(r => r.Version).ToArray(),
            }, cancellationToken);
            missing.AddRange(fresh.Where(r => !inserted.Contains((r.Tenant, r.Id)) && r.LeadId is not null)
                .Select(r => (r.Tenant, r.LeadId!.Value, r.Sequence)));
        }

        var changed = rows.Values.Where(r => !r.New).ToList();
        var linked = changed.Where(r => r.LeadLinked).ToList();
        if (linked.Count > 0)
        {
            var gone = (await context.Connection.QueryAsync<(string Tenant, Guid LeadId)>(new CommandDefinition(MissingLeads, new
            {
                TenantIds = linked.Select(r => r.Tenant).ToArray(),
                LeadIds = linked.Select(r => r.LeadId!.Value).ToArray(),
            }, context.Transaction, cancellationToken: cancellationToken))).ToHashSet();
            foreach (var row in linked.Where(r => gone.Contains((r.Tenant, r.LeadId!.Value))))
            {
                // Linked to a lead that is gone: were it there, its deletion would have taken the call's row with it.
                missing.Add((row.Tenant, row.LeadId!.Value, row.Sequence));
                changed.Remove(row);
                await context.Connection.ExecuteAsync(new CommandDefinition("delete from calls where tenant_id = @Tenant and id = @Id",
                    new { row.Tenant, row.Id }, context.Transaction, cancellationToken: cancellationToken));
            }
        }

        if (changed.Count > 0)
        {
            await ExecuteAsync(context, UpdateCalls, new
            {
                TenantIds = changed.Select(r => r.Tenant).ToArray(),
                Ids = changed.Select(r => r.Id).ToArray(),
                Statuses = changed.Select(r => r.Status is { } status ? CallText.WireName(status) : null).ToArray(),
                ProviderCallIds = changed.Select(r => r.ProviderCallId).ToArray(),
                LeadIds = changed.Select(r => r.LeadLinked ? r.LeadId : null).ToArray(),
                AnsweredAt = changed.Select(r => r.AnsweredAt?.ToUniversalTime()).ToArray(),
                EndedAt = changed.Select(r => r.EndedAt?.ToUniversalTime()).ToArray(),
                Durations = changed.Select(r => r.DurationSeconds).ToArray(),
                EndReasons = changed.Select(r => r.EndReason is { } reason ? CallText.WireName(reason) : null).ToArray(),
                UpdatedAt = changed.Select(r => r.UpdatedAt.ToUniversalTime()).ToArray(),
                Versions = changed.Select(r => r.Version).ToArray(),
            }, cancellationToken);
        }

        await Leads.MissingLeads.ThrowIfUnexplainedAsync(context, missing, cancellationToken);
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken) =>
        context.Connection.ExecuteAsync(new CommandDefinition("delete from calls", transaction: context.Transaction, cancellationToken: cancellationToken));

    private static CallRow? RowOf(Dictionary<(string Tenant, Guid Id), CallRow> rows, StoredEvent @event)
    {
        var callId = @event.Data switch
        {
            CallStarted e => e.CallId,
            CallPlaced e => e.CallId,
            CallRejected e => e.CallId,
            CallStatusChanged e => e.CallId,
            CallCompleted e => e.CallId,
            CallLeadLinked e => e.CallId,
            _ => Guid.Empty,
        };
        if (callId == Guid.Empty)
        {
            return null;
        }

        if (!rows.TryGetValue((@event.TenantId, callId), out var row))
        {
            rows[(@event.TenantId, callId)] = row = new CallRow(@event.TenantId, callId);
        }

        row.UpdatedAt = @event.Timestamp;
        row.Version = @event.Version;
        row.Sequence = @event.Sequence;
        return row;
    }

    /// <summary>Runs an update; a lead deleted by a transaction that committed meanwhile reads as not found.</summary>
    private static async Task ExecuteAsync(ProjectionContext context, string sql, object parameters, CancellationToken cancellationToken)
    {
        try
        {
            await context.Connection.ExecuteAsync(new CommandDefinition(sql, parameters, context.Transaction, cancellationToken: cancellationToken));
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            throw new NotFoundException("lead", ex.ConstraintName ?? "lead");
        }
    }

    /// <summary>Runs an insert that returns the keys it wrote; a concurrent delete of the lead reads as not found.</summary>
    private static async Task<HashSet<(string Tenant, Guid Id)>> QueryKeysAsync(
        ProjectionContext context, string sql, object parameters, CancellationToken cancellationToken)
    {
        try
        {
            var keys = await context.Connection.QueryAsync<(string TenantId, Guid Id)>(new CommandDefinition(
                sql, parameters, context.Transaction, cancellationToken: cancellationToken));
            return keys.Select(k => (k.TenantId, k.Id)).ToHashSet();
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            // The lead was deleted by a transaction that committed while this one waited on its row.
            throw new NotFoundException("lead", ex.ConstraintName ?? "lead");
        }
    }

    /// <summary>A call's state folded over one batch; for a call recorded earlier, only what the batch changed.</summary>
    private sealed class CallRow(string tenant, Guid id)
    {
        public string Tenant { get; } = tenant;
        public Guid Id { get; } = id;
        public bool New { get; set; }
        public CallDirection Direction { get; set; }
        public CallStatus? Status { get; set; }
        public string? ProviderCallId { get; set; }
        public string? From { get; set; }
        public string? To { get; set; }
        public Guid? LeadId { get; set; }
        public Guid? TemplateId { get; set; }
        public bool LeadLinked { get; set; }
        public DateTimeOffset StartedAt { get; set; }
        public DateTimeOffset? AnsweredAt { get; set; }
        public DateTimeOffset? EndedAt { get; set; }
        public int? DurationSeconds { get; set; }
        public CallEndReason? EndReason { get; set; }
        public CallRejectionReason? RejectionReason { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
        public long Version { get; set; }
        public long Sequence { get; set; }
    }
}
