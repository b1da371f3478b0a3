using System.Reflection;
using System.Text.Json;
using Dapper;
using Npgsql;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Appointments;
using ProSaaS.Domain.Common;
using ProSaaS.Domain.Leads;
using ProSaaS.Infrastructure.Projections;

namespace ProSaaS.Infrastructure.ReadModels.Appointments;

/// <summary>
/// Keeps the <c>appointments</c> table equal to the latest state of every appointment stream, in the append's
/// transaction. The table's exclusion constraint is what refuses a double booking: a booking or a move onto time another
/// live appointment holds fails here, and the whole append rolls back with it. Events are folded per appointment first,
/// so an append or a rebuild page costs at most two statements.
/// </summary>
public sealed class AppointmentProjection : IProjection
{
    public const string SlotTakenCode = "appointment.slot_taken";
    public const string SlotTakenMessage = "המועד שבחרתם נתפס זה עתה; בחרו מועד אחר מהמועדים הפנויים.";

    private const string BusyConstraint = "ex_appointments_busy";
    private const string LeadConstraint = "fk_appointments_lead";

    private const string Insert = """
        insert into appointments (tenant_id, id, lead_id, starts_at, ends_at, busy, status, title, notes, source, booked_by, booked_at,
                                  cancel_reason, updated_at, version)
        select t, i, l, s, e, tstzrange(s, e + make_interval(mins => b)), st, ti, n, so, bb, ba, cr, u, v
        from unnest(@TenantIds, @Ids, @LeadIds, @Starts, @Ends, @Buffers, @Statuses, @Titles, @Notes, @Sources, @BookedBy, @BookedAt,
                    @CancelReasons, @UpdatedAt, @Versions)
             as x(t, i, l, s, e, b, st, ti, n, so, bb, ba, cr, u, v)
        where exists (select 1 from leads where leads.tenant_id = x.t and leads.id = x.l)
        on conflict (tenant_id, id) do update set
            lead_id = excluded.lead_id, starts_at = excluded.starts_at, ends_at = excluded.ends_at, busy = excluded.busy,
            status = excluded.status, title = excluded.title, notes = excluded.notes, source = excluded.source,
            booked_by = excluded.booked_by, booked_at = excluded.booked_at, cancel_reason = excluded.cancel_reason,
            updated_at = excluded.updated_at, version = excluded.version
        returning id
        """;

    /// <summary>Of the given bookings, those whose lead was deleted after them (lead streams are keyed by the lead's id).</summary>
    private static readonly string DeletedLater = $"""
        select x.i from unnest(@TenantIds, @Ids, @LeadIds, @Sequences) as x(t, i, l, s)
        where exists (select 1 from mt_events e
                      where e.tenant_id = x.t and e.stream_id = x.l and e.type = '{typeof(LeadDeleted).GetCustomAttribute<EventTypeAttribute>()!.Alias}'
                        and e.seq_id > x.s)
        """;

    /// <summary>Moves and cancellations of appointments booked before this batch; null columns keep their value.</summary>
    private const string Update = """
        update appointments a set
            starts_at = coalesce(x.s, a.starts_at),
            ends_at = coalesce(x.e, a.ends_at),
            busy = case when x.s is null then a.busy else tstzrange(x.s, x.e + make_interval(mins => x.b)) end,
            status = coalesce(x.st, a.status),
            cancel_reason = coalesce(x.cr, a.cancel_reason),
            updated_at = x.u,
            version = x.v
        from unnest(@TenantIds, @Ids, @Starts, @Ends, @Buffers, @Statuses, @CancelReasons, @UpdatedAt, @Versions)
             as x(t, i, s, e, b, st, cr, u, v)
        where a.tenant_id = x.t and a.id = x.i
        """;

    public string Name => "appointments";

    /// <summary>Its rows reference leads (cascade): rebuilding leads rebuilds this too.</summary>
    public IReadOnlyCollection<string> DependsOn { get; } = ["leads"];

