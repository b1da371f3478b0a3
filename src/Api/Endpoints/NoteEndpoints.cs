using System.Text;
using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Files;
using ProSaaS.Application.Leads.GetLead;
using ProSaaS.Application.Notes;
using ProSaaS.Application.Notes.AddLeadNote;
using ProSaaS.Application.Notes.AddNoteAttachment;
using ProSaaS.Application.Notes.DeleteLeadNote;
using ProSaaS.Application.Notes.EditLeadNote;
using ProSaaS.Application.Notes.GetLeadNote;
using ProSaaS.Application.Notes.ListLeadNotes;
using ProSaaS.Application.Notes.OpenNoteFile;
using ProSaaS.Application.Notes.ReceiveNoteFile;
using ProSaaS.Application.Notes.RemoveNoteAttachment;
using ProSaaS.Domain.Notes;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Endpoints;

/// <summary>
/// Notes on a lead, with their files. A note is created from JSON (<c>{ "text" }</c>) or from multipart/form-data (a
/// <c>text</c> field and/or one file); further files are uploaded one per request to the note's <c>attachments</c>.
/// Uploads stream straight into file storage (never whole into memory) through the type and size checks; a request
/// body over <see cref="MaxRequestBytes"/> is refused before it is read.
/// </summary>
public static class NoteEndpoints
{
    /// <summary>One file of at most 10 MB plus the multipart envelope and a note's text.</summary>
    public const long MaxRequestBytes = FileIntake.MaxBytes + (256 * 1024);

    private const string FileTypesText =
        "Allowed types, recognised from the file's bytes (the declared Content-Type and the extension must agree with them): " +
        "JPEG, PNG, GIF, WebP, PDF, UTF-8 plain text, Word/Excel/PowerPoint (.docx/.xlsx/.pptx, without macros). " +
        "At most 10 MB per file (413 `file.too_large`); another type 415 `file.type_not_allowed`; a name or Content-Type " +
        "that contradicts the bytes (an .exe called photo.jpg, HTML sent as image/png, SVG) 415 `file.type_mismatch`. " +
        "A refused file leaves nothing stored.";

    private const string ChangeRule = "Only the note's author (the same user or API key) or an admin and up may change it (403 otherwise).";

    public static IEndpointRouteBuilder MapNoteEndpoints(this IEndpointRouteBuilder app)
    {
        var notes = app.MapGroup("/api/v1/leads/{leadId:guid}/notes").WithTags("Notes").AddEndpointFilter(RefusedUploadsAsProblems);

        notes.MapPost("/", CreateNoteAsync)
            .ForTenantRole(Role.Agent, "Add a note to a lead",
                "Either JSON `{ \"text\": \"…\" }`, or multipart/form-data with a `text` field and/or one file part (any field name; " +
                "the dashboard sends `file`). A note needs text, a file, or both; text is up to 10,000 characters. " +
                "To attach more files, add them one by one with `POST …/notes/{noteId}/attachments`.\n\n" + FileTypesText)
            .Accepts<CreateNoteRequest>("application/json", "multipart/form-data")
            .WithMetadata(new UploadSizeLimit(MaxRequestBytes))
            .Produces<LeadNoteView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesValidationProblem();

        notes.MapGet("/", (Guid leadId, int? limit, string? next, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListLeadNotes(leadId, limit ?? ListLeadNotes.DefaultLimit, next), ct))
            .ForTenantRole(Role.Agent, "List a lead's notes",
                "Chronological (oldest first), each note with its files. `limit` is 1–100 (default 25); pass the `next` of a page " +
                "to get the following one (null on the last page).")
            .Produces<LeadNotePage>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();

        notes.MapGet("/{noteId:guid}", (Guid leadId, Guid noteId, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetLeadNote(leadId, noteId), ct))
            .ForTenantRole(Role.Agent, "Get a note")
            .Produces<LeadNoteView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        notes.MapPut("/{noteId:guid}", (Guid leadId, Guid noteId, EditNoteRequest body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new EditLeadNote(leadId, noteId, body.Text, body.ExpectedVersion), ct))
            .ForTenantRole(Role.Agent, "Edit a note's text",
                "With `expectedVersion` the edit applies only if the note is still at that version (409 otherwise). The text may be " +
                "emptied only while the note has files (422 `note.empty`). " + ChangeRule)
            .Produces<LeadNoteView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesValidationProblem();

        notes.MapDelete("/{noteId:guid}", async (Guid leadId, Guid noteId, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteLeadNote(leadId, noteId), ct);
                return Results.NoContent();
            })
            .ForTenantRole(Role.Agent, "Delete a note", "Deletes the note and its files. " + ChangeRule)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        notes.MapPost("/{noteId:guid}/attachments", UploadFileAsync)
            .ForTenantRole(Role.Agent, "Attach a file to a note",
                "multipart/form-data with exactly one file part. Answers the new file; download it from the `Location`. " +
                $"A note holds up to {LeadNote.MaxAttachments} files. " + ChangeRule + "\n\n" + FileTypesText)
            .Accepts<UploadNoteFileRequest>("multipart/form-data")
            .WithMetadata(new UploadSizeLimit(MaxRequestBytes))
            .Produces<NoteFileView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesValidationProblem();

