using MediatR;
using Microsoft.Extensions.Logging;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Tenants;
using ProSaaS.Domain.Calls;
using ProSaaS.Domain.Common;
using ProSaaS.Domain.Leads;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Calls.WrapUp.WrapUpDueCalls;

/// <summary>
/// The after-call work of the calls that are due (<see cref="ICallWrapUpQueue"/>): each is summarized, the summary recorded on
/// the call (<c>call_summarized</c>, which sends the <c>call.completed</c> webhook) and its lead's status moved
/// (<see cref="AfterCallLeadStatus"/>), in one transaction. A summarizer that fails is tried again after
/// <see cref="RetryDelay"/>, doubling; on the <see cref="MaxAttempts"/>-th failure the rules write the summary instead, so a
/// call is never left without one. Several processes may run this at once: a call is summarized once. Answers how many calls
/// were summarized.
/// </summary>
/// <param name="Settle">How long after its end a call waits for the media host's last reports when the media host has not said its side ended.</param>
/// <param name="MaxAttempts">Attempts of the configured summarizer before the rules stand in.</param>
/// <param name="RetryDelay">The wait after the first failure; each further failure waits twice as long (at most 30 minutes).</param>
/// <param name="MaxAge">Calls that ended longer ago (a rebuild, a long outage) are not summarized.</param>
/// <param name="Lease">How long a claimed call is this process's before another may take it.</param>
/// <param name="Limit">The most calls taken in one run.</param>
public sealed record WrapUpDueCalls(
    TimeSpan Settle,
    int MaxAttempts,
    TimeSpan RetryDelay,
    TimeSpan MaxAge,
    TimeSpan Lease,
    int Limit = WrapUpDueCalls.DefaultLimit) : IRequest<int>
{
    public const int DefaultLimit = 20;
}

