using ProSaaS.Domain.Common.PhoneNumbers;

namespace ProSaaS.Domain.Calls.Conversation;

/// <summary>How a keyed-in phone number is collected.</summary>
/// <remarks>
/// <see cref="PauseTimeout"/> 5 s: long enough to find the next digit on a note or a business card, short enough that a
/// caller who stopped is not left waiting. <see cref="MaxDigits"/> 15: the longest E.164 number.
/// </remarks>
public sealed record DigitCollectorOptions
{
    public static DigitCollectorOptions Default { get; } = new();

    /// <summary>A pause this long after the last key ends the entry.</summary>
    public TimeSpan PauseTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>More digits than this end the entry as invalid.</summary>
    public int MaxDigits { get; init; } = 15;

    public DigitCollectorOptions EnsureValid()
    {
        if (PauseTimeout <= TimeSpan.Zero || MaxDigits < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(DigitCollectorOptions), "The pause must be above zero and at least one digit allowed.");
        }

        return this;
    }
}

/// <summary>What ended a keyed-in entry.</summary>
public enum DigitEntryEnd
{
    /// <summary>The caller pressed #.</summary>
    Hash,

    /// <summary>The caller stopped pressing keys for the pause time.</summary>
    Pause,

    /// <summary>The number reached the length its prefix calls for (10 digits for 05X, 9 for a landline).</summary>
    ExpectedLength,

    /// <summary>More digits than any phone number has.</summary>
    TooLong,
}

/// <summary>A finished entry: the digits keyed in and, when they are a valid Israeli phone number, its E.164 form.</summary>
public sealed record DigitEntryResult(string Digits, string? E164, DigitEntryEnd EndedBy)
{
    public bool IsValid => E164 is not null;
}

/// <summary>The collector after a key or a tick, and the entry it finished, if any.</summary>
public readonly record struct DigitCollectorStep(DigitCollector Collector, DigitEntryResult? Result);

/// <summary>
/// Collects a phone number keyed in on the phone's keypad. An entry ends on <c>#</c>, on a pause
/// (<see cref="DigitCollectorOptions.PauseTimeout"/>, checked by <see cref="Tick"/>), or as soon as the number has the length
/// its prefix calls for — a caller who keyed 10 digits of a mobile number is not made to wait or to find the # key. <c>*</c>
/// clears what was keyed so far (a caller who made a mistake starts again); <c>#</c> with nothing keyed does nothing; the
/// keys A–D are ignored. After an entry ends, valid or not, the collector is empty and takes the next attempt.
/// Immutable: every call returns the collector after it.
/// </summary>
public sealed record DigitCollector
{
    private DigitCollector(DigitCollectorOptions options) => Options = options;

    public static DigitCollector Create(DigitCollectorOptions? options = null) => new((options ?? DigitCollectorOptions.Default).EnsureValid());

    public DigitCollectorOptions Options { get; }

    /// <summary>The digits keyed so far in this entry.</summary>
    public string Digits { get; private init; } = string.Empty;

    /// <summary>When the last key of this entry was pressed; null before the first.</summary>
    public TimeSpan? LastKeyAt { get; private init; }

    public DigitCollectorStep Press(char key, TimeSpan at)
    {
        switch (key)
        {
            case '*':
                return new DigitCollectorStep(Empty(), null);
            case '#':
                return Digits.Length == 0 ? new DigitCollectorStep(this, null) : Finish(Digits, DigitEntryEnd.Hash);
            case >= '0' and <= '9':
                var digits = Digits + key;
                if (digits.Length > Options.MaxDigits)
                {
                    return Finish(digits, DigitEntryEnd.TooLong);
                }

                return ExpectedLength(digits) == digits.Length
                    ? Finish(digits, DigitEntryEnd.ExpectedLength)
                    : new DigitCollectorStep(this with { Digits = digits, LastKeyAt = at }, null);
            default:
                return new DigitCollectorStep(this, null);
        }
    }

    /// <summary>Time has passed: an entry with digits whose last key is <see cref="DigitCollectorOptions.PauseTimeout"/> old ends.</summary>
    public DigitCollectorStep Tick(TimeSpan now) =>
        Digits.Length > 0 && LastKeyAt is { } last && now - last >= Options.PauseTimeout
            ? Finish(Digits, DigitEntryEnd.Pause)
            : new DigitCollectorStep(this, null);

    /// <summary>
    /// The length an Israeli number that starts with <paramref name="digits"/> has: 10 for mobile (05X) and VoIP (07X), 9 for
    /// a landline (02, 03, 04, 08, 09); with the country code 972 instead of the 0, 12 and 11. Null while the prefix does not
    /// tell (a single 0) or for anything else, which then ends on # or a pause.
    /// </summary>
    public static int? ExpectedLength(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        var prefix = digits.StartsWith('0') ? 1 : digits.StartsWith("972", StringComparison.Ordinal) ? 3 : 0;
        if (prefix == 0 || digits.Length <= prefix)
        {
            return null;
        }

        return digits[prefix] switch
        {
            '5' or '7' => prefix + 9,
            '2' or '3' or '4' or '8' or '9' => prefix + 8,
            _ => null,
        };
    }

    /// <summary>
    /// Reads an Israeli phone number a caller can be called back on — mobile 05X and VoIP 07X (10 digits), landline 0[2-4,8,9]
    /// (9 digits), also written with 972 — into E.164, using the platform's phone normaliser. Special services (1-800,
    /// 1-700) and foreign numbers are refused: a caller's own number is neither.
    /// </summary>
    public static bool TryReadIsraeliPhone(string? text, out string e164)
    {
        e164 = string.Empty;
        if (!IsraeliPhoneNumber.TryNormalize(text, out var normalised)
            || !normalised.StartsWith("+972", StringComparison.Ordinal)
            || normalised.Length < 5
            || normalised[4] == '1')
        {
            return false;
        }

        e164 = normalised;
        return true;
    }

    private DigitCollector Empty() => this with { Digits = string.Empty, LastKeyAt = null };

    private DigitCollectorStep Finish(string digits, DigitEntryEnd endedBy) =>
        new(Empty(), new DigitEntryResult(digits, TryReadIsraeliPhone(digits, out var e164) ? e164 : null, endedBy));
}
