using System.Globalization;
using ProSaaS.Application.Common.Errors;

namespace ProSaaS.Application.Calls;

/// <summary>Reads of the <c>call_recordings</c> read model: the recordings stored and not yet deleted.</summary>
public interface ICallRecordingQueries
{
    /// <summary>The call's recording when the business has one that has not expired at <paramref name="now"/>; null otherwise.</summary>
    Task<CallRecordingView?> GetAsync(string tenantId, Guid callId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Recordings of every business that expired before <paramref name="now"/>, the longest expired first.</summary>
    Task<IReadOnlyList<ExpiredRecording>> FindExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);
}

/// <summary>
/// A call's stored recording: its file (<see cref="StorageKey"/>, <see cref="Sha256"/> the lower-case hex SHA-256 of its
/// bytes), how long it plays, when it was stored and when it is deleted (<see cref="ExpiresAt"/>: the stored time plus the
/// business's retention).
/// </summary>
public sealed record CallRecordingView(
    Guid CallId,
    string StorageKey,
    long Bytes,
    long DurationMs,
    string Sha256,
    DateTimeOffset StoredAt,
    DateTimeOffset ExpiresAt)
{
    /// <summary>Where users of the business download it.</summary>
    public string Url => DownloadPath(CallId);

    public static string DownloadPath(Guid callId) => $"/api/v1/calls/{callId:D}/recording";

    public CallRecordingSummary ToSummary() => new(Bytes, DurationMs, StoredAt, ExpiresAt, Url);
}

/// <summary>A recording as a call shows it: its size, length, when it was stored, when it will be deleted, and where to download it.</summary>
public sealed record CallRecordingSummary(long Bytes, long DurationMs, DateTimeOffset StoredAt, DateTimeOffset ExpiresAt, string Url);

/// <summary>A recording past its retention.</summary>
public sealed record ExpiredRecording(string TenantId, Guid CallId, DateTimeOffset ExpiresAt);

public enum RecordingRejection
{
    /// <summary>Over the size limit (HTTP 413).</summary>
    TooLarge,

    /// <summary>Not a two-channel 8 kHz mu-law or 16-bit PCM WAV (HTTP 415).</summary>
    NotWav,
}

/// <summary>An uploaded recording was refused; nothing of it is kept.</summary>
public sealed class RecordingRejectedException(RecordingRejection reason, string message) : AppException(message)
{
    public RecordingRejection Reason { get; } = reason;

    public string Code => Reason == RecordingRejection.TooLarge ? "recording.too_large" : "recording.not_wav";

    /// <summary>A recording over <paramref name="maxBytes"/>.</summary>
    public static RecordingRejectedException TooLarge(long maxBytes) =>
        new(RecordingRejection.TooLarge, $"ההקלטה גדולה מדי: עד {SizeText(maxBytes)} להקלטה.");

    /// <summary>A file that is not a call recording, for the reason given in <paramref name="detail"/>.</summary>
    public static RecordingRejectedException NotWav(string detail) => new(RecordingRejection.NotWav, detail);

    private static string SizeText(long bytes) =>
        bytes % (1024 * 1024) == 0
            ? (bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + "MB"
            : bytes.ToString("N0", CultureInfo.InvariantCulture) + " בתים";
}