    public ProjectionLifecycle Lifecycle => ProjectionLifecycle.Inline;

    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(AppointmentBooked), typeof(AppointmentRescheduled), typeof(AppointmentCancelled)];

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<(string Tenant, Guid Id), Row>();
        foreach (var @event in events)
        {
            switch (@event.Data)
            {
                case AppointmentBooked e:
                    rows[(@event.TenantId, e.AppointmentId)] = new Row(@event.TenantId, e.AppointmentId)
                    {
                        Booked = e,
                        BookedSequence = @event.Sequence,
                        Start = e.Start,
                        End = e.End,
                        BufferMinutes = e.BufferMinutes,
                        Status = AppointmentStatus.Booked,
                        UpdatedAt = @event.Timestamp,
                        Version = @event.Version,
                    };
                    break;
                case AppointmentRescheduled e:
                {
                    var row = RowOf(rows, @event.TenantId, e.AppointmentId);
                    row.Start = e.NewStart;
                    row.End = e.NewEnd;
                    row.BufferMinutes = e.BufferMinutes;
                    row.UpdatedAt = @event.Timestamp;
                    row.Version = @event.Version;
                    break;
                }

                case AppointmentCancelled e:
                {
                    var row = RowOf(rows, @event.TenantId, e.AppointmentId);
                    row.Status = AppointmentStatus.Cancelled;
                    row.CancelReason = e.Reason;
                    row.UpdatedAt = @event.Timestamp;
                    row.Version = @event.Version;
                    break;
                }
            }
        }

        var booked = rows.Values.Where(r => r.Booked is not null).ToList();
        var changed = rows.Values.Where(r => r.Booked is null).ToList();
        try
        {
            // Earlier appointments first, then the new ones: after each statement the table is a state that really was.
            if (changed.Count > 0)
            {
                await context.Connection.ExecuteAsync(new CommandDefinition(Update, new
                {
                    TenantIds = changed.Select(r => r.TenantId).ToArray(),
                    Ids = changed.Select(r => r.Id).ToArray(),
                    Starts = changed.Select(r => r.Start?.ToUniversalTime()).ToArray(),
                    Ends = changed.Select(r => r.End?.ToUniversalTime()).ToArray(),
                    Buffers = changed.Select(r => r.BufferMinutes ?? 0).ToArray(),
                    Statuses = changed.Select(r => r.Status is { } status ? StatusName(status) : null).ToArray(),
                    CancelReasons = changed.Select(r => r.CancelReason).ToArray(),
                    UpdatedAt = changed.Select(r => r.UpdatedAt.ToUniversalTime()).ToArray(),
                    Versions = changed.Select(r => r.Version).ToArray(),
                }, context.Transaction, cancellationToken: cancellationToken));
            }

            if (booked.Count > 0)
            {
                var inserted = await context.Connection.QueryAsync<Guid>(new CommandDefinition(Insert, new
                {
                    TenantIds = booked.Select(r => r.TenantId).ToArray(),
                    Ids = booked.Select(r => r.Id).ToArray(),
                    LeadIds = booked.Select(r => r.Booked!.LeadId).ToArray(),
                    Starts = booked.Select(r => r.Start!.Value.ToUniversalTime()).ToArray(),
                    Ends = booked.Select(r => r.End!.Value.ToUniversalTime()).ToArray(),
                    Buffers = booked.Select(r => r.BufferMinutes ?? 0).ToArray(),
                    Statuses = booked.Select(r => StatusName(r.Status!.Value)).ToArray(),
                    Titles = booked.Select(r => r.Booked!.Title).ToArray(),
                    Notes = booked.Select(r => r.Booked!.Notes).ToArray(),
                    Sources = booked.Select(r => SourceName(r.Booked!.Source)).ToArray(),
                    BookedBy = booked.Select(r => r.Booked!.BookedBy).ToArray(),
                    BookedAt = booked.Select(r => r.Booked!.BookedAt.ToUniversalTime()).ToArray(),
                    CancelReasons = booked.Select(r => r.CancelReason).ToArray(),
                    UpdatedAt = booked.Select(r => r.UpdatedAt.ToUniversalTime()).ToArray(),
                    Versions = booked.Select(r => r.Version).ToArray(),
                }, context.Transaction, cancellationToken: cancellationToken));
                await EnsureLeadsExistedAsync(context, booked, inserted.ToHashSet(), cancellationToken);
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ExclusionViolation && ex.ConstraintName == BusyConstraint)
        {
            // Another booking holds this time (perhaps committed a moment ago): this append rolls back, nothing is recorded.
            throw new ConflictException(SlotTakenCode, SlotTakenMessage);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ForeignKeyViolation && ex.ConstraintName == LeadConstraint)
        {
            // The lead was deleted while the booking was being recorded.
            throw new NotFoundException("lead", booked.Select(r => r.Booked!.LeadId).FirstOrDefault());
        }
    }

    /// <summary>
    /// A booking whose lead is gone is refused (404), unless the lead was deleted after it: then its appointment went with
    /// the lead, and replaying the history (a rebuild) rightly leaves it out.
    /// </summary>
    private static async Task EnsureLeadsExistedAsync(ProjectionContext context, List<Row> booked, HashSet<Guid> inserted, CancellationToken cancellationToken)
    {
        var missing = booked.Where(r => !inserted.Contains(r.Id)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var deletedLater = (await context.Connection.QueryAsync<Guid>(new CommandDefinition(DeletedLater, new
        {
            TenantIds = missing.Select(r => r.TenantId).ToArray(),
            Ids = missing.Select(r => r.Id).ToArray(),
            LeadIds = missing.Select(r => r.Booked!.LeadId).ToArray(),
            Sequences = missing.Select(r => r.BookedSequence).ToArray(),
        }, context.Transaction, cancellationToken: cancellationToken))).ToHashSet();
        if (missing.FirstOrDefault(r => !deletedLater.Contains(r.Id)) is { } refused)
        {
            throw new NotFoundException("lead", refused.Booked!.LeadId);
        }
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken) =>
        context.Connection.ExecuteAsync(new CommandDefinition("delete from appointments", transaction: context.Transaction, cancellationToken: cancellationToken));

    internal static string StatusName(AppointmentStatus status) => JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());

    internal static string SourceName(AppointmentSource source) => JsonNamingPolicy.SnakeCaseLower.ConvertName(source.ToString());

    private static Row RowOf(Dictionary<(string Tenant, Guid Id), Row> rows, string tenantId, Guid appointmentId)
    {
        if (!rows.TryGetValue((tenantId, appointmentId), out var row))
        {
            rows[(tenantId, appointmentId)] = row = new Row(tenantId, appointmentId);
        }

        return row;
    }

    /// <summary>For a booked appointment: its whole state; for an earlier one: what changed (null: unchanged).</summary>
    private sealed class Row(string tenantId, Guid id)
    {
        public string TenantId { get; } = tenantId;
        public Guid Id { get; } = id;
        public AppointmentBooked? Booked { get; init; }
        public long BookedSequence { get; init; }
        public DateTimeOffset? Start { get; set; }
        public DateTimeOffset? End { get; set; }
        public int? BufferMinutes { get; set; }
        public AppointmentStatus? Status { get; set; }
        public string? CancelReason { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
        public long Version { get; set; }
    }
}
