using System.Globalization;
using MediatR;
using Microsoft.Extensions.Logging;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Files;
using ProSaaS.Application.Tenants;
using ProSaaS.Domain.Calls;
using ProSaaS.Domain.Files;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Calls.StoreCallRecording;

/// <summary>
/// The media host hands over a call's recording at the call's end (<see cref="CallRecordingFormat"/>: a two-channel 8 kHz
/// WAV). The header is checked before a byte is stored; the rest streams into file storage, counted against
/// <see cref="MaxBytes"/> and hashed on the way. The same file again (by its SHA-256) stores nothing and answers the
/// recording already kept; another file for a call that has one is a conflict. A refused file leaves nothing behind.
/// </summary>
/// <param name="ContentType">The declared media type: <c>audio/wav</c> (or <c>audio/wave</c>, <c>audio/x-wav</c>, <c>audio/vnd.wave</c>).</param>
/// <param name="Content">The request body; read once, never whole into memory.</param>
/// <param name="MaxBytes">The largest recording taken (<c>Recordings:MaxBytes</c>).</param>
public sealed record StoreCallRecording(Guid CallId, string? ContentType, Stream Content, long MaxBytes) : IRequest<StoredCallRecording>;

/// <param name="Created">True when this request stored the recording; false when the same file was stored before.</param>
public sealed record StoredCallRecording(bool Created, CallRecordingReceipt Recording);

/// <summary>What the Api keeps of a recording: its size, length, SHA-256, when it was stored and when it will be deleted.</summary>
public sealed record CallRecordingReceipt(Guid CallId, long Bytes, long DurationMs, string Sha256, DateTimeOffset StoredAt, DateTimeOffset ExpiresAt);

