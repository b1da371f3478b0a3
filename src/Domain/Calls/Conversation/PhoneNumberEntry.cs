namespace ProSaaS.Domain.Calls.Conversation;

/// <summary>How the caller gave a number.</summary>
public enum NumberSource
{
    Keypad,
    Speech,
}

public enum NumberEntryStatus
{
    /// <summary>A valid Israeli phone number was taken (<see cref="NumberEntryOutcome.E164"/>).</summary>
    Captured,

    /// <summary>What the caller gave is not a valid phone number; the entry stays open for another attempt.</summary>
    Rejected,

    /// <summary>The attempts ran out: the entry is closed without a number.</summary>
    Abandoned,
}

/// <summary>What an attempt came to: the status, by which means, the E.164 number when captured, and what was heard or keyed.</summary>
public sealed record NumberEntryOutcome(NumberEntryStatus Status, NumberSource Source, string? E164, string Heard);

public readonly record struct NumberEntryStep(PhoneNumberEntry Entry, NumberEntryOutcome? Outcome);

/// <summary>
/// A "number wanted" step with dual input: the caller may say the number (the speech side turns the words into a digit
/// string) or key it in (<see cref="DigitCollector"/>), and whichever completes first with a valid number wins; the other is
/// ignored from then on. The earlier system offered both because spoken numbers are the part of a Hebrew call that speech
/// recognition gets wrong most often, and keys never mishear.
/// </summary>
/// <remarks>
/// A spoken number that is not a valid phone number, or a keyed entry that is not, is one failed attempt: the entry stays
/// open (keys half-typed are kept when the speech side fails, so the caller can finish them) until
/// <see cref="MaxAttempts"/> have failed, when it is abandoned. Immutable: every call returns the entry after it.
/// </remarks>
public sealed record PhoneNumberEntry
{
    public const int DefaultMaxAttempts = 3;

    private PhoneNumberEntry(DigitCollector keys, int maxAttempts)
    {
        Keys = keys;
        MaxAttempts = maxAttempts;
    }

    public static PhoneNumberEntry Start(DigitCollectorOptions? options = null, int maxAttempts = DefaultMaxAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        return new PhoneNumberEntry(DigitCollector.Create(options), maxAttempts);
    }

    public DigitCollector Keys { get; private init; }

    public int MaxAttempts { get; }

    public int FailedAttempts { get; private init; }

    /// <summary>The number was captured or the entry abandoned: further input is ignored.</summary>
    public bool IsFinished { get; private init; }

    public NumberEntryStep Key(char key, TimeSpan at)
    {
        if (IsFinished)
        {
            return new NumberEntryStep(this, null);
        }

        var step = Keys.Press(key, at);
        return Conclude(this with { Keys = step.Collector }, step.Result);
    }

    /// <summary>The speech side heard a number: <paramref name="digits"/> as it turned it into digits. Blank is nothing heard.</summary>
    public NumberEntryStep Spoken(string? digits, TimeSpan at)
    {
        if (IsFinished || string.IsNullOrWhiteSpace(digits))
        {
            return new NumberEntryStep(this, null);
        }

        var heard = digits.Trim();
        return DigitCollector.TryReadIsraeliPhone(heard, out var e164)
            ? Captured(NumberSource.Speech, e164, heard)
            : Failed(this, NumberSource.Speech, heard);
    }

    /// <summary>Time has passed: a keyed entry whose pause ran out ends.</summary>
    public NumberEntryStep Tick(TimeSpan now)
    {
        if (IsFinished)
        {
            return new NumberEntryStep(this, null);
        }

        var step = Keys.Tick(now);
        return Conclude(this with { Keys = step.Collector }, step.Result);
    }

    private static NumberEntryStep Conclude(PhoneNumberEntry entry, DigitEntryResult? result) => result switch
    {
        null => new NumberEntryStep(entry, null),
        { E164: { } e164 } => entry.Captured(NumberSource.Keypad, e164, result.Digits),
        _ => Failed(entry, NumberSource.Keypad, result.Digits),
    };

    private NumberEntryStep Captured(NumberSource source, string e164, string heard) =>
        new(this with { IsFinished = true }, new NumberEntryOutcome(NumberEntryStatus.Captured, source, e164, heard));

    private static NumberEntryStep Failed(PhoneNumberEntry entry, NumberSource source, string heard)
    {
        var failed = entry.FailedAttempts + 1;
        return failed >= entry.MaxAttempts
            ? new NumberEntryStep(entry with { FailedAttempts = failed, IsFinished = true }, new NumberEntryOutcome(NumberEntryStatus.Abandoned, source, null, heard))
            : new NumberEntryStep(entry with { FailedAttempts = failed }, new NumberEntryOutcome(NumberEntryStatus.Rejected, source, null, heard));
    }
}