        notes.MapDelete("/{noteId:guid}/attachments/{attachmentId:guid}", async (Guid leadId, Guid noteId, Guid attachmentId, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new RemoveNoteAttachment(leadId, noteId, attachmentId), ct);
                return Results.NoContent();
            })
            .ForTenantRole(Role.Agent, "Remove a file from a note",
                "The last file of a note without text cannot be removed (422 `note.empty`): delete the note instead. " + ChangeRule)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        notes.MapGet("/{noteId:guid}/attachments/{attachmentId:guid}", DownloadFileAsync)
            .ForTenantRole(Role.Agent, "Download a note's file",
                "The file's bytes with the type found in them (`Content-Type`), `X-Content-Type-Options: nosniff`, " +
                "`Cache-Control: private`, and `Content-Disposition` inline for images and attachment otherwise, with the name in " +
                "`filename*` (RFC 5987, for Hebrew names) and an ASCII `filename` fallback. Only for the business's own users and keys.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<IResult> CreateNoteAsync(Guid leadId, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        if (RefuseOversizedBody(http) is { } refused)
        {
            return refused;
        }

        LeadNoteView note;
        if (http.Request.HasJsonContentType())
        {
            var body = await ReadJsonAsync(http, ct);
            note = await mediator.Send(new AddLeadNote(leadId, body?.Text), ct);
            return Results.Created($"/api/v1/leads/{leadId}/notes/{note.Id}", note);
        }

        // 404 for a lead that is not the business's before a single byte is stored.
        await mediator.Send(new GetLead(leadId), ct);
        string? text = null;
        ReceivedFile? file = null;
        try
        {
            var reader = MultipartReaderOf(http.Request);
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                var disposition = section.GetContentDispositionHeader();
                if (disposition?.IsFileDisposition() == true)
                {
                    if (file is not null)
                    {
                        throw Invalid("file", "אפשר לצרף קובץ אחד בכל בקשה; קבצים נוספים מצרפים דרך ‎/attachments של הפתק.");
                    }

                    file = await mediator.Send(new ReceiveNoteFile(FileNameOf(disposition), section.ContentType, section.Body), ct);
                }
                else if (disposition?.IsFormDisposition() == true && disposition.Name.Value?.Trim('"') == "text")
                {
                    text = await ReadTextFieldAsync(section, ct);
                }
            }

            note = await mediator.Send(new AddLeadNote(leadId, text, file), ct);
        }
        catch
        {
            if (file is not null)
            {
                await mediator.Send(new DiscardReceivedFile(file.StorageKey), CancellationToken.None);
            }

            throw;
        }

        return Results.Created($"/api/v1/leads/{leadId}/notes/{note.Id}", note);
    }

    private static async Task<IResult> UploadFileAsync(Guid leadId, Guid noteId, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        if (RefuseOversizedBody(http) is { } refused)
        {
            return refused;
        }

        var reader = MultipartReaderOf(http.Request);
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            var disposition = section.GetContentDispositionHeader();
            if (disposition?.IsFileDisposition() != true)
            {
                continue;
            }

            // The first file part is the upload; whatever follows it is not read.
            var file = await mediator.Send(new AddNoteAttachment(leadId, noteId, FileNameOf(disposition), section.ContentType, section.Body), ct);
            return Results.Created($"/api/v1/leads/{leadId}/notes/{noteId}/attachments/{file.Id}", file);
        }

        throw Invalid("file", "חסר קובץ: שלחו multipart/form-data עם חלק קובץ אחד.");
    }

    private static async Task<IResult> DownloadFileAsync(Guid leadId, Guid noteId, Guid attachmentId, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var file = await mediator.Send(new OpenNoteFile(leadId, noteId, attachmentId), ct);
        var headers = http.Response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers.CacheControl = "private";
        // Opened directly, a file is a document of this origin: no scripts, no plugins, no requests of its own.
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
        headers.ETag = $"\"{file.Sha256}\"";
        var disposition = new ContentDispositionHeaderValue(file.IsImage ? "inline" : "attachment");
        disposition.SetHttpFileName(file.FileName);
        headers.ContentDisposition = disposition.ToString();
        return Results.Stream(file.Content, file.ContentType);
    }

    /// <summary>
    /// A declared body over the limit is refused before anything is read; an undeclared (chunked) one is cut off by the
    /// server at the same limit, and the file itself is counted as it streams.
    /// </summary>
    private static IResult? RefuseOversizedBody(HttpContext http)
    {
        if (http.Request.ContentLength > MaxRequestBytes)
        {
            return TooLarge();
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxRequestBytes;
        }

        return null;
    }

    private static MultipartReader MultipartReaderOf(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid("$", "שלחו JSON או multipart/form-data.");
        }

        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > 70)
        {
            throw Invalid("$", "גבול ה-multipart (boundary) חסר או ארוך מדי.");
        }

        return new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024 };
    }

    private static string? FileNameOf(ContentDispositionHeaderValue disposition)
    {
        var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : disposition.FileName.Value;
        return name is null ? null : HeaderUtilities.RemoveQuotes(name).Value;
    }

    private static async Task<string> ReadTextFieldAsync(MultipartSection section, CancellationToken ct)
    {
        // Up to 10,000 characters of up to 4 bytes each; anything longer is refused without keeping it.
        const int maxBytes = (LeadNote.MaxTextLength * 4) + 16;
        var buffer = new byte[maxBytes + 1];
        var read = await section.Body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
        if (read > maxBytes)
        {
            throw Invalid("text", $"הטקסט ארוך מדי (עד {LeadNote.MaxTextLength:N0} תווים).");
        }

        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    private static async Task<NoteText?> ReadJsonAsync(HttpContext http, CancellationToken ct)
    {
        var json = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        try
        {
            return await http.Request.ReadFromJsonAsync<NoteText>(json, ct);
        }
        catch (JsonException)
        {
            throw new BadHttpRequestException("The JSON body is malformed.", StatusCodes.Status400BadRequest);
        }
    }

    private static ValidationFailedException Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>Refused uploads as problem details with a stable code: 413 too large, 415 type, 422 empty.</summary>
    private static async ValueTask<object?> RefusedUploadsAsProblems(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (FileRejectedException rejected)
        {
            var status = rejected.Reason switch
            {
                FileRejection.TooLarge => StatusCodes.Status413PayloadTooLarge,
                FileRejection.Empty => StatusCodes.Status422UnprocessableEntity,
                _ => StatusCodes.Status415UnsupportedMediaType,
            };
            return Problem(status, rejected.Reason == FileRejection.TooLarge ? "The file is too large" : "The file is not accepted",
                rejected.Code, rejected.Message);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // The server stopped a body over the endpoint's limit.
            return TooLarge();
        }
        catch (InvalidDataException)
        {
            // The multipart body itself is malformed (a section header over the limit, a broken boundary).
            return Problem(StatusCodes.Status400BadRequest, "The request is malformed", "request.malformed_multipart", "גוף ה-multipart אינו תקין.");
        }
    }

    private static IResult TooLarge() => Problem(StatusCodes.Status413PayloadTooLarge, "The file is too large", "file.too_large",
        $"הקובץ גדול מדי: עד {FileIntake.MaxSizeText} לקובץ.");

    private static IResult Problem(int status, string title, string code, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail, extensions: new Dictionary<string, object?> { ["code"] = code });

    private sealed record NoteText(string? Text);

    /// <summary>Tells the server (and the OpenAPI description) the largest body these endpoints take.</summary>
    private sealed class UploadSizeLimit(long bytes) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize { get; } = bytes;
    }
}

/// <param name="Text">The note, up to 10,000 characters; may be left out when a file is sent.</param>
/// <param name="File">multipart/form-data only: one file, up to 10 MB.</param>
public sealed record CreateNoteRequest(string? Text, IFormFile? File);

/// <param name="Text">The new text, up to 10,000 characters (empty only for a note with files).</param>
/// <param name="ExpectedVersion">The note's version as the caller last read it.</param>
public sealed record EditNoteRequest(string? Text, long? ExpectedVersion);

/// <param name="File">The file, up to 10 MB.</param>
public sealed record UploadNoteFileRequest(IFormFile File);