public sealed partial class StoreCallRecordingHandler(
    ICallQueries calls,
    ICallRecordingQueries recordings,
    ITenantQueries tenants,
    IEventStore events,
    IFileStorage storage,
    IFileCleanup cleanup,
    IRequestContext context,
    TimeProvider clock,
    ILogger<StoreCallRecordingHandler> logger)
    : IRequestHandler<StoreCallRecording, StoredCallRecording>
{
    public const string ExistsCode = "recording.exists";
    public const string RefusedCallCode = "recording.call_refused";

    /// <summary>How much of the file is read to find its header: room for metadata chunks before the samples.</summary>
    public const int HeadLength = 64 * 1024;

    private static readonly string[] WaveMediaTypes = ["audio/wav", "audio/wave", "audio/x-wav", "audio/vnd.wave"];

    public async Task<StoredCallRecording> Handle(StoreCallRecording request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        _ = await calls.GetAsync(tenantId, request.CallId, cancellationToken) ?? throw new NotFoundException("call", request.CallId);
        var call = await events.AggregateStreamAsync<Call>(request.CallId, cancellationToken: cancellationToken)
                   ?? throw new NotFoundException("call", request.CallId);
        if (call.IsRejected)
        {
            throw new ConflictException(RefusedCallCode, "השיחה נדחתה לפני שחוברה, ואין לה הקלטה.");
        }

        if (!IsWaveMediaType(request.ContentType))
        {
            throw NotWav($"סוג התוכן חייב להיות audio/wav (התקבל: {(string.IsNullOrWhiteSpace(request.ContentType) ? "ללא סוג" : request.ContentType)}).");
        }

        if (call.Recording is { } kept)
        {
            return await CompareWithKeptAsync(tenantId, call.Id, kept, request, cancellationToken);
        }

        var head = new byte[HeadLength];
        var headLength = await request.Content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        if (!WaveFile.TryReadHeader(head.AsSpan(0, headLength), out var header))
        {
            throw NotWav(headLength == 0
                ? "ההקלטה ריקה."
                : "הקובץ אינו הקלטת WAV תקינה: נדרש קובץ RIFF/WAVE שדגימותיו ב-mu-law או ב-PCM של 16 סיביות, עם מקטע data.");
        }

        if (CallRecordingFormat.Problem(header!.Format) is { } problem)
        {
            throw NotWav(problem);
        }

        var now = clock.GetUtcNow();
        var key = StorageKeys.New(tenantId, now);
        await cleanup.GuardUploadAsync(tenantId, key, cancellationToken);
        var upload = new UploadStream(head, headLength, request.Content, request.MaxBytes, null, () => TooLarge(request.MaxBytes));
        try
        {
            await storage.SaveAsync(key, upload, cancellationToken);
            var sampleBytes = upload.BytesRead - header.DataOffset;
            if (sampleBytes < header.Format.DataLength)
            {
                throw NotWav($"ההקלטה קטועה: לפי הכותרת יש בה {header.Format.DataLength.ToString("N0", CultureInfo.InvariantCulture)} בתים של שמע, " +
                             $"והתקבלו {sampleBytes.ToString("N0", CultureInfo.InvariantCulture)}.");
            }

            var sha256 = upload.Sha256();
            var durationMs = CallRecordingFormat.DurationMs(header.Format, header.Format.DataLength);
            var retentionDays = (await tenants.GetSettingsAsync(tenantId, cancellationToken))?.Settings.RecordingRetentionDays
                                ?? TenantSettings.DefaultRecordingRetentionDays;
            var stored = await ConcurrencyRetry.RunAsync<CallRecording?>(retry: true, async () =>
            {
                var current = await events.AggregateStreamAsync<Call>(request.CallId, cancellationToken: cancellationToken)
                              ?? throw new NotFoundException("call", request.CallId);
                if (current.Recording is { } other && other.Sha256 != sha256)
                {
                    throw Exists();
                }

                if (!current.StoreRecording(key, upload.BytesRead, durationMs, sha256, now, now.AddDays(retentionDays)))
                {
                    return current.Recording!;
                }

                await events.SaveAsync(current, cancellationToken);
                return null;
            });
            if (stored is not null)
            {
                // The same file came in twice at once and the other request recorded it first: this copy goes.
                await cleanup.DiscardAsync(tenantId, key, CancellationToken.None);
                return new StoredCallRecording(false, await ReceiptAsync(tenantId, request.CallId, stored, cancellationToken));
            }

            LogStored(tenantId, request.CallId, upload.BytesRead, durationMs);
            var recording = new CallRecording(key, upload.BytesRead, durationMs, sha256, now, now.AddDays(retentionDays));
            return new StoredCallRecording(true, await ReceiptAsync(tenantId, request.CallId, recording, cancellationToken));
        }
        catch
        {
            await cleanup.DiscardAsync(tenantId, key, CancellationToken.None);
            throw;
        }
    }

    /// <summary>A call that has its recording already: the same bytes are a retry (nothing stored), others a conflict.</summary>
    private async Task<StoredCallRecording> CompareWithKeptAsync(
        string tenantId, Guid callId, CallRecording kept, StoreCallRecording request, CancellationToken cancellationToken)
    {
        await using var upload = new UploadStream([], 0, request.Content, request.MaxBytes, null, () => TooLarge(request.MaxBytes));
        await upload.CopyToAsync(Stream.Null, cancellationToken);
        if (upload.Sha256() != kept.Sha256)
        {
            throw Exists();
        }

        return new StoredCallRecording(false, await ReceiptAsync(tenantId, callId, kept, cancellationToken));
    }

    /// <summary>The recording as kept now (its expiry follows the business's retention), or as the call recorded it once deleted.</summary>
    private async Task<CallRecordingReceipt> ReceiptAsync(string tenantId, Guid callId, CallRecording recording, CancellationToken cancellationToken)
    {
        var view = await recordings.GetAsync(tenantId, callId, DateTimeOffset.MinValue, cancellationToken);
        return view is not null && view.Sha256 == recording.Sha256
            ? new CallRecordingReceipt(callId, view.Bytes, view.DurationMs, view.Sha256, view.StoredAt, view.ExpiresAt)
            : new CallRecordingReceipt(callId, recording.Bytes, recording.DurationMs, recording.Sha256, recording.StoredAt, recording.ExpiresAt);
    }

    private static bool IsWaveMediaType(string? contentType)
    {
        var mediaType = contentType?.Split(';', 2)[0].Trim();
        return mediaType is not null && WaveMediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase);
    }

    private static RecordingRejectedException NotWav(string detail) => RecordingRejectedException.NotWav(detail);

    private static RecordingRejectedException TooLarge(long maxBytes) => RecordingRejectedException.TooLarge(maxBytes);

    private static ConflictException Exists() => new(ExistsCode, "לשיחה כבר נשמרה הקלטה אחרת; הקלטה של שיחה אינה מוחלפת.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored the recording of call {CallId} of business {TenantId}: {Bytes} bytes, {DurationMs} ms")]
    private partial void LogStored(string tenantId, Guid callId, long bytes, long durationMs);
}
