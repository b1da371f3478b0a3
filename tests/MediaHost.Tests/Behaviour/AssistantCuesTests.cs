using ProSaaS.MediaHost.Behaviour;

namespace ProSaaS.MediaHost.Tests.Behaviour;

public sealed class AssistantCuesTests
{
    [Theory]
    [InlineData("מה מספר הטלפון שלכם?", true)]
    [InlineData("תודה דנה. ומה מספר הטלפון שלך?", true)]
    [InlineData("אפשר מספר נייד לחזרה", true)]
    [InlineData("לאיזה מספר לחזור אליכם?", true)]
    [InlineData("אשמח אם תמסרו לי את מספר הפלאפון", true)]
    [InlineData("בבקשה תגידו לי את הטלפון, ספרה אחרי ספרה.", true)]
    [InlineData("What's your phone number?", true)]
    [InlineData("Could you give me a number to call you back on?", true)]
    [InlineData("המספר שרשמתי הוא 050-1234567, נכון?", false)]
    [InlineData("רשמתי אפס חמש שתיים, שלוש ארבע חמש, שישים ושבע שמונים ותשע. נכון?", false)]
    [InlineData("הטלפון שלנו פתוח עד שש.", false)]
    [InlineData("רוצים לקבוע תור?", false)]
    [InlineData("מה השם שלכם?", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Asking_for_a_phone_number(string? text, bool expected) =>
        AssistantCues.AsksForPhoneNumber(text).Should().Be(expected, text);

    [Theory]
    [InlineData("אז רשמתי: דנה כהן, 050-1234567, תל אביב. נכון?", true)]
    [InlineData("רק לוודא: השם דנה כהן והטלפון אפס חמש שתיים שלוש ארבע חמש שש שבע שמונה תשע. זה נכון?", true)]
    [InlineData("האם הפרטים נכונים?", true)]
    [InlineData("התור ביום שלישי בשעה 14:30. מאשרים?", true)]
    [InlineData("Your name is Dana and your number is 0501234567. Is that correct?", true)]
    [InlineData("רוצים לקבוע תור?", false)]
    [InlineData("זה נכון שאתם פתוחים בשישי?", false)]
    [InlineData("נכון להיום אין תורים פנויים.", false)]
    [InlineData("הבנתי. מה מספר הטלפון?", false)]
    [InlineData("יש עוד משהו?", false)]
    [InlineData(null, false)]
    public void Reading_details_back_for_confirmation(string? text, bool expected) =>
        AssistantCues.AsksToConfirmDetails(text).Should().Be(expected, text);
}
