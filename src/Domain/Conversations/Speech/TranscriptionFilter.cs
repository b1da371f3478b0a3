using System.Text.RegularExpressions;

namespace ProSaaS.Domain.Conversations.Speech;

/// <summary>What the audio behind a transcript looked like: how long it lasted and how loud it was.</summary>
/// <param name="Duration">How long the caller's utterance lasted.</param>
/// <param name="MeanLevel">Its loudness: the mean of its 20 ms frames' µ-law RMS on the 16-bit scale (0 for silence,
/// about 23,000 for a full-scale sine) — the measure the media host's speech gate uses.</param>
public readonly record struct SpeechAudio(TimeSpan Duration, double MeanLevel);

/// <summary>Whether a transcript is acted upon.</summary>
public enum TranscriptVerdict
{
    /// <summary>Real speech: the call acts on it.</summary>
    Keep,

    /// <summary>Fabricated or empty: the call ignores it (it opens no turn, fills no field, counts as no speech).</summary>
    Drop,
}

/// <summary>Why a transcript was kept or dropped.</summary>
public enum TranscriptReason
{
    /// <summary>Kept: ordinary speech.</summary>
    Speech,

    /// <summary>Kept: a short answer ("כן", "לא", "רגע", "מה?") that other rules must not lose.</summary>
    ShortAnswer,

    /// <summary>Kept: numbers (digits or spoken) — phone numbers, times, quantities.</summary>
    Number,

    /// <summary>Kept: the caller asks for another language ("do you speak English?", "אפשר בעברית?").</summary>
    AsksForLanguage,

    /// <summary>Dropped: nothing at all.</summary>
    Empty,

    /// <summary>Dropped: punctuation only ("...", "?").</summary>
    NoWords,

    /// <summary>Dropped: sound descriptions and music ("[מוזיקה]", "(applause)", "♪ ♪").</summary>
    NotSpeech,

    /// <summary>Dropped: the audio under it was too quiet to be speech.</summary>
    SilentAudio,

    /// <summary>Dropped: more words than the audio's length can hold.</summary>
    TooManyWordsForAudio,

    /// <summary>Dropped: a phrase transcribers invent from silence and noise ("Thank you for watching", "תודה שצפיתם", "כתוביות").</summary>
    StockPhrase,

    /// <summary>Dropped: the transcriber stuck in a loop (the same word or words over and over).</summary>
    RepetitionLoop,

    /// <summary>Dropped: hesitation sounds only ("אממ", "hmm").</summary>
    FillerOnly,

    /// <summary>Dropped: one Latin word in a Hebrew call ("you", "So", "Okay.").</summary>
    SingleLatinWord,

    /// <summary>Dropped: English in a Hebrew call, which transcribers fabricate from Hebrew audio.</summary>
    EnglishInHebrewCall,

    /// <summary>Dropped: junk rather than words (see <see cref="GibberishDetector"/>).</summary>
    Gibberish,
}

/// <summary>The filter's decision on one transcript.</summary>
/// <param name="Verdict">Keep or drop.</param>
/// <param name="Reason">Why.</param>
/// <param name="RequestedLanguage">With <see cref="TranscriptReason.AsksForLanguage"/>, the language asked for.</param>
public sealed record TranscriptDecision(TranscriptVerdict Verdict, TranscriptReason Reason, CallerLanguage? RequestedLanguage = null)
{
    /// <summary>Whether the call acts on the transcript.</summary>
    public bool Keep => Verdict == TranscriptVerdict.Keep;

    internal static TranscriptDecision Kept(TranscriptReason reason, CallerLanguage? language = null) => new(TranscriptVerdict.Keep, reason, language);

    internal static TranscriptDecision Dropped(TranscriptReason reason) => new(TranscriptVerdict.Drop, reason);
}

