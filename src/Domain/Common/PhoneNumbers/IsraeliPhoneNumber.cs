namespace ProSaaS.Domain.Common.PhoneNumbers;

/// <summary>
/// Normalises phone numbers, as people and carriers actually write them, to E.164.
/// </summary>
/// <remarks>
/// <para>
/// A number written without an international prefix (<c>+</c> or <c>00</c>) is taken to be Israeli:
/// mobile <c>05X-XXXXXXX</c>, landline <c>0[2-4,8,9]-XXXXXXX</c>, VoIP and other non-geographic
/// <c>07X-XXXXXXX</c>, with or without the trunk <c>0</c>, optionally preceded by <c>972</c>;
/// and the non-geographic <c>1-800-XXX-XXX</c> (toll free) and <c>1-700-XXX-XXX</c> (shared cost),
/// which are never dialled with a trunk <c>0</c>.
/// </para>
/// <para>
/// A number written with <c>+</c> or <c>00</c> and a country code other than 972 is a foreign caller's
/// number; it is returned as <c>+</c> and its digits (8–15 of them) without further checks, because the
/// platform has no business validating other countries' numbering plans.
/// </para>
/// <para>
/// Separators (spaces of every kind, dashes including the Hebrew maqaf, dots, balanced parentheses) and
/// invisible formatting characters (bidirectional marks and isolates, zero-width characters) are ignored
/// wherever they appear: numbers copied out of right-to-left text routinely carry them.
/// A parenthesised lone zero after a country code, as in <c>+972 (0)52…</c>, is the trunk prefix written
/// out for domestic readers and is dropped.
/// </para>
/// </remarks>
public static class IsraeliPhoneNumber
{
    private const string IsraelCountryCode = "972";

    // "00" followed by the longest possible E.164 number; anything longer cannot be a phone number.
    private const int MaxDigits = 2 + MaxE164Digits;

    private const int MinE164Digits = 8;
    private const int MaxE164Digits = 15;

    // 972 followed by the shortest Israeli significant number (a landline, 8 digits). A shorter digit run
    // that happens to begin with 972 is a national number, e.g. the 09 landline 972-1234 written without 0.
    private const int MinDigitsWithIsraelCountryCode = 3 + LandlineSignificantLength;

    private const int LandlineSignificantLength = 8;
    private const int MobileOrVoipSignificantLength = 9;
    private const int SpecialServiceSignificantLength = 10;

    private const int MaxInputEchoedInErrors = 64;

    /// <summary>
    /// Tries to normalise <paramref name="input"/> to E.164 (e.g. <c>+972521234567</c>).
    /// </summary>
    /// <param name="input">The number as written, in any of the accepted forms.</param>
    /// <param name="e164">The E.164 form when the method returns <see langword="true"/>; otherwise empty.</param>
    /// <returns><see langword="true"/> when <paramref name="input"/> is a valid phone number.</returns>
    public static bool TryNormalize(string? input, out string e164)
    {
        e164 = string.Empty;
        if (input is null)
        {
            return false;
        }

        Span<char> digits = stackalloc char[MaxDigits];
        if (!TryExtractDigits(input, digits, out int digitCount, out bool hasPlus, out int droppedTrunkZeroAt))
        {
            return false;
        }

        Span<char> normalised = stackalloc char[1 + MaxE164Digits];
        if (!TryFormatE164(digits[..digitCount], hasPlus, droppedTrunkZeroAt, normalised, out int length))
        {
            return false;
        }

        ReadOnlySpan<char> result = normalised[..length];

        // Numbers are mostly stored already normalised; handing back the same instance keeps the
        // common path free of allocations.
        e164 = result.SequenceEqual(input) ? input : new string(result);
        return true;
    }

