using Dapper;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Calls;
using ProSaaS.Infrastructure.Projections;

namespace ProSaaS.Infrastructure.AfterCall;

/// <summary>
/// The after-call queue, in the appending transaction: a pending row with each call's <c>call_completed</c> (only for calls
/// that have a row: a call whose lead was deleted is not summarized), its media host's end marked with
/// <c>call_media_ended</c>, and the row done with <c>call_summarized</c>. A call ends once, so a row is inserted once; a
/// replay finds the rows there.
/// </summary>
public sealed class CallWrapUpProjection : IProjection
{
    private const string InsertPending = """
        insert into call_wrap_ups (tenant_id, call_id, status, attempts, ended_at, media_ended, next_attempt_at, created_at)
        select x.t, x.c, 'pending', 0, x.e, x.m, x.e, x.at
        from unnest(@TenantIds, @CallIds, @EndedAt, @MediaEnded, @RecordedAt) as x(t, c, e, m, at)
        where exists (select 1 from calls c where c.tenant_id = x.t and c.id = x.c)
        on conflict (tenant_id, call_id) do nothing
        """;

    private const string MarkMediaEnded = """
        update call_wrap_ups w set media_ended = true
        from unnest(@TenantIds, @CallIds) as x(t, c)
        where w.tenant_id = x.t and w.call_id = x.c and not w.media_ended
        """;

    private const string MarkDone = """
        update call_wrap_ups w set status = 'done', completed_at = x.at, claimed_until = null, last_error = null
        from unnest(@TenantIds, @CallIds, @RecordedAt) as x(t, c, at)
        where w.tenant_id = x.t and w.call_id = x.c
        """;

    public string Name => "call_wrap_ups";

    /// <summary>Its rows hang off the calls' rows (cascade): rebuilding calls rebuilds this too.</summary>
    public IReadOnlyCollection<string> DependsOn { get; } = ["calls"];

    public ProjectionLifecycle Lifecycle => ProjectionLifecycle.Inline;

    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(CallCompleted), typeof(CallMediaEnded), typeof(CallSummarized)];

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var mediaEnded = events.Where(e => e.Data is CallMediaEnded).Select(e => (e.TenantId, ((CallMediaEnded)e.Data).CallId)).ToHashSet();
        var completed = events.Where(e => e.Data is CallCompleted).ToList();
        if (completed.Count > 0)
        {
            await context.Connection.ExecuteAsync(new CommandDefinition(InsertPending, new
            {
                TenantIds = completed.Select(e => e.TenantId).ToArray(),
                CallIds = completed.Select(e => ((CallCompleted)e.Data).CallId).ToArray(),
                EndedAt = completed.Select(e => ((CallCompleted)e.Data).EndedAt.ToUniversalTime()).ToArray(),
                MediaEnded = completed.Select(e => mediaEnded.Contains((e.TenantId, ((CallCompleted)e.Data).CallId))).ToArray(),
                RecordedAt = completed.Select(e => e.Timestamp.ToUniversalTime()).ToArray(),
            }, context.Transaction, cancellationToken: cancellationToken));
        }

        if (mediaEnded.Count > 0)
        {
            await context.Connection.ExecuteAsync(new CommandDefinition(MarkMediaEnded, new
            {
                TenantIds = mediaEnded.Select(m => m.TenantId).ToArray(),
                CallIds = mediaEnded.Select(m => m.CallId).ToArray(),
            }, context.Transaction, cancellationToken: cancellationToken));
        }

        var summarized = events.Where(e => e.Data is CallSummarized).ToList();
        if (summarized.Count > 0)
        {
            await context.Connection.ExecuteAsync(new CommandDefinition(MarkDone, new
            {
                TenantIds = summarized.Select(e => e.TenantId).ToArray(),
                CallIds = summarized.Select(e => ((CallSummarized)e.Data).CallId).ToArray(),
                RecordedAt = summarized.Select(e => e.Timestamp.ToUniversalTime()).ToArray(),
            }, context.Transaction, cancellationToken: cancellationToken));
        }
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken) =>
        context.Connection.ExecuteAsync(new CommandDefinition("delete from call_wrap_ups", transaction: context.Transaction, cancellationToken: cancellationToken));
}