/// <summary>
/// The speech-to-text hallucination filter. Whisper-family transcribers invent text from silence, breath and line
/// noise — film-credit phrases, "you", English words in a Hebrew call, loops of one word — and a call that acts on them
/// answers questions nobody asked, fills lead fields with nonsense and thinks a silent caller is talking.
/// </summary>
/// <remarks>
/// <para>The checks, in order (the first that decides, decides):</para>
/// <list type="number">
/// <item>Nothing, punctuation, or only sound descriptions and music (<c>[מוזיקה]</c>, <c>(applause)</c>, <c>♪</c>) is
/// dropped; a description next to words is removed and the words are judged.</item>
/// <item>With the audio known: a mean level under <see cref="MinSpeechLevel"/> is not speech, whatever the text — the
/// transcriber invents "כן" and "תודה" from silence too; and more than <see cref="MaxWordsPerSecond"/> words a second
/// (plus two) cannot have been said in that time.</item>
/// <item>Text with an e-mail address is kept: callers dictate them, and they are written in Latin letters.</item>
/// <item>Stock phrases, in any language the transcriber knows them in, are dropped when they are all there is (with
/// fillers and web addresses); a stock phrase inside real speech leaves the speech to be judged.</item>
/// <item>The whitelist keeps short Hebrew answers (up to three words such as כן, לא, אוקי, טוב, רגע, מה, נכון, בסדר) and
/// numbers (digits and spoken Hebrew numbers, however many): they are exactly what the later rules could lose.</item>
/// <item>A loop — one word or a group of up to four repeated three times and more, six words at least, making up most of
/// the text — is dropped; a number repeated is not a loop ("חמש חמש חמש…" is a phone number).</item>
/// <item>Fillers alone are dropped.</item>
/// <item>In a Hebrew call, text with Latin letters and no Hebrew is dropped — a single word as
/// <see cref="TranscriptReason.SingleLatinWord"/>, more as <see cref="TranscriptReason.EnglishInHebrewCall"/> — unless it
/// asks for a language ("do you speak English?", "English please"), which is kept so that the call can switch. Hebrew
/// and Latin mixed is kept ("אני רוצה לקבוע meeting"). Other scripts are kept: Israel's callers also speak Arabic and
/// Russian, and the filter has no grounds to call them fabricated. A name in Hebrew letters is ordinary Hebrew speech and
/// is kept; a name the transcriber wrote in Latin letters, alone, is dropped with the rest of that class.</item>
/// <item>Gibberish is dropped.</item>
/// </list>
/// </remarks>
public static class TranscriptionFilter
{
    /// <summary>Below this mean level (µ-law RMS, 16-bit scale; about −47 dBFS) the audio is line noise, not a voice.
    /// Telephone speech sits around 1,000–5,000.</summary>
    public const double MinSpeechLevel = 100;

    /// <summary>Fast speech is about four words a second; five is the ceiling, with two words' grace for short clips.</summary>
    public const double MaxWordsPerSecond = 5;

    private const int MaxShortAnswerWords = 3;

    private static readonly Regex Annotation = new(
        @"\[[^\]]*\]|\([^)]*\)|\*[^*]*\*|♪|♫|♬|♩|🎵|🎶",
        RegexOptions.CultureInvariant,
        TimeSpan.FromMilliseconds(100));

    // Credits end with a web address ("Subtitles by www.zeoranger.co.uk"); it reads as one web word.
    private static readonly Regex WebAddress = new(
        @"(?:https?://|www\.)\S+",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase,
        TimeSpan.FromMilliseconds(100));

    private static readonly Regex Email = new(
        @"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}",
        RegexOptions.CultureInvariant,
        TimeSpan.FromMilliseconds(100));

