using System.Text.Json;
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
    public static (CallBehaviourSettings Settings, IReadOnlyList<string> Problems) ToSettings(CallConfig config)
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
            KeypadMenu = ToKeypadMenu(config.KeypadMenu, problems),
        };
        return (settings.EnsureValid(), problems);
    }

    /// <summary>The business's keypad menu (null when it has none); a menu the Domain would not accept is left out whole.</summary>
    public static KeypadMenu? ToKeypadMenu(IReadOnlyList<CallKeypadEntry>? entries, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (entries is not { Count: > 0 })
        {
            return null;
        }

        var menu = new List<KeypadMenuEntry>(entries.Count);
        foreach (var entry in entries)
        {
            if (entry is not { Key.Length: 1 } || ActionOf(entry.Action) is not { } action)
            {
                problems.Add($"keypad menu entry {entry?.Key}/{entry?.Action}");
                return null;
            }

            menu.Add(new KeypadMenuEntry(entry.Key[0], action, entry.Label, entry.Text));
        }

        if (KeypadMenu.Validate(menu) is { Count: > 0 } errors)
        {
            problems.Add("keypad menu " + string.Join(", ", errors.Select(e => e.Code)));
            return null;
        }

        return KeypadMenu.Create(menu);
    }

    /// <summary>The wire name of <paramref name="action"/> (<see cref="CallKeypadActions"/>: its name in snake_case, as the Api writes it).</summary>
    public static string WireName(KeypadAction action) => JsonNamingPolicy.SnakeCaseLower.ConvertName(action.ToString());

    private static KeypadAction? ActionOf(string? action) =>
        Enum.GetValues<KeypadAction>().Where(a => WireName(a) == action).Select(a => (KeypadAction?)a).FirstOrDefault();
}