    /// <summary>
    /// Normalises <paramref name="input"/> to E.164 (e.g. <c>+972521234567</c>).
    /// </summary>
    /// <param name="input">The number as written, in any of the accepted forms.</param>
    /// <returns>The E.164 form.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="input"/> is not a valid phone number.</exception>
    public static string Normalize(string input)
    {
        if (input is null)
        {
            throw new ArgumentNullException(nameof(input), "מספר טלפון חסר / Phone number is missing.");
        }

        if (TryNormalize(input, out string e164))
        {
            return e164;
        }

        string echoed = input.Length <= MaxInputEchoedInErrors
            ? input
            : string.Concat(input.AsSpan(0, MaxInputEchoedInErrors), "…");
        throw new ArgumentException($"מספר טלפון לא תקין / Invalid phone number: '{echoed}'", nameof(input));
    }

    /// <summary>
    /// Whether the number is an Israeli mobile number (<c>+9725XXXXXXXX</c>).
    /// </summary>
    /// <param name="e164">The number, preferably already in E.164; any form accepted by
    /// <see cref="TryNormalize"/> is understood.</param>
    /// <returns><see langword="false"/> for landlines, VoIP, special services, foreign and invalid numbers.</returns>
    public static bool IsMobile(string e164) =>
        TryNormalize(e164, out string normalised)
        && normalised.Length == 1 + IsraelCountryCode.Length + MobileOrVoipSignificantLength
        && normalised.StartsWith("+9725", StringComparison.Ordinal);

    /// <param name="droppedTrunkZeroAt">Where a parenthesised lone zero was removed from
    /// <paramref name="digits"/>, or -1; whether it really followed a country code is decided later.</param>
    private static bool TryExtractDigits(
        ReadOnlySpan<char> input, Span<char> digits, out int count, out bool hasPlus, out int droppedTrunkZeroAt)
    {
        count = 0;
        hasPlus = false;
        droppedTrunkZeroAt = -1;
        int groupStart = -1;

        foreach (char c in input)
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == digits.Length)
                {
                    return false;
                }

