using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProSaaS.Hosting.Calls;

/// <summary>
/// The internal HTTP contract between the media host and the Api: the routes, the service credential and the JSON shapes
/// both sides speak. Every route names the call's business explicitly (taken from the call's verified stream token): the
/// Api never guesses it, and answers 404 when the call is not that business's.
/// </summary>
/// <remarks>
/// Routes (all under <see cref="BasePath"/>, all requiring <see cref="ServiceKeyHeader"/>; user sessions and API keys are
/// refused with 401):
/// <list type="bullet">
/// <item><c>GET  {base}/tenants/{tenantId}/calls/{callId}/config</c> → 200 <see cref="CallConfig"/>; 404 unknown call;
/// 409 <c>call.not_live</c> when the call has ended.</item>
/// <item><c>POST {base}/tenants/{tenantId}/calls/{callId}/commands</c> with a <see cref="CallCommand"/> → 200
/// <see cref="CallCommandResult"/>. Idempotent by <see cref="CallCommand.CommandId"/>: a retry gets the first result again
/// and appends nothing. 400 for a malformed command; 404 unknown call. A command about a call that has ended since is
/// still accepted where it makes sense (a late transcript turn) and answered with its result.</item>
/// <item><c>POST {base}/tenants/{tenantId}/calls/{callId}/heartbeat</c> → 204 while the call is live; 409
/// <c>call.not_live</c> once it has ended or when the business has no such call (the media host then ends its side).</item>
/// <item><c>PUT  {base}/tenants/{tenantId}/calls/{callId}/recording</c> with <c>Content-Type: audio/wav</c> (two channels:
/// caller left, assistant right; mu-law or 16-bit PCM at 8 kHz) → 201 stored, 200 when the same recording was stored
/// already (a retry); 413 too large; 415 not a WAV; 404 unknown call; 409 when the call keeps another recording
/// (<c>recording.exists</c>) or was refused (<c>recording.call_refused</c>) — final answers, not worth a retry.</item>
/// <item><c>POST {base}/tenants/{tenantId}/calls/{callId}/tools</c> with a <see cref="CallToolRequest"/> → 200
/// <see cref="CallToolAnswer"/>, a refusal (<see cref="CallToolAnswer.Ok"/> false) included. Idempotent by
/// <see cref="CallToolRequest.ToolCallId"/> within the call: a retry gets the first answer and changes nothing again. 400 for
/// a malformed request (no tool call id or name); 404 unknown call; 409 <c>call.not_live</c> for a refused call and
/// <c>call.tool_call_id_reused</c> for an id answered for another tool.</item>
/// </list>
/// </remarks>
public static class MediaHostContract
{
    public const string BasePath = "/internal/v1";

    /// <summary>The header that carries the service credential (<c>MediaHost:ServiceKey</c> in the Api, <c>Api:ServiceKey</c> in the media host).</summary>
    public const string ServiceKeyHeader = "X-ProSaaS-Service-Key";

    /// <summary>The least number of random bytes a service key has (it is configured as base64).</summary>
    public const int MinServiceKeyBytes = 32;

    public static string CallPath(string tenantId, Guid callId) =>
        $"{BasePath}/tenants/{Uri.EscapeDataString(tenantId)}/calls/{callId:D}";

    public static string ConfigPath(string tenantId, Guid callId) => CallPath(tenantId, callId) + "/config";

    public static string CommandsPath(string tenantId, Guid callId) => CallPath(tenantId, callId) + "/commands";

    public static string HeartbeatPath(string tenantId, Guid callId) => CallPath(tenantId, callId) + "/heartbeat";

    public static string RecordingPath(string tenantId, Guid callId) => CallPath(tenantId, callId) + "/recording";

    public static string ToolsPath(string tenantId, Guid callId) => CallPath(tenantId, callId) + "/tools";

    /// <summary>The JSON both sides use: camelCase, nulls left out, enums never used (the wire names are strings).</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>True when <paramref name="base64"/> is a usable service key.</summary>
    public static bool IsValidServiceKey(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[512];
        return Convert.TryFromBase64String(base64.Trim(), buffer, out var written) && written >= MinServiceKeyBytes;
    }
}

/// <summary>Call directions on the wire.</summary>
public static class CallDirections
{
    public const string Inbound = "inbound";
    public const string Outbound = "outbound";
}

/// <summary>
/// Why the media host ended a call (<see cref="CallEndedCommand.Reason"/>). The Api records each as the call's end
/// reason.
/// </summary>
public static class MediaEndReasons
{
    /// <summary>The caller said goodbye and the assistant closed the call.</summary>
    public const string UserGoodbye = "user_goodbye";

    /// <summary>The assistant closed the call (lead captured, details confirmed, its own goodbye after a real conversation).</summary>
    public const string AssistantEnded = "assistant_ended";

    /// <summary>The caller hung up (Twilio sent <c>stop</c>).</summary>
    public const string CallerHungUp = "caller_hung_up";

    /// <summary>The caller stayed silent through the warnings.</summary>
    public const string Silence = "silence";

