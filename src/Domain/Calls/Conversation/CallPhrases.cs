namespace ProSaaS.Domain.Calls.Conversation;

/// <summary>
/// The fixed lines the call's behaviour has the assistant say by itself (not the model's own words): silence warnings,
/// farewells for each way the call is closed, and the keypad number prompts. Hebrew by default.
/// </summary>
/// <remarks>
/// The Hebrew lines address the caller in the plural (<c>אתם</c>), as Israeli services do to stay neutral, and avoid
/// present-tense first-person verbs, which are gendered (<c>מקשיב</c>/<c>מקשיבה</c>), so they fit a male or a female voice.
/// Silence warnings are polite and short, and grow from a check ("are you still with me?") to an offer to call back; the
/// line said with warning <c>n</c> is <c>SilenceWarnings[(n − 1) mod count]</c>.
/// </remarks>
public sealed record CallPhrases
{
    public static CallPhrases Hebrew { get; } = new();

    public static CallPhrases English { get; } = new()
    {
        SilenceWarnings =
        [
            "Hello, are you still with me?",
            "I'm still here. If you're on the line, just go ahead and speak.",
            "I can't hear you. Can you hear me?",
            "If now isn't a good time to talk, you're welcome to call us back later.",
            "I'm still on the line. Would you like to continue?",
        ],
        SilenceFarewell = "I can't hear you, so I'll end the call here. You're welcome to call us back any time. Goodbye!",
        GoodbyeFarewell = "Thank you very much, have a good day. Goodbye!",
        LeadCapturedFarewell = "Thank you, your details are saved and we'll get back to you soon. Have a good day, goodbye!",
        AssistantEndedFarewell = "Thank you for the conversation. Have a good day, goodbye!",
        MaxDurationFarewell = "We need to end the call here. Thank you, and we'll get back to you if needed. Goodbye!",
        TransferFarewell = "One of our team will call you back soon. Thank you, goodbye!",
        NumberInvalid = "That number doesn't look right. You can key it in again and finish with the pound key, or just say it.",
        NumberGiveUp = "I couldn't get the number. Let's carry on without it for now.",
    };

    /// <summary>The lines for a call in <paramref name="language"/> (<c>he</c>, <c>en</c>, …): English for English, Hebrew otherwise.</summary>
    public static CallPhrases For(string? language) =>
        language is not null && language.Trim().StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : Hebrew;

    /// <summary>What the assistant says to a silent caller, one line per warning.</summary>
    public IReadOnlyList<string> SilenceWarnings { get; init; } =
    [
        "הלו, אתם עדיין איתי?",
        "אני עדיין כאן. אם אתם על הקו, אפשר פשוט לדבר.",
        "לא שמעתי אתכם. אתם שומעים אותי?",
        "אם לא נוח לדבר כרגע, אפשר לחזור אלינו מאוחר יותר.",
        "אני עדיין על הקו. רוצים להמשיך?",
    ];

    /// <summary>Said before hanging up on a caller who stayed silent through the warnings.</summary>
    public string SilenceFarewell { get; init; } = "לא שמעתי אתכם, אז אסיים כאן את השיחה. אפשר לחזור אלינו בכל עת. להתראות!";

    /// <summary>Said when the caller's goodbye went unanswered by the model.</summary>
    public string GoodbyeFarewell { get; init; } = "תודה רבה, יום טוב ולהתראות!";

    /// <summary>Said when the call ends because the lead is captured and confirmed.</summary>
    public string LeadCapturedFarewell { get; init; } = "תודה רבה, הפרטים נרשמו ונחזור אליכם בהקדם. יום טוב ולהתראות!";

    /// <summary>Said when the assistant ends the call (its end-call tool) without a goodbye of its own.</summary>
    public string AssistantEndedFarewell { get; init; } = "תודה רבה על השיחה. יום טוב ולהתראות!";

    /// <summary>Said when the call reaches the business's longest call length.</summary>
    public string MaxDurationFarewell { get; init; } = "אנחנו צריכים לסיים כאן את השיחה. תודה רבה, ונחזור אליכם אם יהיה צורך. להתראות!";

    /// <summary>Said when the caller is handed to a person (a callback from the business).</summary>
    public string TransferFarewell { get; init; } = "נציג מטעמנו יחזור אליכם בהקדם. תודה ולהתראות!";

    /// <summary>Said when a number keyed in is not a valid phone number.</summary>
    public string NumberInvalid { get; init; } = "המספר שהתקבל אינו תקין. אפשר להקיש אותו שוב ולסיים בסולמית, או פשוט לומר אותו.";

    /// <summary>Said when the number could not be taken after the allowed attempts.</summary>
    public string NumberGiveUp { get; init; } = "לא הצלחתי לקלוט את המספר. נמשיך בינתיים בלעדיו.";

    /// <summary>The line for silence warning <paramref name="number"/> (1-based).</summary>
    public string SilenceWarning(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        return SilenceWarnings[(number - 1) % SilenceWarnings.Count];
    }

    /// <summary>Throws when a line is missing: the assistant would otherwise say nothing where the caller expects words.</summary>
    public CallPhrases EnsureValid()
    {
        string[] lines =
        [
            SilenceFarewell, GoodbyeFarewell, LeadCapturedFarewell, AssistantEndedFarewell, MaxDurationFarewell, TransferFarewell,
            NumberInvalid, NumberGiveUp,
        ];
        if (SilenceWarnings is not { Count: > 0 } || SilenceWarnings.Concat(lines).Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Every call phrase needs words, and there must be at least one silence warning.", nameof(CallPhrases));
        }

        return this;
    }
}
