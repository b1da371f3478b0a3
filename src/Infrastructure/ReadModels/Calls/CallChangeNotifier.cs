using Dapper;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Calls;
using ProSaaS.Infrastructure.Projections;

namespace ProSaaS.Infrastructure.ReadModels.Calls;

/// <summary>
/// Announces changed calls on <see cref="Channel"/> in the append's transaction, so every Api instance hears of them when
/// (and only if) the append commits: one notification per call per append, <c>tenant|callId|version</c>. Writes no rows;
/// a replay of old events (a rebuild) announces nothing.
/// </summary>
public sealed class CallChangeNotifier(TimeProvider clock) : IProjection
{
    public const string Channel = "prosaas_call_changes";

    /// <summary>Events older than this are history being replayed, not news.</summary>
    private static readonly TimeSpan Fresh = TimeSpan.FromMinutes(2);

    public string Name => "call_change_notifications";

    public ProjectionLifecycle Lifecycle => ProjectionLifecycle.Inline;

    public IReadOnlyCollection<Type> EventTypes { get; } =
    [
        typeof(CallStarted), typeof(CallPlaced), typeof(CallRejected), typeof(CallStatusChanged), typeof(CallCompleted), typeof(CallLeadLinked),
        typeof(CallConfigured), typeof(CallTranscriptTurn), typeof(CallFieldsCollected), typeof(CallMediaEnded), typeof(CallRecordingStored),
        typeof(CallRecordingDeleted), typeof(CallToolApplied), typeof(CallSummarized),
    ];

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var payloads = events
            .Where(e => now - e.Timestamp <= Fresh)
            .GroupBy(e => (e.TenantId, e.StreamId))
            .Select(g => Payload(g.Key.TenantId, g.Key.StreamId, g.Max(e => e.Version)))
            .ToArray();
        if (payloads.Length == 0)
        {
            return;
        }

        await context.Connection.ExecuteAsync(new CommandDefinition(
            "select pg_notify(@Channel, p) from unnest(@Payloads) as p", new { Channel, Payloads = payloads }, context.Transaction,
            cancellationToken: cancellationToken));
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    public static string Payload(string tenantId, Guid callId, long version) => $"{tenantId}|{callId:D}|{version}";

    public static bool TryParse(string payload, out string tenantId, out Guid callId, out long version)
    {
        tenantId = "";
        callId = Guid.Empty;
        version = 0;
        var parts = payload.Split('|');
        if (parts.Length != 3 || parts[0].Length == 0 || !Guid.TryParse(parts[1], out callId)
            || !long.TryParse(parts[2], System.Globalization.CultureInfo.InvariantCulture, out version))
        {
            return false;
        }

        tenantId = parts[0];
        return true;
    }
}