    /// <summary>The call reached the business's longest call length.</summary>
    public const string MaxDuration = "max_duration";

    /// <summary>The AI service could not be reached or reconnected; the caller heard the fallback message.</summary>
    public const string AiUnavailable = "ai_unavailable";

    /// <summary>The media stream's socket was lost without a <c>stop</c>.</summary>
    public const string StreamLost = "stream_lost";

    /// <summary>The caller asked for a person; the call was handed over or a callback was promised.</summary>
    public const string TransferredToHuman = "transferred_to_human";

    /// <summary>The media host was shutting down and the drain time ran out.</summary>
    public const string Shutdown = "shutdown";

    public static IReadOnlyList<string> All { get; } =
        [UserGoodbye, AssistantEnded, CallerHungUp, Silence, MaxDuration, AiUnavailable, StreamLost, TransferredToHuman, Shutdown];
}

/// <summary>
/// Everything a call needs, fetched once when its stream starts. Strings are final: the greeting is rendered, the
/// instructions composed.
/// </summary>
/// <param name="Direction"><see cref="CallDirections"/>.</param>
/// <param name="TimeZone">IANA zone of the business (Asia/Jerusalem by default).</param>
/// <param name="Language">The language the call starts in (<c>he</c>).</param>
/// <param name="Instructions">The composed system prompt for the AI session.</param>
/// <param name="Greeting">What the assistant says first (rendered for the business and, outbound, the lead).</param>
/// <param name="Voice">The AI voice name.</param>
/// <param name="MaxCallSeconds">The longest the call may last.</param>
public sealed record CallConfig(
    Guid CallId,
    string TenantId,
    string Direction,
    Guid? LeadId,
    Guid? TemplateId,
    string? From,
    string? To,
    string BusinessName,
    string TimeZone,
    string Language,
    string AssistantName,
    string Instructions,
    string Greeting,
    string Voice,
    bool BotSpeaksFirst,
    CallAutoHangup AutoHangup,
    CallSilence Silence,
    int MaxCallSeconds,
    CallTurnDetection TurnDetection,
    IReadOnlyList<CallLeadField> LeadFields,
    IReadOnlyList<CallTool> Tools,
    bool Record)
{
    /// <summary>The version of the business's prompt for the call's channel that <see cref="Instructions"/> was composed from (0: the default text), for the call's record.</summary>
    public int PromptVersion { get; init; }

    /// <summary><see cref="CallAssistantGenders"/>: how the assistant speaks of itself (its fixed Hebrew phrases follow it).</summary>
    public string AssistantGender { get; init; } = CallAssistantGenders.Female;

    /// <summary>
    /// The business's active FAQ entries for the call's channel, oldest first, for answering known questions at once
    /// (<c>ProSaaS.Domain.Faq.FaqMatcher</c> matches a caller's question against them).
    /// </summary>
    public IReadOnlyList<CallFaqEntry> Faq { get; init; } = [];

    /// <summary>
    /// The business's keypad menu, in the order it is announced; empty when the business has none. Validated by the Api
    /// (keys 0–9, <c>*</c>, <c>#</c>, each once; <see cref="CallKeypadEntry.Action"/> one of <see cref="CallKeypadActions"/>).
    /// </summary>
    public IReadOnlyList<CallKeypadEntry> KeypadMenu { get; init; } = [];
}

/// <summary>
/// A key of the business's keypad menu: the key (one of <c>0123456789*#</c>), what it does (<see cref="CallKeypadActions"/>),
/// the label said in the menu (null: the action's own) and, for <see cref="CallKeypadActions.CustomText"/> only, the text said.
/// </summary>
public sealed record CallKeypadEntry(string Key, string Action, string? Label = null, string? Text = null);

/// <summary>What a keypad menu key does, on the wire.</summary>
public static class CallKeypadActions
{
    public const string Sales = "sales";
    public const string ExistingCustomer = "existing_customer";
    public const string HumanCallback = "human_callback";
    public const string Repeat = "repeat";
    public const string CustomText = "custom_text";

    public static IReadOnlyList<string> All { get; } = [Sales, ExistingCustomer, HumanCallback, Repeat, CustomText];
}

/// <summary>The assistant's gender on the wire.</summary>
public static class CallAssistantGenders
{
    public const string Female = "female";
    public const string Male = "male";
}

/// <summary>A FAQ entry of the call's channel: the answer, and the question, phrasings and keywords that point at it.</summary>
public sealed record CallFaqEntry(Guid Id, string Question, string Answer, IReadOnlyList<string> Keywords, IReadOnlyList<string> Phrasings);

public sealed record CallAutoHangup(bool OnLeadCaptured, bool OnGoodbye);

public sealed record CallSilence(int WarningAfterSeconds, int HangupAfterSeconds, int MaxWarnings);

/// <summary>The AI service's turn detection (PROTOCOLS §5): <c>server_vad</c> or <c>semantic_vad</c>.</summary>
public sealed record CallTurnDetection(
    string Type = "server_vad",
    double Threshold = 0.5,
    int PrefixPaddingMs = 300,
    int SilenceDurationMs = 500,
    string? Eagerness = null);

