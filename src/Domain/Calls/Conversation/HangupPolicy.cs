namespace ProSaaS.Domain.Calls.Conversation;

/// <summary>
/// What is known about a call at the moment the assistant considers hanging up. Each fact is set by the call's behaviour
/// from what it has heard (the Hebrew goodbye and confirmation detectors give the verdicts); the business's auto hang-up
/// settings are carried along so that <see cref="HangupPolicy.Decide"/> needs nothing else.
/// </summary>
public sealed record HangupFacts
{
    /// <summary>The business ends calls once the lead's details are captured and confirmed (settings: auto hang-up on lead captured).</summary>
    public bool AutoEndOnLeadCaptured { get; init; }

    /// <summary>The business ends calls on a goodbye (settings: auto hang-up on goodbye).</summary>
    public bool AutoEndOnGoodbye { get; init; }

    /// <summary>The caller has said something (a transcribed utterance) during the call.</summary>
    public bool CallerHasSpoken { get; init; }

    /// <summary>The caller's latest utterance was a goodbye.</summary>
    public bool CallerSaidGoodbye { get; init; }

    /// <summary>The assistant finished an utterance after the caller's goodbye (it answered it; not cut short).</summary>
    public bool AssistantRespondedToGoodbye { get; init; }

    /// <summary>The caller's goodbye has gone unanswered for the grace time while the assistant was silent.</summary>
    public bool GoodbyeUnanswered { get; init; }

    /// <summary>The assistant's latest finished utterance was a goodbye.</summary>
    public bool AssistantSaidGoodbye { get; init; }

    /// <summary>The lead's details were saved (the server confirmed the capture).</summary>
    public bool LeadCaptured { get; init; }

    /// <summary>The caller confirmed the details the assistant read back to them (the verification gate).</summary>
    public bool DetailsConfirmed { get; init; }

    /// <summary>
    /// Finished utterances so far by either side, counted from the caller's first: a greeting and warnings to a caller who
    /// never spoke are not a conversation.
    /// </summary>
    public int ConversationTurns { get; init; }
}

/// <summary>The four cases in which the assistant ends a call by itself (the earlier system's BUILD 176 hang-up cases).</summary>
public enum HangupCase
{
    /// <summary>The caller said goodbye and the assistant answered it (<c>user_goodbye</c>).</summary>
    UserGoodbye,

    /// <summary>The lead was captured and the caller confirmed the details, and the business ends calls then (<c>lead_captured_confirmed</c>).</summary>
    LeadCapturedConfirmed,

    /// <summary>The caller confirmed the details and the assistant then said goodbye (<c>user_verified</c>).</summary>
    UserVerified,

    /// <summary>The assistant said goodbye after a meaningful conversation, and the business ends calls on goodbyes (<c>ai_goodbye_auto_end</c>).</summary>
    AssistantGoodbye,
}

/// <summary>When the line closes. There is deliberately no "now": the assistant always finishes its sentence first.</summary>
public enum HangupTiming
{
    /// <summary>The assistant's closing words were already said (or are playing): hang up once its audio has played.</summary>
    AfterCurrentSpeech,

    /// <summary>The assistant has not said goodbye: it says a farewell first, and the call ends once that has played.</summary>
    AfterFarewell,
}

/// <summary>
/// The hang-up policy's answer: stay on the line (<see cref="Case"/> null), or end the call for <see cref="Reason"/> at
/// <see cref="Timing"/>.
/// </summary>
public sealed record HangupDecision
{
    private HangupDecision(HangupCase? hangupCase, HangupTiming timing)
    {
        Case = hangupCase;
        Timing = timing;
    }

    /// <summary>Keep the call going.</summary>
    public static HangupDecision Stay { get; } = new(null, HangupTiming.AfterCurrentSpeech);

    /// <summary>Which of the four cases ends the call; null when the call goes on.</summary>
    public HangupCase? Case { get; }

    public HangupTiming Timing { get; }

    public bool HangUp => Case is not null;

    /// <summary>
    /// The call's end reason as the Api records it: the caller's goodbye is <see cref="CallEndReason.UserGoodbye"/>; every
    /// other case is the assistant closing the call (<see cref="CallEndReason.AssistantEnded"/>). Null when the call goes on.
    /// </summary>
    public CallEndReason? Reason => Case switch
    {
        null => null,
        HangupCase.UserGoodbye => CallEndReason.UserGoodbye,
        _ => CallEndReason.AssistantEnded,
    };

