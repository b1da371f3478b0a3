using ProSaaS.Domain.Calls.Conversation;
using ProSaaS.Hosting.Calls;

namespace ProSaaS.MediaHost.Behaviour;

/// <summary>
/// The call's configuration (<see cref="CallConfig"/>, fetched once per call) as the Domain's
/// <see cref="CallBehaviourSettings"/>: every setting read from that one place. The Api validates the business's settings,
/// so a value the state machine cannot run with is a fault upstream; the call still goes on, with that setting's default
/// (and the problem named, for the log).
/// </summary>
public static class CallBehaviourMapping
{
    /// <summary>The settings of <paramref name="config"/>'s call, and what had to be replaced by a default.</summary>
    public static (CallBehaviourSettings Settings, IReadOnlyList<string> Problems) ToSettings(CallConfig config, KeypadMenu? keypadMenu = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var defaults = CallBehaviourSettings.Default;
        var problems = new List<string>();

        var silence = config.Silence;
        var rules = silence is null ? null : SilenceRules.FromSeconds(silence.WarningAfterSeconds, silence.HangupAfterSeconds, silence.MaxWarnings);
        var silenceValid = rules is not null && rules.WarningAfter > TimeSpan.Zero && rules.HangupAfter > rules.WarningAfter
                           && rules.MaxWarnings is >= 0 and <= SilenceRules.MostWarnings;
        if (!silenceValid)
        {
            problems.Add($"silence {silence?.WarningAfterSeconds}/{silence?.HangupAfterSeconds}/{silence?.MaxWarnings}");
        }

        var maxCallSeconds = config.MaxCallSeconds;
        if (maxCallSeconds < 1)
        {
            problems.Add($"maxCallSeconds {maxCallSeconds}");
            maxCallSeconds = defaults.MaxCallSeconds;
        }

        var settings = defaults with
        {
            BotSpeaksFirst = config.BotSpeaksFirst,
            Greeting = config.Greeting ?? string.Empty,
            AutoEndOnLeadCaptured = config.AutoHangup?.OnLeadCaptured ?? defaults.AutoEndOnLeadCaptured,
            AutoEndOnGoodbye = config.AutoHangup?.OnGoodbye ?? defaults.AutoEndOnGoodbye,
            SilenceWarningAfterSeconds = silenceValid ? silence!.WarningAfterSeconds : defaults.SilenceWarningAfterSeconds,
            SilenceHangupAfterSeconds = silenceValid ? silence!.HangupAfterSeconds : defaults.SilenceHangupAfterSeconds,
            MaxSilenceWarnings = silenceValid ? silence!.MaxWarnings : defaults.MaxSilenceWarnings,
            MaxCallSeconds = maxCallSeconds,
            Voice = string.IsNullOrWhiteSpace(config.Voice) ? defaults.Voice : config.Voice,
            Language = string.IsNullOrWhiteSpace(config.Language) ? defaults.Language : config.Language,
            KeypadMenu = keypadMenu,
        };
        return (settings.EnsureValid(), problems);
    }
}