/// <summary>A detail the assistant collects about the caller.</summary>
public sealed record CallLeadField(string Key, string Label, string Type, bool Required);

/// <summary>A function the AI may call; <see cref="Parameters"/> is its JSON schema.</summary>
public sealed record CallTool(string Name, string Description, JsonElement Parameters);

/// <summary>
/// One fact the media host reports about a call. <see cref="CommandId"/> is chosen by the media host and unique per
/// command: the Api applies a command once however often it arrives. <see cref="At"/> is when it happened.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(TranscriptTurnCommand), "transcript_turn")]
[JsonDerivedType(typeof(FieldsCollectedCommand), "fields_collected")]
[JsonDerivedType(typeof(CallEndedCommand), "call_ended")]
public abstract record CallCommand(Guid CommandId, DateTimeOffset At);

/// <summary>A finished utterance. <see cref="Speaker"/> is <c>caller</c> or <c>assistant</c>; <see cref="OffsetMs"/> is from the stream's start (for the recording).</summary>
public sealed record TranscriptTurnCommand(
    Guid CommandId,
    DateTimeOffset At,
    string Speaker,
    string Text,
    long OffsetMs,
    bool Interrupted = false) : CallCommand(CommandId, At)
{
    public const string Caller = "caller";
    public const string Assistant = "assistant";
}

/// <summary>Details the caller gave, by lead field key (values as heard and normalised by the call's behaviour).</summary>
public sealed record FieldsCollectedCommand(
    Guid CommandId,
    DateTimeOffset At,
    IReadOnlyDictionary<string, string> Fields) : CallCommand(CommandId, At);

/// <summary>The media host's side of the call ended: why (<see cref="MediaEndReasons"/>), and the call's figures.</summary>
public sealed record CallEndedCommand(
    Guid CommandId,
    DateTimeOffset At,
    string Reason,
    CallMetrics Metrics) : CallCommand(CommandId, At);

/// <summary>
/// A call's figures as the media host measured them. Latencies are milliseconds; null when the call never had the
/// moment (no caller turn, no barge-in).
/// </summary>
/// <param name="ResponseLatencyMs">Caller speech stopped → first assistant audio frame sent to Twilio, per turn: median and worst.</param>
/// <param name="AddedLatencyMs">The media host's own time per hop (Twilio→AI, AI→Twilio), 50th and 99th percentile.</param>
/// <param name="BargeInReactionMs">Caller speech started → clear sent, per barge-in: median and worst.</param>
public sealed record CallMetrics(
    LatencySummary? ResponseLatencyMs,
    HopLatency? AddedLatencyMs,
    LatencySummary? BargeInReactionMs,
    int BargeIns,
    long FramesIn,
    long FramesOut,
    long FramesDropped,
    int InboundQueueHighWater,
    int OutboundQueueHighWater,
    int AiReconnects,
    long DurationMs);

public sealed record LatencySummary(double P50, double P99, double Max, int Count);

public sealed record HopLatency(LatencySummary TwilioToAi, LatencySummary AiToTwilio);

/// <summary>The Api's answer to a command: <see cref="Status"/> is <c>applied</c> (recorded now), or <c>ignored</c> (nothing to record, e.g. the call had ended already); a retry returns the first answer.</summary>
public sealed record CallCommandResult(Guid CommandId, string Status, long CallVersion)
{
    public const string Applied = "applied";
    public const string Ignored = "ignored";
}

/// <summary>
/// The AI called a function during the call (<c>response.function_call_arguments.done</c>): its id of the call
/// (<c>call_id</c>), the function's name and its arguments as the model sent them (a JSON object, or the text the model
/// sent when it was not valid JSON). The media host sends the same <see cref="ToolCallId"/> on a retry.
/// </summary>
public sealed record CallToolRequest(string ToolCallId, string Name, JsonElement Arguments);

/// <summary>
/// The Api's answer to a tool call. <see cref="Output"/> is what the model is given (with <c>error</c>, a machine code,
/// when <see cref="Ok"/> is false); <see cref="Spoken"/> a short Hebrew sentence the assistant may say to the caller;
/// <see cref="Effects"/> exactly what the server confirmed — the assistant may claim nothing else.
/// </summary>
public sealed record CallToolAnswer(string ToolCallId, bool Ok, JsonElement Output, string? Spoken, CallToolEffects Effects);

/// <summary>
/// What a tool call did, as confirmed by the Api: the lead saved or linked, the appointment booked (or found booked), the
/// lead fields saved (by key), the callback task created, and <see cref="EndCall"/> — the call is to end, after the
/// assistant's last words have played, with this end reason (<see cref="MediaEndReasons"/>).
/// </summary>
public sealed record CallToolEffects(
    Guid? LeadId = null,
    Guid? AppointmentId = null,
    IReadOnlyList<string>? FieldsSaved = null,
    string? EndCall = null,
    Guid? TaskId = null)
{
    public static CallToolEffects None { get; } = new();
}