public sealed partial class WrapUpDueCallsHandler(
    ICallWrapUpQueue queue,
    IEventStore events,
    ICallQueries calls,
    ITenantQueries tenants,
    ICallSummarizer summarizer,
    SandboxCallSummarizer rules,
    TimeProvider clock,
    ILogger<WrapUpDueCallsHandler> logger) : IRequestHandler<WrapUpDueCalls, int>
{
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromMinutes(30);

    /// <summary>Failures other than the summarizer's (the database, bad data) are tried this many more times, then the call is left.</summary>
    private const int ExtraAttemptsOnOtherFailures = 3;

    public async Task<int> Handle(WrapUpDueCalls request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = await queue.ClaimDueAsync(now, now - request.Settle, now + request.Lease, request.Limit, cancellationToken);
        var summarized = 0;
        foreach (var item in due)
        {
            try
            {
                if (await WrapUpAsync(item, request, cancellationToken))
                {
                    summarized++;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                await FailedAsync(item, request, ex, cancellationToken);
            }
        }

        return summarized;
    }

    private async Task FailedAsync(CallWrapUpItem item, WrapUpDueCalls request, Exception failure, CancellationToken cancellationToken)
    {
        var error = Clip(failure is CallSummarizerException ? failure.Message : $"{failure.GetType().Name}: {failure.Message}", 500);
        if (failure is not CallSummarizerException && item.Attempts >= request.MaxAttempts + ExtraAttemptsOnOtherFailures)
        {
            LogGaveUp(failure, item.TenantId, item.CallId, item.Attempts);
            await queue.SkipAsync(item.TenantId, item.CallId, error, cancellationToken);
            return;
        }

        var delay = TimeSpan.FromTicks(Math.Min(LongestRetryDelay.Ticks,
            request.RetryDelay.Ticks * (long)Math.Pow(2, Math.Clamp(item.Attempts - 1, 0, 20))));
        LogRetry(failure, item.TenantId, item.CallId, item.Attempts, delay);
        await queue.RetryAsync(item.TenantId, item.CallId, clock.GetUtcNow() + delay, error, cancellationToken);
    }

    private async Task<bool> WrapUpAsync(CallWrapUpItem item, WrapUpDueCalls request, CancellationToken cancellationToken)
    {
        if (clock.GetUtcNow() - item.EndedAt > request.MaxAge)
        {
            await queue.SkipAsync(item.TenantId, item.CallId, "the call ended too long ago", cancellationToken);
            return false;
        }

        var store = events.ForTenant(item.TenantId);
        var call = await store.AggregateStreamAsync<Call>(item.CallId, cancellationToken: cancellationToken);
        if (call is null || call.IsRejected || call.IsLive || call.IsSummarized
            || await calls.GetAsync(item.TenantId, item.CallId, cancellationToken) is null)
        {
            // No call to summarize any more: its lead (and so its row) was deleted, or it was summarized by another route.
            await queue.SkipAsync(item.TenantId, item.CallId, call?.IsSummarized == true ? "summarized already" : "the call is gone", cancellationToken);
            return false;
        }

        var report = CallReport.Read(await store.FetchStreamAsync(item.CallId, cancellationToken: cancellationToken));
        var settings = (await tenants.GetSettingsAsync(item.TenantId, cancellationToken))?.Settings ?? TenantSettings.Default;
        var businessName = (await tenants.GetProfileAsync(item.TenantId, cancellationToken))?.Name ?? string.Empty;
        var lead = call.LeadId is { } leadId ? await store.AggregateStreamAsync<Lead>(leadId, cancellationToken: cancellationToken) : null;
        var labels = settings.LeadFields.ToDictionary(f => f.Key, f => f.Label, StringComparer.Ordinal);
        var input = new CallSummaryInput(
            businessName,
            call.Direction,
            LanguageOf(report.Transcript),
            report.Transcript,
            report.Fields.Select(f => new CollectedDetail(f.Key, labels.GetValueOrDefault(f.Key) ?? BuiltInLabel(f.Key), f.Value)).ToList(),
            report.Tools,
            call.MediaEndReason ?? call.EndReason,
            call.DurationSeconds ?? 0,
            call.AnsweredAt is not null || report.Transcript.Count > 0,
            lead is { IsDeleted: false } ? lead.Name : null);

        var (content, by, fallback) = await SummarizeAsync(input, item, request, cancellationToken);
        var facts = new AfterCallFacts(input.CallerSpoke, input.AppointmentBooked, input.HumanRequested);
        return await ConcurrencyRetry.RunAsync(retry: true, async () =>
        {
            var current = await store.AggregateStreamAsync<Call>(item.CallId, cancellationToken: cancellationToken);
            var at = clock.GetUtcNow();
            if (current is null || !current.RecordSummary(content, by, fallback, report.Transcript, report.Fields, report.Tools.Select(t => t.Tool).ToList(), at))
            {
                return false;
            }

            var changed = new List<AggregateRoot> { current };
            if (current.LeadId is { } id && await store.AggregateStreamAsync<Lead>(id, cancellationToken: cancellationToken) is { IsDeleted: false } currentLead
                && AfterCallLeadStatus.Decide(settings.LeadStatuses, currentLead.Status, currentLead.StatusChangedAt >= current.StartedAt, facts) is { } move)
            {
                currentLead.ChangeStatus(move.ToStatus, move.Reason, at);
                changed.Add(currentLead);
            }

            await store.SaveManyAsync(changed, cancellationToken);
            return true;
        });
    }

    private async Task<(CallSummaryContent Content, string By, string? Fallback)> SummarizeAsync(
        CallSummaryInput input, CallWrapUpItem item, WrapUpDueCalls request, CancellationToken cancellationToken)
    {
        if (!input.CallerSpoke || summarizer.Name == rules.Name)
        {
            // Nothing was said: there is nothing for a model to read, and the rules say all there is.
            return (SandboxCallSummarizer.Summarize(input), rules.Name, null);
        }

        try
        {
            return (await summarizer.SummarizeAsync(input, cancellationToken), summarizer.Name, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (item.Attempts < request.MaxAttempts)
            {
                throw ex as CallSummarizerException ?? new CallSummarizerException($"{summarizer.Name}: {ex.Message}", ex);
            }

            LogFallback(ex, item.TenantId, item.CallId, item.Attempts);
            return (SandboxCallSummarizer.Summarize(input), rules.Name, $"{summarizer.Name} failed {item.Attempts} times: {Clip(ex.Message, 200)}");
        }
    }

    /// <summary><c>en</c> when the caller spoke mostly Latin letters, otherwise <c>he</c>.</summary>
    internal static string LanguageOf(IReadOnlyList<CallSummaryTurn> transcript)
    {
        var said = string.Concat(transcript.Where(t => t.Speaker == CallSpeaker.Caller).Select(t => t.Text));
        var hebrew = said.Count(c => c is >= '\u05d0' and <= '\u05ea');
        var latin = said.Count(char.IsAsciiLetter);
        return latin > hebrew ? "en" : "he";
    }

    private static string BuiltInLabel(string key) => key switch
    {
        "name" => "שם",
        "phone" => "טלפון",
        "email" => "אימייל",
        _ => key,
    };

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wrapping up call {CallId} of business {TenantId} failed (attempt {Attempts}); trying again in {Delay}")]
    private partial void LogRetry(Exception exception, string tenantId, Guid callId, int attempts, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The summarizer failed on call {CallId} of business {TenantId} {Attempts} times: the rules write its summary")]
    private partial void LogFallback(Exception exception, string tenantId, Guid callId, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Wrapping up call {CallId} of business {TenantId} failed {Attempts} times: left without a summary")]
    private partial void LogGaveUp(Exception exception, string tenantId, Guid callId, int attempts);
}

/// <summary>What a call's stream says about its conversation: the transcript in audio order, the latest value of each detail, the tools used.</summary>
internal sealed record CallReport(IReadOnlyList<CallSummaryTurn> Transcript, IReadOnlyDictionary<string, string> Fields, IReadOnlyList<CallToolUse> Tools)
{
    public static CallReport Read(IReadOnlyList<StoredEvent> stream)
    {
        var turns = new List<(CallSummaryTurn Turn, long Sequence)>();
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var tools = new List<CallToolUse>();
        foreach (var stored in stream)
        {
            switch (stored.Data)
            {
                case CallTranscriptTurn { Text.Length: > 0 } turn:
                    turns.Add((new CallSummaryTurn(turn.Speaker, turn.Text, turn.OffsetMs, turn.At), stored.Sequence));
                    break;
                case CallFieldsCollected collected:
                    foreach (var (key, value) in collected.Fields ?? new Dictionary<string, string>())
                    {
                        fields[key] = value;
                    }

                    break;
                case CallToolApplied tool:
                    tools.Add(new CallToolUse(tool.Tool, tool.AppointmentId is not null, tool.TaskId is not null));
                    break;
            }
        }

        return new CallReport(
            turns.OrderBy(t => t.Turn.OffsetMs).ThenBy(t => t.Sequence).Select(t => t.Turn).ToList(),
            fields,
            tools);
    }
}
