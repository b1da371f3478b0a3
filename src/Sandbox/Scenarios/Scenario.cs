namespace ProSaaS.Sandbox.Scenarios;

/// <summary>
/// One scripted phone call (a file of <c>scenarios/</c>, see docs/scenarios.md): who calls whom, what the caller does and
/// when, and what must be true once the call is over. Built by <see cref="ScenarioFile"/>, played by <see cref="ScenarioRunner"/>.
/// </summary>
public sealed record Scenario
{
    public required string Name { get; init; }

    public string Description { get; init; } = string.Empty;

    public ScenarioDirection Direction { get; init; } = ScenarioDirection.Inbound;

    /// <summary>The caller's number (inbound: <c>From</c>). For an outbound call the lead's phone is the number called.</summary>
    public string? Caller { get; init; }

    /// <summary>Inbound: the business's number dialled (<c>To</c>); the runner's <see cref="ScenarioRunOptions.DialledNumber"/> wins.</summary>
    public string? To { get; init; }

    /// <summary>Outbound: the template and the lead to call.</summary>
    public ScenarioOutbound? Outbound { get; init; }

    /// <summary>How much faster than real time the caller's audio and the playback run (1–8, default 3).</summary>
    public double Speed { get; init; } = 3;

    public IReadOnlyList<ScenarioStep> Steps { get; init; } = [];

    public ScenarioExpectations Expect { get; init; } = new();

    /// <summary>The file it was read from, when it was.</summary>
    public string? SourceFile { get; init; }

    /// <summary>What the caller's turns say, in order: the lines the sandbox assistant's transcription is told (one per turn).</summary>
    public IReadOnlyList<string> CallerLines =>
        Steps.Select(s => s switch
            {
                SayStep say => say.Text,
                BargeInStep bargeIn => bargeIn.Text,
                NoiseStep { Transcript: { } transcript } => transcript,
                _ => null,
            })
            .OfType<string>()
            .ToList();
}

public enum ScenarioDirection
{
    Inbound,
    Outbound,
}

/// <summary>An outbound call: the template (its name or id) and the lead (its id, or a name and phone to create or find it by).</summary>
public sealed record ScenarioOutbound(string Template, Guid? LeadId, string? LeadName, string? LeadPhone);

/// <summary>One thing the caller does.</summary>
public abstract record ScenarioStep;

/// <summary>The caller says <see cref="Text"/> (speech-like audio of <see cref="Milliseconds"/>, then a short pause that ends the turn).</summary>
public sealed record SayStep(string Text, string Language, int Milliseconds) : ScenarioStep;

/// <summary>The caller keeps quiet (the line carries silence).</summary>
public sealed record SilenceStep(int Milliseconds) : ScenarioStep;

/// <summary>
/// Line noise. With a <see cref="Transcript"/> it is loud enough to be taken for a turn, and the transcription the
/// service would make of it (a hallucination such as "Thank you for watching.") is that text; without one it stays below
/// the speech threshold and is no turn.
/// </summary>
public sealed record NoiseStep(int Milliseconds, double Rms, string? Transcript) : ScenarioStep;

/// <summary>The caller presses keys, <see cref="GapMilliseconds"/> apart.</summary>
public sealed record DtmfStep(string Digits, int GapMilliseconds) : ScenarioStep;

/// <summary>The caller speaks while the assistant talks, once <see cref="AfterMilliseconds"/> of its answer have played.</summary>
public sealed record BargeInStep(int AfterMilliseconds, string Text, string Language, int Milliseconds) : ScenarioStep;

/// <summary>The caller listens until the assistant has answered and gone quiet for <see cref="QuietMilliseconds"/>.</summary>
public sealed record WaitAssistantStep(int TimeoutMilliseconds, int QuietMilliseconds) : ScenarioStep;

/// <summary>The caller stays on the line until the other side ends the call.</summary>
public sealed record WaitHangUpStep(int TimeoutMilliseconds) : ScenarioStep;

/// <summary>The caller hangs up.</summary>
public sealed record HangUpStep : ScenarioStep;

/// <summary>What must hold once the call has ended; every part is optional.</summary>
public sealed record ScenarioExpectations
{
    /// <summary>Why the call ended, as the media host reported it (<c>user_goodbye</c>, <c>assistant_ended</c>, <c>silence</c>, …).</summary>
    public string? HangUpReason { get; init; }

    public ScenarioLeadExpectation? Lead { get; init; }

    /// <summary>The appointment booked for the call's lead, or <see cref="ScenarioAppointmentExpectation.None"/>.</summary>
    public ScenarioAppointmentExpectation? Appointment { get; init; }

    /// <summary>The language the assistant ends up speaking (<c>he</c> or <c>en</c>).</summary>
    public string? AssistantLanguage { get; init; }

    /// <summary>Phrases some assistant turn contains (case-insensitive).</summary>
    public IReadOnlyList<string> AssistantSays { get; init; } = [];

    /// <summary>Phrases no assistant turn contains.</summary>
    public IReadOnlyList<string> AssistantNeverSays { get; init; } = [];

    /// <summary>Phrases no turn of the transcript contains (e.g. a hallucination that must have been set aside).</summary>
    public IReadOnlyList<string> TranscriptExcludes { get; init; } = [];

    /// <summary>Whether the assistant was cut off by the caller (a turn marked interrupted, and Twilio told to clear).</summary>
    public bool? AssistantInterrupted { get; init; }

    /// <summary>Event aliases the call's lifecycle contains (<c>call_started</c>, <c>call_tool_applied</c>, …).</summary>
    public IReadOnlyList<string> Events { get; init; } = [];

    /// <summary>Tools the assistant used successfully (the details of <c>call_tool_applied</c>).</summary>
    public IReadOnlyList<string> Tools { get; init; } = [];
}

/// <summary>The call's lead: name, phone (any Israeli form; compared as E.164) and fields by key.</summary>
public sealed record ScenarioLeadExpectation(string? Name, string? Phone, IReadOnlyDictionary<string, string> Fields);

/// <summary>
/// A booked appointment of the call's lead on <see cref="Date"/> (<c>yyyy-MM-dd</c>, <c>today</c>, <c>tomorrow</c> or
/// <c>+Nd</c>, in the business's zone) at <see cref="Time"/> (<c>HH:mm</c>, local); either may be left out. <see cref="None"/>:
/// no booked appointment at all.
/// </summary>
public sealed record ScenarioAppointmentExpectation(bool None, string? Date, string? Time);
