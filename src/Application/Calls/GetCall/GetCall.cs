using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Calls;

namespace ProSaaS.Application.Calls.GetCall;

/// <summary>One call of the current business with its lifecycle, step by step as recorded.</summary>
public sealed record GetCall(Guid CallId) : IRequest<CallDetails>;

public sealed class GetCallHandler(
    ICallQueries calls, ICallMediaQueries media, IEventStore events, IRequestContext context, ICallRecordingQueries recordings, TimeProvider clock)
    : IRequestHandler<GetCall, CallDetails>
{
    public async Task<CallDetails> Handle(GetCall request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        var view = await calls.GetAsync(tenantId, request.CallId, cancellationToken)
                   ?? throw new NotFoundException("call", request.CallId);
        var stream = await events.FetchStreamAsync(request.CallId, cancellationToken: cancellationToken);
        var recording = await recordings.GetAsync(tenantId, request.CallId, clock.GetUtcNow(), cancellationToken);
        var record = await media.GetAsync(tenantId, request.CallId, cancellationToken);
        return new CallDetails(view, Lifecycle(stream), record.Transcript, record.CollectedFields, record.MediaEnd)
        {
            Recording = recording?.ToSummary(),
            PromptVersion = stream.Select(e => e.Data).OfType<CallConfigured>().LastOrDefault()?.PromptVersion,
            Summary = SummaryOf(stream),
        };
    }

    internal static CallSummaryView? SummaryOf(IReadOnlyList<StoredEvent> stream) =>
        stream.Select(e => e.Data).OfType<CallSummarized>().LastOrDefault() is { } e
            ? new CallSummaryView(e.Summary?.Text, e.Summary?.NextAction, e.Summary?.NextActionText, e.Summary?.Sentiment, e.Summarizer,
                e.FallbackReason, e.SummarizedAt)
            : null;

    internal static IReadOnlyList<CallLifecycleStep> Lifecycle(IReadOnlyList<StoredEvent> stream)
    {
        var steps = new List<CallLifecycleStep>(stream.Count);
        var status = CallStatus.Queued;
        foreach (var stored in stream)
        {
            if (stored.Data is CallTranscriptTurn)
            {
                // The turns are the call's transcript, not steps of its lifecycle.
                continue;
            }

            (DateTimeOffset At, string? Detail) step = stored.Data switch
            {
                CallStarted e => (e.StartedAt, CallText.WireName(e.Direction)),
                CallPlaced e => (e.PlacedAt, e.ProviderCallId),
                CallRejected e => (e.RejectedAt, CallText.WireName(e.Reason)),
                CallStatusChanged e => (e.ChangedAt, e.AnsweredBy),
                CallCompleted e => (e.EndedAt, CallText.WireName(e.EndReason)),
                CallLeadLinked e => (e.LinkedAt, null),
                CallRecordingStored e => (e.StoredAt, null),
                CallRecordingDeleted e => (e.DeletedAt, CallText.WireName(e.Reason)),
                CallFieldsCollected e => (e.CollectedAt, string.Join(", ", (e.Fields?.Keys ?? []).Order(StringComparer.Ordinal))),
                CallMediaEnded e => (e.EndedAt, CallText.WireName(e.EndReason)),
                CallToolApplied e => (e.AppliedAt, e.Tool),
                CallConfigured e => (e.ConfiguredAt, $"prompt v{e.PromptVersion}"),
                CallSummarized e => (e.SummarizedAt, e.Summary is { } summary ? CallText.WireName(summary.NextAction) : null),
                _ => (stored.Timestamp, null),
            };
            status = stored.Data switch
            {
                CallStarted e => e.Status,
                CallRejected => CallStatus.Rejected,
                CallStatusChanged e => e.ToStatus,
                CallCompleted e => e.Status,
                _ => status,
            };
            steps.Add(new CallLifecycleStep(stored.EventTypeName, status, step.At, step.Detail, stored.Version));
        }

        return steps;
    }
}
