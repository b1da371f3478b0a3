using System.Globalization;
using ProSaaS.Domain.Common;
using ProSaaS.Domain.Files;

namespace ProSaaS.Domain.Calls;

/// <summary>
/// A call's recording as the call knows it: the stored file (<see cref="StorageKey"/>, <see cref="Sha256"/> — the lower-case
/// hex digest of its bytes), how long it plays, when it was stored and until when it is kept. Once deleted
/// (<see cref="DeletedAt"/>) the call keeps these facts but no audio.
/// </summary>
public sealed record CallRecording(
    string StorageKey,
    long Bytes,
    long DurationMs,
    string Sha256,
    DateTimeOffset StoredAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? DeletedAt = null)
{
    public bool IsDeleted => DeletedAt is not null;
}

/// <summary>Why a call's recording was deleted.</summary>
public enum RecordingDeletionReason
{
    /// <summary>The business's retention period (<c>recordingRetentionDays</c>) ran out.</summary>
    Retention,
}

/// <summary>
/// What a call recording is: a WAV file with two channels — the caller on the left, the assistant on the right — at
/// 8 kHz, its samples mu-law or 16-bit PCM (the telephone's own rate and coding, nothing resampled).
/// </summary>
public static class CallRecordingFormat
{
    public const int Channels = 2;
    public const int SampleRate = 8000;

    /// <summary>
    /// Why a WAV file of <paramref name="format"/> is not a call recording, in Hebrew; null when it is one. (Files that are not
    /// a mu-law or 16-bit PCM WAV at all never get this far: <see cref="WaveFile.TryReadHeader"/> refuses them.)
    /// </summary>
    public static string? Problem(WaveFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        if (format.Channels == Channels && format.SampleRate == SampleRate)
        {
            return null;
        }

        var channels = format.Channels == 1 ? "ערוץ אחד" : format.Channels.ToString(CultureInfo.InvariantCulture) + " ערוצים";
        return $"הקלטת שיחה היא קובץ WAV בשני ערוצים (המתקשר משמאל, העוזרת מימין) ב-{SampleRate} הרץ; " +
               $"התקבל קובץ עם {channels} ב-{format.SampleRate.ToString(CultureInfo.InvariantCulture)} הרץ.";
    }

    /// <summary>How long <paramref name="dataBytes"/> bytes of samples of <paramref name="format"/> play, in whole milliseconds.</summary>
    public static long DurationMs(WaveFormat format, long dataBytes)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentOutOfRangeException.ThrowIfNegative(dataBytes);
        var frames = dataBytes / format.BlockAlign;
        return frames * 1000 / format.SampleRate;
    }
}

/// <summary>Checks of a recording about to be recorded on a call.</summary>
internal static class CallRecordingRules
{
    public const int Sha256HexLength = 64;

    public static void EnsureValid(string storageKey, long bytes, long durationMs, string sha256, DateTimeOffset storedAt, DateTimeOffset expiresAt)
    {
        if (string.IsNullOrWhiteSpace(storageKey))
        {
            throw new DomainException("call.recording_storage_key_required", "חסר מיקום האחסון של ההקלטה.");
        }

        if (bytes <= 0 || durationMs < 0)
        {
            throw new DomainException("call.recording_size_invalid", "גודל ההקלטה או משכה אינם תקינים.");
        }

        if (sha256 is not { Length: Sha256HexLength } || !sha256.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f'))
        {
            throw new DomainException("call.recording_hash_invalid", "טביעת האצבע (SHA-256) של ההקלטה אינה תקינה.");
        }

        if (expiresAt <= storedAt)
        {
            throw new DomainException("call.recording_expiry_invalid", "מועד המחיקה של ההקלטה חייב להיות אחרי מועד שמירתה.");
        }
    }
}
