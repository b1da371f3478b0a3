using ProSaaS.Domain.Conversations.Speech;

namespace ProSaaS.MediaHost.Behaviour;

/// <summary>
/// What the assistant's own words tell the call's behaviour: that it has just asked for a phone number (the caller may
/// then say it or key it in), and that it has read details back for the caller to confirm (the verification gate). Pure
/// and cheap; Hebrew and English, after <see cref="HebrewText.Normalize"/> (final letters folded, so stems are written
/// without them: <c>נכונ</c>).
/// </summary>
/// <remarks>
/// A doubt answers "no": a number entry opened for nothing only makes keys count as digits, but a read-back mistaken for
/// one would let a "כן" to another question pass the verification gate.
/// </remarks>
public static class AssistantCues
{
    private static readonly string[] PhoneWords = ["טלפונ", "הטלפונ", "לטלפונ", "נייד", "הנייד", "פלאפונ", "הפלאפונ", "סלולרי", "phone", "mobile", "cell"];

    private static readonly string[] ReachWords = ["לחזור", "לחזרה", "קשר", "להשיג", "reach", "call", "back"];

    private static readonly string[] NumberWords = ["מספר", "המספר", "מספרכמ", "number"];

    private static readonly string[] RequestWords =
    [
        "אפשר", "תוכל", "תוכלי", "תוכלו", "תגיד", "תגידי", "תגידו", "אמור", "אמרי", "אמרו", "תמסור", "תמסרי", "תמסרו", "מה", "לאיזה",
        "איזה", "בבקשה", "נשמח", "please", "what", "whats", "could", "can", "may", "give", "tell", "share", "which",
    ];

    private static readonly string[] ConfirmWords = ["נכונ", "נכונימ", "נכונה", "מדויק", "מדויקימ", "לאשר", "מאשר", "מאשרת", "מאשרימ", "תאשר", "תאשרי", "תאשרו", "correct", "right", "confirm"];

    private static readonly string[] DetailWords =
    [
        "שמ", "השמ", "שמכמ", "טלפונ", "הטלפונ", "מספר", "המספר", "פרטימ", "הפרטימ", "כתובת", "הכתובת", "מייל", "המייל", "אימייל", "האימייל",
        "תאריכ", "שעה", "בשעה", "תור", "התור", "פגישה", "הפגישה", "עיר", "העיר", "name", "number", "details", "email", "address", "phone",
    ];

    /// <summary>
    /// The assistant asks for a phone number ("מה מספר הטלפון שלכם?", "לאיזה מספר לחזור אליכם?", "What's your phone
    /// number?"): a clause that names a phone (or a number to be reached on) and asks for it. Reading a number back
    /// ("המספר הוא 050…, נכון?") is not asking for one.
    /// </summary>
    public static bool AsksForPhoneNumber(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || HebrewNumbers.ExtractPhoneDigits(text) is not null || CountDigits(text) >= 7)
        {
            return false;
        }

        foreach (var clause in HebrewText.SplitClauses(text))
        {
            var words = clause.Words;
            var phone = words.Any(w => PhoneWords.Contains(w))
                        || (words.Any(w => NumberWords.Contains(w)) && words.Any(w => ReachWords.Contains(HebrewText.WithoutVav(w))));
            if (phone && (clause.IsQuestion || words.Any(w => RequestWords.Contains(HebrewText.WithoutVav(w)))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The assistant reads details back and asks whether they are right ("דנה כהן, 050-1234567. נכון?", "האם הפרטים
    /// נכונים?", "Is that correct?" after the details): its last clause is a question that asks to confirm, and the
    /// utterance carries details (digits, a spoken number, or words naming a detail). "רוצים לקבוע תור?" is not one.
    /// </summary>
    public static bool AsksToConfirmDetails(string? text)
    {
        var clauses = HebrewText.SplitClauses(text);
        var question = clauses.LastOrDefault(c => c.IsQuestion);
        if (question is null || !question.Words.Any(w => ConfirmWords.Contains(HebrewText.WithoutVav(w))))
        {
            return false;
        }

        return CountDigits(text!) >= 3
               || HebrewNumbers.Find(text).Count > 0
               || clauses.Any(c => c.Words.Any(w => DetailWords.Contains(HebrewText.WithoutVav(w))));
    }

    private static int CountDigits(string text) => text.Count(char.IsAsciiDigit);
}
