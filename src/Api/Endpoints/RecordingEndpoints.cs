using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using ProSaaS.Api.Hosting;
using ProSaaS.Application.Calls;
using ProSaaS.Application.Calls.OpenCallRecording;
using ProSaaS.Application.Calls.StoreCallRecording;
using ProSaaS.Domain.Users;
using ProSaaS.Hosting.Calls;

namespace ProSaaS.Api.Endpoints;

/// <summary>
/// Call recordings: the media host uploads a call's recording on the internal route (<see cref="MediaHostContract"/>), and
/// the business's users download it, with HTTP range requests for seeking in a player.
/// </summary>
public static class RecordingEndpoints
{
    public const string AudioWav = "audio/wav";

    public static IEndpointRouteBuilder MapRecordingEndpoints(this IEndpointRouteBuilder app)
    {
        var maxBytes = app.ServiceProvider.GetRequiredService<IOptions<RecordingsOptions>>().Value.MaxBytes;
        app.MapMediaHostCallGroup()
            .MapPut("/recording", StoreAsync)
            .AddEndpointFilter(RefusedRecordingsAsProblems)
            .WithMetadata(new UploadSizeLimit(maxBytes));

        app.MapGroup("/api/v1/calls").WithTags("Calls")
            .MapGet("/{id:guid}/recording", DownloadAsync)
            .ForTenantRole(Role.Agent, "Download a call's recording",
                "The call's recording as `audio/wav`: two channels (the caller on the left, the assistant on the right) at 8 kHz, " +
                "mu-law or 16-bit PCM. `GET /api/v1/calls/{id}` tells whether a call has one (`recording`, null when not) and until " +
                "when it is kept: the business's `recordingRetentionDays` (default 7) after it was stored, then it is deleted.\n\n" +
                "Range requests are supported (`Accept-Ranges: bytes`), so an audio player can seek: `Range: bytes=0-99` answers 206 " +
                "with exactly those bytes and `Content-Range: bytes 0-99/{size}`; an open range (`bytes=1000-`) and a suffix " +
                "(`bytes=-500`, the last 500 bytes) work too. A range that starts past the end answers 416 " +
                "`recording.range_not_satisfiable` with `Content-Range: bytes */{size}`; several ranges in one request are answered " +
                "with the whole file (200). The `ETag` is the file's SHA-256: `If-None-Match` answers 304, and `If-Range` with it " +
                "keeps a range request to the same file.\n\n" +
                "404 when the call is not the business's, has no recording, or its recording was deleted or has expired.")
            .Produces(StatusCodes.Status200OK, contentType: AudioWav)
            .Produces(StatusCodes.Status206PartialContent, contentType: AudioWav)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status416RangeNotSatisfiable);

        return app;
    }

    /// <summary>
    /// The media host's upload: 201 stored (with <c>Location</c>), 200 when the same file was stored before, 413 over
    /// <c>Recordings:MaxBytes</c> (refused before reading when the length is declared), 415 not a recording, 404 unknown call,
    /// 409 a call with another recording or a refused call.
    /// </summary>
    private static async Task<IResult> StoreAsync(Guid callId, HttpContext http, IMediator mediator, IOptions<RecordingsOptions> options, CancellationToken ct)
    {
        var maxBytes = options.Value.MaxBytes;
        if (http.Request.ContentLength > maxBytes)
        {
            return TooLarge(maxBytes);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        var stored = await mediator.Send(new StoreCallRecording(callId, http.Request.ContentType, http.Request.Body, maxBytes), ct);
        return stored.Created
            ? Results.Created(CallRecordingView.DownloadPath(callId), stored.Recording)
            : Results.Ok(stored.Recording);
    }

    private static async Task<IResult> DownloadAsync(Guid id, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var opened = await mediator.Send(new OpenCallRecording(id), ct);
        var recording = opened.Recording;
        var length = opened.Content.CanSeek ? opened.Content.Length : recording.Bytes;
        var etag = new EntityTagHeaderValue($"\"{recording.Sha256}\"");
        var headers = http.Response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers.CacheControl = "private";
        var disposition = new ContentDispositionHeaderValue("inline");
        disposition.SetHttpFileName($"call-{id:D}.wav");
        headers.ContentDisposition = disposition.ToString();
        if (IsUnsatisfiableRange(http.Request, etag, length))
        {
            await opened.Content.DisposeAsync();
            headers.Remove(HeaderNames.ContentDisposition);
            headers.ContentRange = new ContentRangeHeaderValue(length).ToString();
            return Problem(StatusCodes.Status416RangeNotSatisfiable, "The requested range is not satisfiable", "recording.range_not_satisfiable",
                $"הטווח המבוקש אינו בתוך ההקלטה (גודלה {length.ToString(CultureInfo.InvariantCulture)} בתים).");
        }

        // The framework answers ranges (206, Content-Range), If-None-Match (304) and If-Range from the seekable blob.
        return Results.Stream(opened.Content, AudioWav, lastModified: recording.StoredAt, entityTag: etag, enableRangeProcessing: true);
    }

    /// <summary>
    /// A single byte range that starts past the end of the file (or an empty suffix), asked without an <c>If-Range</c> that
    /// would have it ignored: answered here as problem details with the same <c>Content-Range</c> the framework would send.
    /// Several ranges are served whole by the framework, as are requests it does not take ranges from.
    /// </summary>
    private static bool IsUnsatisfiableRange(HttpRequest request, EntityTagHeaderValue etag, long length)
    {
        var typed = request.GetTypedHeaders();
        if (typed.Range is not { Unit.Value: "bytes", Ranges.Count: 1 } range)
        {
            return false;
        }

        if (request.Headers.ContainsKey(HeaderNames.IfRange) && typed.IfRange?.EntityTag?.Compare(etag, useStrongComparison: true) != true)
        {
            return false;
        }

        var only = range.Ranges.Single();
        return only.From is { } from ? from >= length : only.To is 0 || length == 0;
    }

    /// <summary>Refused uploads as problem details with a stable code: 413 too large, 415 not a recording.</summary>
    private static async ValueTask<object?> RefusedRecordingsAsProblems(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (RecordingRejectedException rejected)
        {
            return rejected.Reason == RecordingRejection.TooLarge
                ? Problem(StatusCodes.Status413PayloadTooLarge, "The recording is too large", rejected.Code, rejected.Message)
                : Problem(StatusCodes.Status415UnsupportedMediaType, "The recording is not accepted", rejected.Code, rejected.Message);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // The server stopped a body over the endpoint's limit.
            return TooLarge(context.HttpContext.RequestServices.GetRequiredService<IOptions<RecordingsOptions>>().Value.MaxBytes);
        }
    }

    private static IResult TooLarge(long maxBytes)
    {
        var refused = RecordingRejectedException.TooLarge(maxBytes);
        return Problem(StatusCodes.Status413PayloadTooLarge, "The recording is too large", refused.Code, refused.Message);
    }

    private static IResult Problem(int status, string title, string code, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail, extensions: new Dictionary<string, object?> { ["code"] = code });

    /// <summary>Tells the server the largest body the upload takes.</summary>
    private sealed class UploadSizeLimit(long bytes) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize { get; } = bytes;
    }
}