    internal static HangupDecision End(HangupCase hangupCase, HangupTiming timing) => new(hangupCase, timing);

    public override string ToString() => Case is null ? "Stay" : $"{Case} ({Timing})";
}

/// <summary>
/// Whether the assistant ends the call now that something happened, and how. A pure function of <see cref="HangupFacts"/>:
/// the earlier system learned that calls were cut off when a stray "ביי" or a premature goodbye of the model hung up on a
/// caller who was still talking, and that callers were left listening to silence when nobody closed the line. The four
/// cases below, checked in this order (the first that holds wins), are what it settled on:
/// <list type="number">
/// <item><b>User goodbye</b> — the caller said goodbye and the assistant answered it; with auto hang-up on goodbye. The
/// assistant's answer is the farewell, so the line closes once it has played. Should the assistant not answer within the
/// grace time (<see cref="HangupFacts.GoodbyeUnanswered"/>), a farewell is said for it.</item>
/// <item><b>Lead captured and confirmed</b> — the lead is captured and the caller confirmed the details; with auto hang-up on
/// lead captured. Unless the assistant has just said goodbye, a farewell is said first.</item>
/// <item><b>User verified</b> — the caller confirmed the details and the assistant then said goodbye. Not subject to a
/// setting: the conversation has visibly done its job and been closed by the assistant, and keeping the line open would
/// only leave the caller in silence.</item>
/// <item><b>Assistant goodbye</b> — the assistant said goodbye; with auto hang-up on goodbye, and only after a meaningful
/// interaction (<see cref="IsMeaningfulInteraction"/>): a model that says goodbye early must not hang up on a caller.</item>
/// </list>
/// A goodbye said by the caller and then taken back (a later utterance that is not a goodbye) no longer counts: the
/// behaviour clears the fact. In every case the assistant finishes its sentence before the line closes
/// (<see cref="HangupTiming"/> has no "now").
/// </summary>
public static class HangupPolicy
{
    /// <summary>Utterances (both sides, from the caller's first) after which a conversation counts as meaningful: two exchanges.</summary>
    public const int MeaningfulTurns = 4;

    /// <summary>
    /// The earlier system's safety guard for the assistant's goodbye: the caller has spoken and confirmed the details, or
    /// the lead was captured, or the conversation has had at least <see cref="MeaningfulTurns"/> utterances.
    /// </summary>
    public static bool IsMeaningfulInteraction(HangupFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return (facts.CallerHasSpoken && facts.DetailsConfirmed) || facts.LeadCaptured || facts.ConversationTurns >= MeaningfulTurns;
    }

    public static HangupDecision Decide(HangupFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);

        if (facts.AutoEndOnGoodbye && facts.CallerSaidGoodbye && (facts.AssistantRespondedToGoodbye || facts.GoodbyeUnanswered))
        {
            return HangupDecision.End(
                HangupCase.UserGoodbye,
                facts.AssistantRespondedToGoodbye ? HangupTiming.AfterCurrentSpeech : HangupTiming.AfterFarewell);
        }

        if (facts.AutoEndOnLeadCaptured && facts.LeadCaptured && facts.DetailsConfirmed)
        {
            return HangupDecision.End(
                HangupCase.LeadCapturedConfirmed,
                facts.AssistantSaidGoodbye ? HangupTiming.AfterCurrentSpeech : HangupTiming.AfterFarewell);
        }

        if (facts.DetailsConfirmed && facts.AssistantSaidGoodbye)
        {
            return HangupDecision.End(HangupCase.UserVerified, HangupTiming.AfterCurrentSpeech);
        }

        if (facts.AutoEndOnGoodbye && facts.AssistantSaidGoodbye && IsMeaningfulInteraction(facts))
        {
            return HangupDecision.End(HangupCase.AssistantGoodbye, HangupTiming.AfterCurrentSpeech);
        }

        return HangupDecision.Stay;
    }

    /// <summary>
    /// Whether the assistant may end the call of its own accord (the model's end-call tool): only after a meaningful
    /// interaction, the same guard as its goodbye, so that a confused model cannot hang up on a caller who has barely
    /// begun. A caller who asked for a person is a different matter and is always let go.
    /// </summary>
    public static bool AllowsAssistantToEnd(HangupFacts facts) => IsMeaningfulInteraction(facts);
}