    private static readonly PhraseTable StockPhrases = new(
    [
        // English film and video credits, and the single words fabricated from silence.
        "thank you for watching", "thanks for watching", "thank you so much for watching", "thank you very much for watching",
        "thank you for watching and see you next time", "thank you for listening", "thanks for listening",
        "please subscribe", "subscribe", "subscribe to my channel", "subscribe to the channel",
        "please subscribe to my channel", "please subscribe to the channel", "like and subscribe",
        "please like and subscribe", "dont forget to subscribe", "dont forget to like and subscribe",
        "see you in the next video", "see you next time", "subtitles by the amara org community", "subtitles by",
        "subtitles", "captions by", "transcribed by", "transcription by", "translated by", "amara org", "the end", "you",
        // Hebrew.
        "תודה שצפיתם", "תודה רבה שצפיתם", "תודה על הצפייה", "תודה על הצפיה", "תודה רבה על הצפייה", "תודה לכם על הצפייה",
        "תודה שהאזנתם", "תודה על ההאזנה", "כתוביות", "כתוביות על ידי", "כתוביות נוצרו על ידי", "הכתוביות נוצרו על ידי",
        "תרגום", "תרגום וכתוביות", "תורגם על ידי", "תרגם", "תרגמה", "הירשמו לערוץ", "הירשמו", "תירשמו לערוץ",
        "אל תשכחו להירשם לערוץ", "אל תשכחו להירשם", "עשו לייק", "תעשו לייק", "לייק ושיתוף", "לייק והרשמה",
        "נתראה בסרטון הבא", "צפייה מהנה", "צפיה מהנה",
        // Arabic and Russian credits the transcriber also invents.
        "ترجمة نانسي قنقر", "اشتركوا في القناة", "شكرا للمشاهدة",
        "продолжение следует", "субтитры сделал dimatorzok", "субтитры создавал dimatorzok", "редактор субтитров",
        "спасибо за просмотр", "субтитры",
        // Korean and Japanese sign-offs of the same kind.
        "mbc 뉴스", "시청해주셔서 감사합니다", "ご視聴ありがとうございました",
    ]);

    // Left over from a credit's web address.
    private static readonly PhraseTable WebWords = new(["www", "http", "https", "com", "org", "net", "co", "uk", "il", "tv"]);

    private static readonly PhraseTable Fillers = new(
    [
        "אה", "אהה", "אההה", "אמ", "אממ", "אמממ", "הממ", "הממם", "ממ", "מממ", "ממממ", "אממממ", "אהמ", "אאא", "אאאא",
        "uh", "uhh", "um", "umm", "uhm", "hmm", "hmmm", "mm", "mmm", "ah", "oh", "eh", "er", "erm",
    ]);

    private static readonly PhraseTable ShortAnswers = new(
    [
        "כן", "לא", "אוקי", "אוקיי", "טוב", "רגע", "מה", "נכון", "בסדר", "בטח", "ברור", "סבבה", "יופי", "תודה", "הלו",
        "די", "נו", "אולי", "בדיוק", "ביי", "מי", "איפה", "מתי", "למה", "איך", "כמה", "שנייה", "שניה", "אחלה", "מעולה",
        "אין בעיה", "לא יודע", "לא יודעת", "תודה רבה", "כן כן", "לא לא",
    ]);

    private static readonly PhraseTable LanguageWords = new(
    [
        "english", "hebrew", "אנגלית", "באנגלית", "עברית", "בעברית", "speak english", "in english",
    ]);

    // "I don't speak Hebrew" names Hebrew and asks for English.
    private static readonly PhraseTable NoHebrew = new(
    [
        "dont speak hebrew", "dont understand hebrew", "no hebrew", "not hebrew", "cant speak hebrew", "do not speak hebrew",
        "do not understand hebrew", "לא מדבר עברית", "לא מדברת עברית", "לא מבין עברית", "לא מבינה עברית",
    ]);

    private static readonly string HebrewName = HebrewText.Normalize("עברית");

