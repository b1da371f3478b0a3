namespace ProSaaS.Domain.Conversations.Speech;

/// <summary>The language the caller is speaking, as far as the call knows it.</summary>
public enum CallerLanguage
{
    /// <summary>Hebrew: the platform's default. English text in a Hebrew call is suspect.</summary>
    Hebrew,

    /// <summary>English: the caller asked for it, or the call was set up in English.</summary>
    English,

    /// <summary>Any other language (Arabic, Russian, …): nothing is dropped for its script.</summary>
    Other,
}

/// <summary>Maps a call's language code to <see cref="CallerLanguage"/>.</summary>
public static class CallerLanguages
{
    /// <summary>
    /// <c>he</c>, <c>he-IL</c> and the old <c>iw</c> are Hebrew, <c>en</c> and its regions English, any other code
    /// <see cref="CallerLanguage.Other"/>; no code at all is Hebrew, the platform's default.
    /// </summary>
    public static CallerLanguage FromCode(string? code)
    {
        var primary = code?.Trim().Split('-', '_')[0].ToLowerInvariant();
        return primary switch
        {
            null or "" or "he" or "iw" or "heb" => CallerLanguage.Hebrew,
            "en" or "eng" => CallerLanguage.English,
            _ => CallerLanguage.Other,
        };
    }
}