                digits[count++] = c;
            }
            else if (c == '+')
            {
                if (hasPlus || count > 0)
                {
                    return false;
                }

                hasPlus = true;
            }
            else if (c == '(')
            {
                if (groupStart >= 0)
                {
                    return false;
                }

                groupStart = count;
            }
            else if (c == ')')
            {
                if (groupStart < 0)
                {
                    return false;
                }

                bool isLoneZeroAfterDigits = groupStart > 0 && count == groupStart + 1 && digits[groupStart] == '0';
                if (isLoneZeroAfterDigits)
                {
                    if (droppedTrunkZeroAt >= 0)
                    {
                        return false;
                    }

                    droppedTrunkZeroAt = groupStart;
                    count--;
                }

                groupStart = -1;
            }
            else if (!IsIgnorable(c))
            {
                return false;
            }
        }

        return groupStart < 0 && count > 0;
    }

    private static bool IsIgnorable(char c) => c switch
    {
        '-' or '.' => true,
        '\u05BE' => true, // Hebrew maqaf
        >= '\u2010' and <= '\u2015' => true, // hyphens and dashes
        '\u2212' => true, // minus sign
        '\u061C' => true, // Arabic letter mark
        >= '\u200B' and <= '\u200F' => true, // zero-width space/joiners, LRM, RLM
        >= '\u202A' and <= '\u202E' => true, // bidi embeddings and overrides
        '\u2060' => true, // word joiner
        >= '\u2066' and <= '\u2069' => true, // bidi isolates
        '\uFEFF' => true, // zero-width no-break space
        _ => char.IsWhiteSpace(c), // includes no-break, narrow and figure spaces
    };

    private static bool TryFormatE164(
        ReadOnlySpan<char> digits, bool hasPlus, int droppedTrunkZeroAt, Span<char> destination, out int length)
    {
        if (hasPlus)
        {
            return TryFormatInternational(digits, droppedTrunkZeroAt, destination, out length);
        }

        if (digits.StartsWith("00"))
        {
            if (droppedTrunkZeroAt is >= 0 and < 2)
            {
                length = 0;
                return false;
            }

            int trunkZeroAt = droppedTrunkZeroAt < 0 ? -1 : droppedTrunkZeroAt - 2;
            return TryFormatInternational(digits[2..], trunkZeroAt, destination, out length);
        }

        if (digits.Length >= MinDigitsWithIsraelCountryCode && digits.StartsWith(IsraelCountryCode))
        {
            return TryFormatAfterIsraelCountryCode(
                digits[IsraelCountryCode.Length..], droppedTrunkZeroAt, destination, out length);
        }

        // "(0)" only means something right after a country code.
        if (droppedTrunkZeroAt >= 0)
        {
            length = 0;
            return false;
        }

        return digits[0] == '0'
            ? TryFormatIsraeli(digits[1..], hadTrunkZero: true, destination, out length)
            : TryFormatIsraeli(digits, hadTrunkZero: false, destination, out length);
    }

    /// <param name="droppedTrunkZeroAt">Position in <paramref name="digits"/> of a removed "(0)", or -1.</param>
    private static bool TryFormatInternational(
        ReadOnlySpan<char> digits, int droppedTrunkZeroAt, Span<char> destination, out int length)
    {
        if (digits.StartsWith(IsraelCountryCode))
        {
            return TryFormatAfterIsraelCountryCode(
                digits[IsraelCountryCode.Length..], droppedTrunkZeroAt, destination, out length);
        }

        // Country codes are one to three digits long and never begin with 0; "+0…" or "000…" is garbage,
        // not a foreign number.
        bool trunkZeroAfterCountryCode = droppedTrunkZeroAt is -1 or >= 1 and <= 3;
        if (digits.Length is < MinE164Digits or > MaxE164Digits || digits[0] == '0' || !trunkZeroAfterCountryCode)
        {
            length = 0;
            return false;
        }

        destination[0] = '+';
        digits.CopyTo(destination[1..]);
        length = 1 + digits.Length;
        return true;
    }

    /// <param name="droppedTrunkZeroAt">Position, counted from the start of the country code, of a removed
    /// "(0)", or -1.</param>
    private static bool TryFormatAfterIsraelCountryCode(
        ReadOnlySpan<char> digits, int droppedTrunkZeroAt, Span<char> destination, out int length)
    {
        if (droppedTrunkZeroAt >= 0)
        {
            if (droppedTrunkZeroAt == IsraelCountryCode.Length)
            {
                return TryFormatIsraeli(digits, hadTrunkZero: true, destination, out length);
            }

            length = 0;
            return false;
        }

        // "+972 0 52…" is wrong but common, and unambiguous.
        return digits.StartsWith('0')
            ? TryFormatIsraeli(digits[1..], hadTrunkZero: true, destination, out length)
            : TryFormatIsraeli(digits, hadTrunkZero: false, destination, out length);
    }

    private static bool TryFormatIsraeli(
        ReadOnlySpan<char> significant, bool hadTrunkZero, Span<char> destination, out int length)
    {
        if (!IsValidIsraeliSignificantNumber(significant, hadTrunkZero))
        {
            length = 0;
            return false;
        }

        destination[0] = '+';
        IsraelCountryCode.CopyTo(destination[1..]);
        significant.CopyTo(destination[(1 + IsraelCountryCode.Length)..]);
        length = 1 + IsraelCountryCode.Length + significant.Length;
        return true;
    }

    private static bool IsValidIsraeliSignificantNumber(ReadOnlySpan<char> significant, bool hadTrunkZero)
    {
        if (significant.IsEmpty)
        {
            return false;
        }

        return significant[0] switch
        {
            '2' or '3' or '4' or '8' or '9' => significant.Length == LandlineSignificantLength,
            '5' or '7' => significant.Length == MobileOrVoipSignificantLength,
            '1' => !hadTrunkZero
                && significant.Length == SpecialServiceSignificantLength
                && (significant.StartsWith("1800") || significant.StartsWith("1700")),
            _ => false,
        };
    }
}
