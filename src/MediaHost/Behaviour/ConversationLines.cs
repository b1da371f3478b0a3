namespace ProSaaS.MediaHost.Behaviour;

/// <summary>
/// What <see cref="ConversationBehaviour"/> tells the caller and the model by itself, beyond the call's fixed lines
/// (<c>CallPhrases</c>: silence warnings, farewells, keypad prompts): the spoken corrections of an unbacked claim and the
/// callback offer (said word for word, so they suit a male or a female voice and address the caller in the plural), and
/// the instructions that steer the model (to it, in Hebrew, as the call's prompt is written).
/// </summary>
public sealed record ConversationLines
{
    public static ConversationLines Hebrew { get; } = new();

    public static ConversationLines English { get; } = Hebrew with
    {
        CallbackOffer = "It seems we're going round in circles. Would you like one of our team to call you back?",
        BookingCorrection = "Sorry, a correction: the appointment has not been booked yet.",
        SavedCorrection = "Sorry, a correction: your details have not been saved yet.",
        MessageCorrection = "Sorry, a correction: no message has been sent.",
        PassedOnCorrection = "Sorry, a correction: your request has not been passed on yet.",
    };

    /// <summary>The lines for a call in <paramref name="language"/>: English for English, Hebrew otherwise.</summary>
    public static ConversationLines For(string? language) =>
        language is not null && language.Trim().StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : Hebrew;

    /// <summary>Said when the assistant keeps asking the same thing (the loop is to be escalated).</summary>
    public string CallbackOffer { get; init; } = "נראה שקשה לנו להתקדם כך. רוצים שנציג מטעמנו יחזור אליכם?";

    public string BookingCorrection { get; init; } = "סליחה, תיקון: התור עוד לא נקבע במערכת.";

    public string SavedCorrection { get; init; } = "סליחה, תיקון: הפרטים עוד לא נשמרו במערכת.";

    public string MessageCorrection { get; init; } = "סליחה, תיקון: לא נשלחה שום הודעה.";

    public string PassedOnCorrection { get; init; } = "סליחה, תיקון: הבקשה עוד לא הועברה לנציג.";

    /// <summary>Added to the instructions when the assistant repeats itself.</summary>
    public string ChangeTackRule { get; init; } =
        "## חזרה על אותה שאלה\nחזרת על אותה שאלה או אותו משפט. אל תחזור עליו שוב באותה צורה: נסח אחרת, שאל שאלה אחרת או המשך הלאה. " +
        "אם ביקשת מספר טלפון ולא הצלחת לקלוט אותו, הצע למתקשר להקיש אותו במקשי הטלפון ולסיים בסולמית.";

    /// <summary>Added to the instructions when the conversation is going round in circles and a callback was offered.</summary>
    public string EscalateRule { get; init; } =
        "## הצעת שיחה חוזרת\nהשיחה נתקעה והוצע למתקשר שנציג יחזור אליו. אם הוא מסכים, בקש נציג בכלי המתאים ואשר לו שנציג יחזור אליו; " +
        "אם לא, המשך לעזור בקצרה ואל תחזור על השאלה שנתקעה.";

    /// <summary>Added to the instructions after an unbacked claim was corrected.</summary>
    public string ClaimRule { get; init; } =
        "## אישור מהמערכת\nאמרת למתקשר שדבר נעשה בלי שהמערכת אישרה אותו, והדבר תוקן. לעולם אל תאמר שתור נקבע, שפרטים נשמרו, " +
        "שהודעה נשלחה או שבקשה הועברה, לפני שהכלי המתאים החזיר הצלחה.";

    /// <summary>The response after the call's end was refused (too early: no real conversation yet).</summary>
    public string HangupRefusedInstructions { get; init; } =
        "עדיין אין סיבה לסיים את השיחה: המתקשר לא קיבל מענה. אל תסיים ואל תיפרד; שאל במה אפשר לעזור והמשך את השיחה.";

    /// <summary>The response after a barge-in that was not the caller's speech (noise, echo): the assistant goes on.</summary>
    public string ResumeInstructions { get; init; } =
        "נקטעת בגלל רעש בקו, לא בגלל המתקשר. המשך בקצרה מהמקום שבו נקטעת, בלי לחזור על מה שכבר נאמר ובלי להתנצל.";

    /// <summary>The response after a keypad menu choice the model must act on ({0}: what was chosen).</summary>
    public string MenuChoiceInstructions { get; init; } = "המתקשר בחר בתפריט המקשים: {0}. המשך את השיחה בהתאם לבחירה הזו.";

    /// <summary>The response after a phone number was keyed in ({0}: the number, digit by digit).</summary>
    public string KeyedNumberInstructions { get; init; } =
        "המתקשר הקיש במקשי הטלפון את המספר {0}. קרא לו את המספר ספרה אחרי ספרה ובקש ממנו לאשר שהוא נכון, ואז המשך.";

    /// <summary>The spoken correction of <paramref name="claim"/>.</summary>
    public string CorrectionOf(ClaimedEffect claim) => claim switch
    {
        ClaimedEffect.Booking => BookingCorrection,
        ClaimedEffect.SavedDetails => SavedCorrection,
        ClaimedEffect.MessageSent => MessageCorrection,
        ClaimedEffect.PassedOn => PassedOnCorrection,
        _ => throw new ArgumentOutOfRangeException(nameof(claim), claim, "Unknown claim."),
    };
}
