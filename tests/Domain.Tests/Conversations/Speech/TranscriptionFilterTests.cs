using ProSaaS.Domain.Conversations.Speech;

namespace ProSaaS.Domain.Tests.Conversations.Speech;

public sealed class TranscriptionFilterTests
{
    private const CallerLanguage He = CallerLanguage.Hebrew;
    private const CallerLanguage En = CallerLanguage.English;

    [Theory]
    [InlineData("", He, TranscriptReason.Empty)]
    [InlineData("   ", He, TranscriptReason.Empty)]
    [InlineData(null, He, TranscriptReason.Empty)]
    [InlineData("...", He, TranscriptReason.NoWords)]
    [InlineData("?", En, TranscriptReason.NoWords)]
    [InlineData("♪ ♪", He, TranscriptReason.NotSpeech)]
    [InlineData("♪♫♪", En, TranscriptReason.NotSpeech)]
    [InlineData("[מוזיקה]", He, TranscriptReason.NotSpeech)]
    [InlineData("(applause)", En, TranscriptReason.NotSpeech)]
    [InlineData("[BLANK_AUDIO]", He, TranscriptReason.NotSpeech)]
    [InlineData("Thank you for watching", He, TranscriptReason.StockPhrase)]
    [InlineData("Thanks for watching!", He, TranscriptReason.StockPhrase)]
    [InlineData("Thanks for watching!", En, TranscriptReason.StockPhrase)]
    [InlineData("Thank you for watching.", CallerLanguage.Other, TranscriptReason.StockPhrase)]
    [InlineData("Subscribe", He, TranscriptReason.StockPhrase)]
    [InlineData("Please subscribe to my channel", En, TranscriptReason.StockPhrase)]
    [InlineData("תודה שצפיתם", He, TranscriptReason.StockPhrase)]
    [InlineData("תודה שצפיתם! ♪", He, TranscriptReason.StockPhrase)]
    [InlineData("כתוביות", He, TranscriptReason.StockPhrase)]
    [InlineData("Subtitles by the Amara.org community", He, TranscriptReason.StockPhrase)]
    [InlineData("Subtitles by www.zeoranger.co.uk", En, TranscriptReason.StockPhrase)]
    [InlineData("Amara.org", He, TranscriptReason.StockPhrase)]
    [InlineData("you", He, TranscriptReason.StockPhrase)]
    [InlineData("You", En, TranscriptReason.StockPhrase)]
    [InlineData("Субтитры сделал DimaTorzok", He, TranscriptReason.StockPhrase)]
    [InlineData("ترجمة نانسي قنقر", He, TranscriptReason.StockPhrase)]
    [InlineData("MBC 뉴스", En, TranscriptReason.StockPhrase)]
    [InlineData("ご視聴ありがとうございました", He, TranscriptReason.StockPhrase)]
    [InlineData("תודה תודה תודה תודה תודה תודה", He, TranscriptReason.RepetitionLoop)]
    [InlineData("אני לא אני לא אני לא", He, TranscriptReason.RepetitionLoop)]
    [InlineData("the the the the the the the", He, TranscriptReason.RepetitionLoop)]
    [InlineData("כן כן כן כן כן כן כן כן", He, TranscriptReason.RepetitionLoop)]
    [InlineData("אממ", He, TranscriptReason.FillerOnly)]
    [InlineData("אה... הממ", He, TranscriptReason.FillerOnly)]
    [InlineData("hmm", He, TranscriptReason.FillerOnly)]
    [InlineData("Um.", En, TranscriptReason.FillerOnly)]
    [InlineData("So", He, TranscriptReason.SingleLatinWord)]
    [InlineData("Okay.", He, TranscriptReason.SingleLatinWord)]
    [InlineData("Bye.", He, TranscriptReason.SingleLatinWord)]
    [InlineData("David", He, TranscriptReason.SingleLatinWord)]
    [InlineData("I want to book an appointment", He, TranscriptReason.EnglishInHebrewCall)]
    [InlineData("Hello, how are you?", He, TranscriptReason.EnglishInHebrewCall)]
    [InlineData("Thank you.", He, TranscriptReason.EnglishInHebrewCall)]
    [InlineData("לה לה לה לה", He, TranscriptReason.Gibberish)]
    [InlineData("שלוםabc", He, TranscriptReason.Gibberish)]
    [InlineData("ש@ל#ו$ם", He, TranscriptReason.Gibberish)]
    [InlineData("@#$% ^&*", He, TranscriptReason.NoWords)]
    public void Fabricated_or_empty_transcripts_are_dropped(string? transcript, CallerLanguage language, TranscriptReason reason)
    {
        var decision = TranscriptionFilter.Evaluate(transcript, language);

        decision.Should().Be(new TranscriptDecision(TranscriptVerdict.Drop, reason));
        decision.Keep.Should().BeFalse();
    }

