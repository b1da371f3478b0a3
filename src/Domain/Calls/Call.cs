using ProSaaS.Domain.Common;

namespace ProSaaS.Domain.Calls;

/// <summary>
/// One phone call of a business, inbound or outbound, from the moment the platform answered or placed it to its end.
/// Its lifecycle follows the provider's status reports in any order (<see cref="CallStatusPolicy"/>) and the platform's
/// own decisions (a hang-up by the business, a lost call). A call that was refused is a stream of its own that starts
/// and ends with <see cref="CallRejected"/>.
/// </summary>
[StreamType("call")]
public sealed class Call : AggregateRoot
{
    public const int MaxProviderCallIdLength = 64;
    public const int MaxAnsweredByLength = 40;
    public const string ProviderCallIdMismatchCode = "call.provider_call_id_mismatch";

    private Call()
    {
    }

    public CallDirection Direction { get; private set; }
    public string? ProviderCallId { get; private set; }
    public string? From { get; private set; }
    public string? To { get; private set; }
    public Guid? LeadId { get; private set; }

    /// <summary>The outbound template the call follows; null on inbound calls.</summary>
    public Guid? TemplateId { get; private set; }

    public CallStatus Status { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    public CallEndReason? EndReason { get; private set; }
    public CallRejectionReason? RejectionReason { get; private set; }
    public int? DurationSeconds { get; private set; }

    /// <summary>The call's recording once one was stored (deleted ones included); null before.</summary>
    public CallRecording? Recording { get; private set; }
    /// <summary>Why the media host's side of the call ended, once it has said so (<see cref="RecordMediaEnd"/>).</summary>
    public CallEndReason? MediaEndReason { get; private set; }

    private readonly HashSet<string> _toolCalls = new(StringComparer.Ordinal);

    /// <summary>The callback task the caller asked for during the call (the first one), once a tool created it.</summary>
    public Guid? CallbackTaskId { get; private set; }

    /// <summary>The version of the business's prompt the call's instructions were composed from; null before the media host had them.</summary>
    public int? PromptVersion { get; private set; }

    /// <summary>The call's after-call summary once recorded (<see cref="RecordSummary"/>); null before, and once erased.</summary>
    public CallSummaryContent? Summary { get; private set; }

    /// <summary>Whether the after-call summary was recorded (it is recorded once).</summary>
    public bool IsSummarized { get; private set; }

    /// <summary>Connected and not ended: it holds a call slot.</summary>
    public bool IsLive => !CallStatusPolicy.IsFinal(Status);

    public bool IsRejected => Status == CallStatus.Rejected;

    /// <summary>
    /// A call connected to the assistant, at a status the call can still move on from (queued, initiated, ringing, in
    /// progress). <paramref name="templateId"/> is the outbound template an outbound call follows.
    /// </summary>
    public static Call Start(
        Guid id,
        CallDirection direction,
        string? providerCallId,
        string? from,
        string? to,
        Guid? leadId,
        CallStatus status,
        DateTimeOffset startedAt,
        Guid? templateId = null)
    {
        EnsureId(id);
        if (CallStatusPolicy.IsFinal(status))
        {
            throw new DomainException("call.start_status_final", "שיחה חדשה אינה יכולה להתחיל במצב סופי.");
        }

        var call = new Call();
        call.Raise(new CallStarted(id, NoEmpty(leadId), direction, ValidProviderCallId(providerCallId), Blank(from), Blank(to), status, startedAt,
            NoEmpty(templateId)));
        return call;
    }

    /// <summary>
    /// An outbound call to a lead, about to be placed with the provider: queued, holding a slot, with no provider call id yet
    /// (<see cref="RecordPlacement"/> records it).
    /// </summary>
    public static Call StartOutbound(Guid id, string from, string to, Guid leadId, Guid templateId, DateTimeOffset startedAt)
    {
        if (leadId == Guid.Empty)
        {
            throw new DomainException("call.lead_required", "חסר מזהה ליד.");
        }

        if (string.IsNullOrWhiteSpace(to))
        {
            throw new DomainException("call.number_required", "חסר המספר שאליו מתקשרים.");
        }

        return Start(id, CallDirection.Outbound, null, from, to, leadId, CallStatus.Queued, startedAt, templateId);
    }

    /// <summary>
    /// Records the provider's id of the call once it is known. The same id again changes nothing (false); another id than the
    /// one recorded is refused — one call is one provider call. Recorded after the end too: the call's history keeps it.
    /// </summary>
    public bool RecordPlacement(string providerCallId, DateTimeOffset placedAt)
    {
        var id = ValidProviderCallId(providerCallId)
                 ?? throw new DomainException("call.provider_call_id_required", "חסר מזהה השיחה אצל ספק הטלפוניה.");
        if (ProviderCallId == id)
        {
            return false;
        }

        if (ProviderCallId is not null)
        {
            throw new DomainException(ProviderCallIdMismatchCode, "לשיחה כבר יש מזהה אחר אצל ספק הטלפוניה.");
        }

        Raise(new CallPlaced(Id, LeadId, id, placedAt));
        return true;
    }

    /// <summary>Whether a provider report about <paramref name="providerCallId"/> may be about this call: its id, or any while it has none yet.</summary>
    public bool MayBeProviderCall(string? providerCallId) =>
        ProviderCallId is null ? !string.IsNullOrWhiteSpace(providerCallId) : ProviderCallId == providerCallId?.Trim();

    /// <summary>A call refused before it was connected.</summary>
    public static Call Reject(
        Guid id,
        CallDirection direction,
        string? providerCallId,
        string? from,
        string? to,
        Guid? leadId,
        CallRejectionReason reason,
        DateTimeOffset rejectedAt)
    {
        EnsureId(id);
        var call = new Call();
        call.Raise(new CallRejected(id, NoEmpty(leadId), direction, ValidProviderCallId(providerCallId), Blank(from), Blank(to), reason, rejectedAt));
        return call;
    }

    /// <summary>
    /// Applies a provider status report. Returns what it did: a report that arrives late, again, or after the end changes
    /// nothing. <paramref name="durationSeconds"/> is the provider's count of a final report; without it the duration is
    /// counted from the answer.
    /// </summary>
    public CallStatusChange ApplyProviderStatus(
        CallStatus reported, int? sequenceNumber, int? durationSeconds, string? answeredBy, DateTimeOffset reportedAt)
    {
        var change = CallStatusPolicy.Decide(Status, reported);
        switch (change)
        {
            case CallStatusChange.Advance:
                Raise(new CallStatusChanged(Id, LeadId, Status, reported, sequenceNumber, Truncate(Blank(answeredBy), MaxAnsweredByLength), reportedAt));
                break;
            case CallStatusChange.End:
                Finish(reported, CallStatusPolicy.EndReasonOf(reported), reportedAt, durationSeconds, sequenceNumber);
                break;
        }

        return change;
    }

    /// <summary>Ends a live call for <paramref name="reason"/>. Returns false, changing nothing, when it has ended already.</summary>
    public bool End(CallEndReason reason, DateTimeOffset endedAt, int? durationSeconds = null)
    {
        if (!IsLive)
        {
            return false;
        }

        Finish(CallStatusPolicy.FinalStatusOf(reason), reason, endedAt, durationSeconds, null);
        return true;
    }

    /// <summary>
    /// Records the prompt version the call's configuration was composed from as it is handed to the media host. Nothing when
    /// the call has that version recorded already, or has ended.
    /// </summary>
    public bool RecordConfiguration(Tenants.AssistantChannel channel, int promptVersion, DateTimeOffset configuredAt)
    {
        if (promptVersion < 0)
        {
            throw new DomainException("call.prompt_version_invalid", "גרסת ההנחיות אינה תקינה.");
        }

        if (!IsLive || PromptVersion == promptVersion)
        {
            return false;
        }

        Raise(new CallConfigured(Id, LeadId, channel, promptVersion, configuredAt));
        return true;
    }

    /// <summary>
    /// Ties the call to the lead its caller was captured as (during or after the call). The same lead again changes nothing;
    /// a call belongs to one lead only.
    /// </summary>
    public bool LinkLead(Guid leadId, DateTimeOffset linkedAt)
    {
        if (leadId == Guid.Empty)
        {
            throw new DomainException("call.lead_required", "חסר מזהה ליד.");
        }

        if (LeadId == leadId)
        {
            return false;
        }

        if (LeadId is not null)
        {
            throw new DomainException("call.lead_already_linked", "השיחה כבר משויכת לליד אחר.");
        }

        Raise(new CallLeadLinked(Id, leadId, linkedAt));
        return true;
    }

    public const string RecordingExistsCode = "call.recording_exists";
    public const string RecordingOfRefusedCallCode = "call.recording_of_refused_call";

    /// <summary>
    /// Records the call's recording, stored under <paramref name="storageKey"/>. The same file again (by its SHA-256) changes
    /// nothing and answers false, even once deleted: a late retry never brings a recording back. A refused call has no
    /// recording, and a call keeps its first one: another file is refused.
    /// </summary>
    public bool StoreRecording(string storageKey, long bytes, long durationMs, string sha256, DateTimeOffset storedAt, DateTimeOffset expiresAt)
    {
        if (IsRejected)
        {
            throw new DomainException(RecordingOfRefusedCallCode, "השיחה נדחתה לפני שחוברה, ואין לה הקלטה.");
        }

        if (Recording is { } existing)
        {
            if (existing.Sha256 != sha256)
            {
                throw new DomainException(RecordingExistsCode, "לשיחה כבר נשמרה הקלטה אחרת.");
            }

            return false;
        }

        CallRecordingRules.EnsureValid(storageKey, bytes, durationMs, sha256, storedAt, expiresAt);
        Raise(new CallRecordingStored(Id, LeadId, bytes, durationMs, sha256, storageKey, storedAt, expiresAt));
        return true;
    }

    /// <summary>Deletes the call's recording for <paramref name="reason"/>. False, changing nothing, when it has none or it is gone already.</summary>
    public bool DeleteRecording(RecordingDeletionReason reason, DateTimeOffset deletedAt)
    {
        if (Recording is not { IsDeleted: false })
        {
            return false;
        }

        Raise(new CallRecordingDeleted(Id, LeadId, reason, deletedAt));
        return true;
    }

    /// <summary>
    /// Records a finished utterance reported by the media host, during the call or late after its end (a report that was
    /// delayed). A call that was refused never had a conversation.
    /// </summary>
    public void RecordTranscriptTurn(Guid commandId, CallSpeaker speaker, string? text, long offsetMs, bool interrupted, DateTimeOffset at)
    {
        EnsureConnected();
        EnsureCommandId(commandId);
        if (!CallMediaRules.IsValidTurnText(text))
        {
            throw new DomainException("call.turn_text_invalid", $"טקסט התור בשיחה חייב להכיל 1–{CallMediaRules.MaxTurnTextLength} תווים.");
        }

        if (offsetMs < 0)
        {
            throw new DomainException("call.turn_offset_invalid", "מיקום התור בשיחה אינו יכול להיות שלילי.");
        }

        Raise(new CallTranscriptTurn(Id, LeadId, commandId, speaker, text!.Trim(), offsetMs, interrupted, at));
    }

    /// <summary>Records details the caller gave, by lead field key; the same key reported again later replaces the value.</summary>
    public void RecordCollectedFields(Guid commandId, IReadOnlyDictionary<string, string>? fields, DateTimeOffset at)
    {
        EnsureConnected();
        EnsureCommandId(commandId);
        if (fields is null || fields.Count is 0 or > CallMediaRules.MaxCollectedFields
            || !fields.All(f => CallMediaRules.IsValidFieldKey(f.Key) && CallMediaRules.IsValidFieldValue(f.Value)))
        {
            throw new DomainException("call.fields_invalid",
                $"הפרטים שנאספו אינם תקינים: 1–{CallMediaRules.MaxCollectedFields} פרטים, מפתח באותיות לטיניות קטנות וערך של עד {CallMediaRules.MaxFieldValueLength} תווים.");
        }

        var copy = fields.ToDictionary(f => f.Key, f => f.Value.Trim(), StringComparer.Ordinal);
        Raise(new CallFieldsCollected(Id, LeadId, commandId, copy, at));
    }

    /// <summary>
    /// The media host's side of the call ended for <paramref name="reason"/> (one of its own reasons). A live call ends with
    /// that reason at <paramref name="at"/> (kept between the call's start and <paramref name="now"/>), its slot freed; a call
    /// that has ended already (the provider's report came first) keeps its end. Either way the media host's reason and
    /// figures are recorded. Returns false, recording nothing, when the media host's end was recorded already.
    /// </summary>
    public bool RecordMediaEnd(Guid commandId, CallEndReason reason, CallMediaMetrics metrics, DateTimeOffset at, DateTimeOffset now)
    {
        EnsureConnected();
        EnsureCommandId(commandId);
        if (!CallMediaRules.IsMediaEndReason(reason))
        {
            throw new DomainException("call.media_end_reason_invalid", "סיבת הסיום אינה סיבה שהשרת הקולי מדווח עליה.");
        }

        if (!CallMediaRules.IsValidMetrics(metrics))
        {
            throw new DomainException("call.media_metrics_invalid", "נתוני השיחה אינם תקינים: ספירות וזמנים אינם יכולים להיות שליליים.");
        }

        if (MediaEndReason is not null)
        {
            return false;
        }

        var endedAt = at < StartedAt ? StartedAt : at > now ? now : at;
        if (IsLive)
        {
            // Twilio reports an inbound call's answer only with its end: the stream's length is the best measure of the call's.
            int? streamSeconds = AnsweredAt is null && metrics.DurationMs > 0 ? (int)Math.Min(int.MaxValue, Math.Round(metrics.DurationMs / 1000.0)) : null;
            Finish(CallStatusPolicy.FinalStatusOf(reason), reason, endedAt, streamSeconds, null);
        }

        Raise(new CallMediaEnded(Id, LeadId, commandId, reason, metrics, endedAt));
        return true;
    }

    /// <summary>Whether a tool call with this id changed something on this call already (<see cref="RecordToolApplied"/>).</summary>
    public bool HasAppliedToolCall(string toolCallId) => _toolCalls.Contains(toolCallId);

    /// <summary>
    /// Records what a function the AI called changed (<see cref="CallToolApplied"/>), with the answer it was given. Recorded
    /// after the call's end too (a tool call that was under way when the caller hung up); once per tool call id.
    /// </summary>
    public void RecordToolApplied(
        string toolCallId, string tool, Guid? appointmentId, Guid? taskId, IReadOnlyList<string>? fieldsSaved, string content, DateTimeOffset at)
    {
        EnsureConnected();
        if (!CallToolRules.IsValidToolCallId(toolCallId) || !CallToolRules.IsValidToolName(tool))
        {
            throw new DomainException("call.tool_call_invalid",
                $"לקריאה לכלי חייבים להיות מזהה (עד {CallToolRules.MaxToolCallIdLength} תווים) ושם כלי באותיות לטיניות קטנות.");
        }

        if (string.IsNullOrWhiteSpace(content) || content.Length > CallToolRules.MaxAnswerLength)
        {
            throw new DomainException("call.tool_answer_invalid", $"התשובה לכלי חייבת להכיל 1–{CallToolRules.MaxAnswerLength} תווים.");
        }

        if (_toolCalls.Contains(toolCallId))
        {
            throw new DomainException("call.tool_call_recorded", "הקריאה לכלי כבר נרשמה בשיחה.");
        }

        Raise(new CallToolApplied(Id, LeadId, toolCallId, tool, NoEmpty(appointmentId), NoEmpty(taskId),
            (fieldsSaved ?? []).Distinct(StringComparer.Ordinal).ToList(), content, at));
    }

    public const string SummaryInvalidCode = "call.summary_invalid";

    /// <summary>
    /// Records the ended call's summary and the report it was made from (<see cref="CallSummarized"/>): the transcript, details
    /// and tools as they stood, with the call's own facts (direction, numbers, times, end reasons, recording). Once per call:
    /// false, recording nothing, when it was recorded already. A live call is not summarized; a refused call never had a
    /// conversation.
    /// </summary>
    public bool RecordSummary(
        CallSummaryContent summary,
        string summarizer,
        string? fallbackReason,
        IReadOnlyList<CallSummaryTurn>? transcript,
        IReadOnlyDictionary<string, string>? collectedFields,
        IReadOnlyList<string>? toolsApplied,
        DateTimeOffset at)
    {
        EnsureConnected();
        if (IsLive)
        {
            throw new DomainException("call.summary_while_live", "אפשר לסכם שיחה רק אחרי שהסתיימה.");
        }

        if (IsSummarized)
        {
            return false;
        }

        if (!CallSummaryRules.IsValid(summary) || !CallSummaryRules.IsValidSummarizer(summarizer))
        {
            throw new DomainException(SummaryInvalidCode,
                $"סיכום השיחה אינו תקין: סיכום של 1–{CallSummaryRules.MaxSummaryLength} תווים, פעולת המשך מוגדרת עם נוסח של עד {CallSummaryRules.MaxNextActionTextLength} תווים.");
        }

        var content = summary with { Text = summary.Text.Trim(), NextActionText = summary.NextActionText.Trim() };
        var fallback = string.IsNullOrWhiteSpace(fallbackReason) ? null : Truncate(fallbackReason.Trim(), CallSummaryRules.MaxFallbackReasonLength);
        Raise(new CallSummarized(Id, LeadId, Direction, From, To, StartedAt, EndedAt, DurationSeconds ?? 0, EndReason, MediaEndReason,
            Recording is not null, (transcript ?? []).ToList(),
            new Dictionary<string, string>(collectedFields ?? new Dictionary<string, string>(), StringComparer.Ordinal),
            (toolsApplied ?? []).Distinct(StringComparer.Ordinal).ToList(), content, summarizer, fallback, at));
        return true;
    }

    private void EnsureConnected()
    {
        if (IsRejected)
        {
            throw new DomainException("call.never_connected", "השיחה נדחתה לפני שחוברה; אין בה שיחה לתעד.");
        }
    }

    private static void EnsureCommandId(Guid commandId)
    {
        if (commandId == Guid.Empty)
        {
            throw new DomainException("call.command_id_required", "לדיווח על השיחה חייב להיות מזהה.");
        }
    }

    private void Finish(CallStatus finalStatus, CallEndReason reason, DateTimeOffset endedAt, int? durationSeconds, int? sequenceNumber)
    {
        var duration = durationSeconds is >= 0 ? durationSeconds.Value
            : AnsweredAt is { } answered ? (int)Math.Max(0, Math.Round((endedAt - answered).TotalSeconds)) : 0;
        // A provider that reports a duration without having reported the answer (Twilio sends inbound calls' final
        // status only) tells when the call was answered.
        var answeredAt = AnsweredAt ?? (duration > 0 ? endedAt.AddSeconds(-duration) : null);
        Raise(new CallCompleted(Id, LeadId, Direction, From, To, finalStatus, reason, StartedAt, answeredAt, endedAt, duration, sequenceNumber));
    }

    protected override void Apply(IDomainEvent @event)
    {
        switch (@event)
        {
            case CallRecordingStored e:
                Recording = new CallRecording(e.StorageKey, e.Bytes, e.DurationMs, e.Sha256, e.StoredAt, e.ExpiresAt);
                break;
            case CallRecordingDeleted e:
                Recording = Recording is null ? null : Recording with { DeletedAt = e.DeletedAt };
                break;
            case CallStarted e:
                Id = e.CallId;
                LeadId = e.LeadId;
                Direction = e.Direction;
                ProviderCallId = e.ProviderCallId;
                From = e.From;
                To = e.To;
                TemplateId = e.TemplateId;
                Status = e.Status;
                StartedAt = e.StartedAt;
                AnsweredAt = e.Status == CallStatus.InProgress ? e.StartedAt : null;
                break;
            case CallRejected e:
                Id = e.CallId;
                LeadId = e.LeadId;
                Direction = e.Direction;
                ProviderCallId = e.ProviderCallId;
                From = e.From;
                To = e.To;
                Status = CallStatus.Rejected;
                RejectionReason = e.Reason;
                StartedAt = e.RejectedAt;
                EndedAt = e.RejectedAt;
                break;
            case CallStatusChanged e:
                Status = e.ToStatus;
                if (e.ToStatus == CallStatus.InProgress)
                {
                    AnsweredAt ??= e.ChangedAt;
                }

                break;
            case CallCompleted e:
                Status = e.Status;
                EndReason = e.EndReason;
                AnsweredAt = e.AnsweredAt;
                EndedAt = e.EndedAt;
                DurationSeconds = e.DurationSeconds;
                break;
            case CallLeadLinked e:
                LeadId = e.LeadId;
                break;
            case CallPlaced e:
                ProviderCallId = e.ProviderCallId;
                break;
            case CallTranscriptTurn or CallFieldsCollected:
                break;
            case CallMediaEnded e:
                MediaEndReason = e.EndReason;
                break;
            case CallConfigured e:
                PromptVersion = e.PromptVersion;
                break;
            case CallSummarized e:
                IsSummarized = true;
                Summary = e.Summary;
                break;
            case CallToolApplied e:
                _toolCalls.Add(e.ToolCallId);
                CallbackTaskId ??= e.TaskId;
                break;
            default:
                throw new InvalidOperationException($"Call cannot apply {@event.GetType().Name}.");
        }
    }

    private static void EnsureId(Guid id)
    {
        if (id == Guid.Empty)
        {
            throw new DomainException("call.id_required", "לשיחה חייב להיות מזהה.");
        }
    }

    private static string? ValidProviderCallId(string? providerCallId)
    {
        var trimmed = Blank(providerCallId);
        if (trimmed is { Length: > MaxProviderCallIdLength })
        {
            throw new DomainException("call.provider_call_id_too_long", $"מזהה השיחה אצל ספק הטלפוניה ארוך מדי (עד {MaxProviderCallIdLength} תווים).");
        }

        return trimmed;
    }

    private static Guid? NoEmpty(Guid? id) => id == Guid.Empty ? null : id;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Truncate(string? value, int length) => value is { Length: > 0 } && value.Length > length ? value[..length] : value;
}