    /// <summary>Decides whether the call acts on a caller's transcript.</summary>
    /// <param name="transcript">The transcript as the transcriber gave it.</param>
    /// <param name="callerLanguage">The language the caller is speaking (<see cref="CallerLanguages.FromCode"/>).</param>
    /// <param name="audio">The audio it came from, when known.</param>
    public static TranscriptDecision Evaluate(string? transcript, CallerLanguage callerLanguage = CallerLanguage.Hebrew, SpeechAudio? audio = null)
    {
        if (string.IsNullOrWhiteSpace(transcript))
        {
            return TranscriptDecision.Dropped(TranscriptReason.Empty);
        }

        var spoken = Annotation.Replace(transcript, " ");
        var words = HebrewText.Tokenize(Email.IsMatch(spoken) ? spoken : WebAddress.Replace(spoken, " www "));
        if (words.Length == 0)
        {
            return TranscriptDecision.Dropped(Annotation.IsMatch(transcript) ? TranscriptReason.NotSpeech : TranscriptReason.NoWords);
        }

        if (audio is { } heard)
        {
            if (heard.MeanLevel < MinSpeechLevel)
            {
                return TranscriptDecision.Dropped(TranscriptReason.SilentAudio);
            }

            if (heard.Duration > TimeSpan.Zero && words.Length > 2 + (heard.Duration.TotalSeconds * MaxWordsPerSecond))
            {
                return TranscriptDecision.Dropped(TranscriptReason.TooManyWordsForAudio);
            }
        }

        if (Email.IsMatch(spoken))
        {
            return TranscriptDecision.Kept(TranscriptReason.Speech);
        }

        if (IsOnlyStock(words))
        {
            return TranscriptDecision.Dropped(TranscriptReason.StockPhrase);
        }

        if (words.All(HebrewNumbers.IsNumberWord) || IsDictatedNumber(words))
        {
            return TranscriptDecision.Kept(TranscriptReason.Number);
        }

        if (words.Length <= MaxShortAnswerWords && ShortAnswers.CoversAll(words, "ו"))
        {
            return TranscriptDecision.Kept(TranscriptReason.ShortAnswer);
        }

        if (IsLoop(words))
        {
            return TranscriptDecision.Dropped(TranscriptReason.RepetitionLoop);
        }

        if (Fillers.CoversAll(words))
        {
            return TranscriptDecision.Dropped(TranscriptReason.FillerOnly);
        }

        if (RequestedLanguage(words) is { } requested && requested != callerLanguage)
        {
            return TranscriptDecision.Kept(TranscriptReason.AsksForLanguage, requested);
        }

        if (callerLanguage == CallerLanguage.Hebrew && !HebrewText.ContainsHebrew(spoken) && HebrewText.ContainsLatin(spoken))
        {
            var latinWords = words.Count(word => word.Any(HebrewText.IsLatinLetter));
            return TranscriptDecision.Dropped(latinWords == 1 ? TranscriptReason.SingleLatinWord : TranscriptReason.EnglishInHebrewCall);
        }

        if (GibberishDetector.IsGibberish(spoken))
        {
            return TranscriptDecision.Dropped(TranscriptReason.Gibberish);
        }

        return TranscriptDecision.Kept(TranscriptReason.Speech);
    }

    private static bool IsOnlyStock(string[] words)
    {
        var sawStock = false;
        var i = 0;
        while (i < words.Length)
        {
            var stock = StockPhrases.MatchAt(words, i);
            if (stock > 0)
            {
                sawStock = true;
                i += stock;
                continue;
            }

            var other = Math.Max(Fillers.MatchAt(words, i), WebWords.MatchAt(words, i));
            if (other == 0)
            {
                return false;
            }

            i += other;
        }

        return sawStock;
    }

    // Spoken groups with hesitations between them: "אפס חמש שתיים, אה, שלוש ארבע".
    private static bool IsDictatedNumber(string[] words) =>
        words.Any(HebrewNumbers.IsNumberWord) && words.All(word => HebrewNumbers.IsNumberWord(word) || Fillers.Contains(word) || word == "ו");

    private static bool IsLoop(string[] words)
    {
        const int minTimes = 3;
        const int minWords = 6;
        for (var size = 1; size <= 4; size++)
        {
            for (var start = 0; start + (size * minTimes) <= words.Length; start++)
            {
                var unit = words.AsSpan(start, size);
                if (unit.ToArray().All(HebrewNumbers.IsNumberWord))
                {
                    continue;
                }

                var times = 1;
                while (start + (size * (times + 1)) <= words.Length && words.AsSpan(start + (size * times), size).SequenceEqual(unit))
                {
                    times++;
                }

                var covered = times * size;
                if (times >= minTimes && covered >= minWords && covered * 2 > words.Length)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static CallerLanguage? RequestedLanguage(string[] words)
    {
        for (var i = 0; i < words.Length; i++)
        {
            if (NoHebrew.MatchAt(words, i) > 0)
            {
                return CallerLanguage.English;
            }
        }

        for (var i = 0; i < words.Length; i++)
        {
            if (LanguageWords.MatchAt(words, i, "ב", out _) == 0)
            {
                continue;
            }

            var word = words[i];
            return word is "hebrew" || word.EndsWith(HebrewName, StringComparison.Ordinal) ? CallerLanguage.Hebrew : CallerLanguage.English;
        }

        return null;
    }
}