    [Theory]
    [InlineData("כן", He, TranscriptReason.ShortAnswer)]
    [InlineData("לא", He, TranscriptReason.ShortAnswer)]
    [InlineData("אוקי", He, TranscriptReason.ShortAnswer)]
    [InlineData("טוב.", He, TranscriptReason.ShortAnswer)]
    [InlineData("רגע", He, TranscriptReason.ShortAnswer)]
    [InlineData("מה?", He, TranscriptReason.ShortAnswer)]
    [InlineData("כן כן", He, TranscriptReason.ShortAnswer)]
    [InlineData("לא, לא יודע", He, TranscriptReason.ShortAnswer)]
    [InlineData("(צוחק) כן, נכון", He, TranscriptReason.ShortAnswer)]
    [InlineData("כן", En, TranscriptReason.ShortAnswer)]
    [InlineData("0521234567", He, TranscriptReason.Number)]
    [InlineData("052-123-4567", He, TranscriptReason.Number)]
    [InlineData("שלוש", He, TranscriptReason.Number)]
    [InlineData("אפס חמש שתיים, שלוש ארבע חמש", He, TranscriptReason.Number)]
    [InlineData("אפס חמש שתיים, אה, שלוש", He, TranscriptReason.Number)]
    [InlineData("חמש חמש חמש חמש חמש חמש חמש", He, TranscriptReason.Number)]
    [InlineData("שישים ושבע שמונים ותשע", He, TranscriptReason.Number)]
    [InlineData("דני", He, TranscriptReason.Speech)]
    [InlineData("דני כהן", He, TranscriptReason.Speech)]
    [InlineData("אני רוצה לקבוע meeting למחר", He, TranscriptReason.Speech)]
    [InlineData("Thank you for watching, אני רוצה לקבוע תור", He, TranscriptReason.Speech)]
    [InlineData("מה השעות שלכם?", He, TranscriptReason.Speech)]
    [InlineData("יש לכם תור פנוי ביום ראשון?", He, TranscriptReason.Speech)]
    [InlineData("Мне нужна запись на завтра", He, TranscriptReason.Speech)]
    [InlineData("my email is dani@gmail.com", He, TranscriptReason.Speech)]
    [InlineData("I want to book an appointment", En, TranscriptReason.Speech)]
    [InlineData("Thank you.", En, TranscriptReason.Speech)]
    [InlineData("yes", En, TranscriptReason.Speech)]
    [InlineData("אני צריך תור לתיקון מזגן", En, TranscriptReason.Speech)]
    public void Real_speech_is_kept(string transcript, CallerLanguage language, TranscriptReason reason)
    {
        var decision = TranscriptionFilter.Evaluate(transcript, language);

        decision.Should().Be(new TranscriptDecision(TranscriptVerdict.Keep, reason));
        decision.Keep.Should().BeTrue();
    }

    [Theory]
    [InlineData("Do you speak English?", He, CallerLanguage.English)]
    [InlineData("English please", He, CallerLanguage.English)]
    [InlineData("I don't speak Hebrew", He, CallerLanguage.English)]
    [InlineData("אפשר באנגלית?", He, CallerLanguage.English)]
    [InlineData("אני לא מדבר עברית", He, CallerLanguage.English)]
    [InlineData("אפשר בעברית?", En, CallerLanguage.Hebrew)]
    [InlineData("Can we speak Hebrew?", En, CallerLanguage.Hebrew)]
    public void Asking_for_another_language_is_kept_so_that_the_call_can_switch(string transcript, CallerLanguage language, CallerLanguage requested) =>
        TranscriptionFilter.Evaluate(transcript, language)
            .Should().Be(new TranscriptDecision(TranscriptVerdict.Keep, TranscriptReason.AsksForLanguage, requested));

    [Theory]
    [InlineData("כן", 20.0, 600, TranscriptVerdict.Drop, TranscriptReason.SilentAudio)]
    [InlineData("תודה רבה.", 60.0, 900, TranscriptVerdict.Drop, TranscriptReason.SilentAudio)]
    [InlineData("Thank you for watching", 30.0, 2000, TranscriptVerdict.Drop, TranscriptReason.SilentAudio)]
    [InlineData("אני רוצה לקבוע תור למחר בשלוש בבקשה", 2000.0, 400, TranscriptVerdict.Drop, TranscriptReason.TooManyWordsForAudio)]
    [InlineData("כן", 1500.0, 300, TranscriptVerdict.Keep, TranscriptReason.ShortAnswer)]
    [InlineData("אני רוצה לקבוע תור למחר בשלוש בבקשה", 2000.0, 2500, TranscriptVerdict.Keep, TranscriptReason.Speech)]
    [InlineData("אפס חמש שתיים שלוש ארבע חמש שש שבע שמונה תשע", 1800.0, 3000, TranscriptVerdict.Keep, TranscriptReason.Number)]
    [InlineData("Thank you for watching", 2500.0, 1500, TranscriptVerdict.Drop, TranscriptReason.StockPhrase)]
    public void The_audio_under_a_transcript_can_overrule_it(
        string transcript, double level, int durationMs, TranscriptVerdict verdict, TranscriptReason reason) =>
        TranscriptionFilter.Evaluate(transcript, He, new SpeechAudio(TimeSpan.FromMilliseconds(durationMs), level))
            .Should().Be(new TranscriptDecision(verdict, reason));

    [Theory]
    [InlineData("he", CallerLanguage.Hebrew)]
    [InlineData("he-IL", CallerLanguage.Hebrew)]
    [InlineData("iw", CallerLanguage.Hebrew)]
    [InlineData(null, CallerLanguage.Hebrew)]
    [InlineData("", CallerLanguage.Hebrew)]
    [InlineData("en", CallerLanguage.English)]
    [InlineData("en-US", CallerLanguage.English)]
    [InlineData("EN_gb", CallerLanguage.English)]
    [InlineData("ar", CallerLanguage.Other)]
    [InlineData("ru-RU", CallerLanguage.Other)]
    public void Language_codes_map_to_the_callers_language(string? code, CallerLanguage expected) =>
        CallerLanguages.FromCode(code).Should().Be(expected);
}
