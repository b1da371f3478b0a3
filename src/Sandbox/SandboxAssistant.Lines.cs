namespace ProSaaS.Sandbox;

/// <summary>
/// What the sandbox assistant says, in Hebrew and in English. The caller is addressed in the plural (it suits anyone); the
/// assistant's own verbs follow its gender. A detail heard is checked with "…, הבנתי טוב?" — not a claim that it was saved
/// ("רשמתי" before the tool confirmed would be one) and not the final read-back, which alone asks "נכון?" and so is the
/// call's verification.
/// </summary>
public sealed record SandboxLines
{
    public static SandboxLines Hebrew(bool female) => new()
    {
        Checking = female ? "רגע, אני בודקת ביומן." : "רגע, אני בודק ביומן.",
    };

    public static SandboxLines English { get; } = new()
    {
        Greeting = "Hello, this is {0}. How can I help you?",
        Gladly = "Sure.",
        AskName = "May I have your name, please?",
        AskPhone = "What is the best phone number to reach you on?",
        AskSelect = "What is your {0}? You can choose {1}.",
        AskOther = "What is your {0}?",
        Check = "{0}, did I get that?",
        CheckKeyed = "You keyed {0}, did I get that?",
        AskAgain = "Sorry, could you say your {0} again?",
        AskPhoneAgain = "I didn't catch the number. Could you say it again, digit by digit?",
        AskCorrect = "Sorry about that. What is the right {0}?",
        WantsBooking = "Would you like to book an appointment?",
        AskWhen = "When would suit you? For example, tomorrow at ten.",
        AskWhenAgain = "I didn't catch the time. When would suit you?",
        Checking = "One moment, let me check the calendar.",
        NotFree = "That time is not available.",
        Offer = "I can offer {0}. Which suits you?",
        OfferOne = "The nearest free time is {0}. Does that suit you?",
        NoneFree = "I couldn't find a free time soon; someone from our team will call you back to arrange it.",
        WhichOne = "Which of them: {0}?",
        Booked = "I've booked your appointment for {0}.",
        HumanDone = "Someone from our team will call you back soon.",
        Summary = "To sum up: {0}. Is everything correct?",
        WhatToFix = "What should I correct?",
        Farewell = "Thank you for calling {0}. Goodbye!",
        CallerFarewell = "Thank you, goodbye!",
        AnythingElse = "How else can I help you?",
        Phone = "phone",
        Appointment = "an appointment on {0}",
        Or = " or ",
        HumanReason = "The caller asked to speak to a person.",
    };

    public string Greeting { get; init; } = "שלום, כאן {0}. במה אפשר לעזור?";

    public string Gladly { get; init; } = "בשמחה.";

    public string AskName { get; init; } = "איך קוראים לכם?";

    public string AskPhone { get; init; } = "מה מספר הטלפון שלכם?";

    /// <summary>{0}: the label with its article; {1}: the options.</summary>
    public string AskSelect { get; init; } = "מה {0}? אפשר לבחור {1}.";

    public string AskOther { get; init; } = "מה {0}?";

    public string Check { get; init; } = "{0}, הבנתי טוב?";

    public string CheckKeyed { get; init; } = "הקשתם {0}, הבנתי טוב?";

    public string AskAgain { get; init; } = "סליחה, אפשר לומר שוב את {0}?";

    public string AskPhoneAgain { get; init; } = "לא הצלחתי לקלוט את המספר. אפשר לומר אותו שוב, ספרה אחר ספרה?";

    public string AskCorrect { get; init; } = "סליחה. מה {0} הנכון?";

    public string WantsBooking { get; init; } = "רוצים לקבוע תור?";

    public string AskWhen { get; init; } = "מתי נוח לכם? למשל מחר בעשר.";

    public string AskWhenAgain { get; init; } = "לא הבנתי את המועד. מתי נוח לכם?";

    public string Checking { get; init; } = "רגע, אני בודקת ביומן.";

    public string NotFree { get; init; } = "המועד הזה לא פנוי.";

    public string Offer { get; init; } = "אפשר {0}. מה מתאים לכם?";

    public string OfferOne { get; init; } = "המועד הפנוי הקרוב הוא {0}. מתאים לכם?";

    public string NoneFree { get; init; } = "לא מצאתי מועד פנוי בקרוב. נציג מטעמנו יחזור אליכם לתאם.";

    public string WhichOne { get; init; } = "איזה מהם: {0}?";

    public string Booked { get; init; } = "קבעתי לכם תור ל{0}.";

    public string HumanDone { get; init; } = "נציג מטעמנו יחזור אליכם בהקדם.";

    public string Summary { get; init; } = "לסיכום: {0}. הכל נכון?";

    public string WhatToFix { get; init; } = "מה צריך לתקן?";

    public string Farewell { get; init; } = "תודה רבה שפניתם ל{0}. יום טוב ולהתראות!";

    public string CallerFarewell { get; init; } = "תודה רבה, להתראות!";

    public string AnythingElse { get; init; } = "במה עוד אפשר לעזור?";

    public string Phone { get; init; } = "טלפון";

    public string Appointment { get; init; } = "ותור ל{0}";

    public string Or { get; init; } = " או ";

    public string HumanReason { get; init; } = "המתקשר ביקש לדבר עם נציג.";

    /// <summary>The label with the Hebrew article ("אזור" → "האזור"); English and labels that have one are kept.</summary>
    public string The(string label) =>
        this == English || label.StartsWith('ה') || !ProSaaS.Domain.Conversations.Speech.HebrewText.ContainsHebrew(label) ? label : "ה" + label;

    /// <summary>"a, b or c".</summary>
    public string List(IReadOnlyList<string> items) =>
        items.Count <= 1 ? string.Concat(items) : string.Join(", ", items.Take(items.Count - 1)) + Or + items[^1];
}
