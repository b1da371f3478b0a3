using System.IO.Compression;
using ProSaaS.Domain.Files;

namespace ProSaaS.Application.Files;

/// <summary>
/// Takes in one uploaded file as it streams: its type is sniffed from the first bytes and checked against what the
/// uploader declared before anything is written; the rest is counted (over <see cref="MaxBytes"/> stops the upload),
/// hashed and, for text, validated on its way into storage. Office documents are identified by their parts once
/// stored. A refused file leaves nothing behind: no blob and no queue entry.
/// </summary>
public static class FileIntake
{
    public const long MaxBytes = 10 * 1024 * 1024;

    public static string MaxSizeText => "10MB";

    public static async Task<ReceivedFile> ReceiveAsync(
        IFileStorage storage,
        IFileCleanup cleanup,
        string tenantId,
        DateTimeOffset now,
        string? fileName,
        string? declaredContentType,
        Stream content,
        CancellationToken cancellationToken)
    {
        var head = new byte[FileSniffer.HeadLength];
        var headLength = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        var name = FileNames.Clean(fileName);
        var sniff = FileSniffer.Sniff(head.AsSpan(0, headLength), wholeFile: headLength < head.Length);
        var type = CheckBeforeStoring(sniff, headLength, declaredContentType, name);

        var key = StorageKeys.New(tenantId, now);
        await cleanup.GuardUploadAsync(tenantId, key, cancellationToken);
        var textCheck = type == FileType.Text ? new TextContentCheck() : null;
        var upload = new UploadStream(head, headLength, content, MaxBytes, textCheck);
        try
        {
            await storage.SaveAsync(key, upload, cancellationToken);
            if (textCheck is not null && !textCheck.Complete())
            {
                throw NotAllowed("טקסט שאינו UTF-8 תקין");
            }

            if (sniff.Kind == SniffKind.OfficeCandidate)
            {
                type = await IdentifyOfficeDocumentAsync(storage, key, cancellationToken)
                       ?? throw NotAllowed("קובץ ZIP שאינו מסמך Word, Excel או PowerPoint (או מסמך עם פקודות מאקרו)");
                if (!FileTypePolicy.Agrees(type, declaredContentType, name))
                {
                    throw Mismatch(type, declaredContentType, name);
                }
            }
        }
        catch
        {
            await cleanup.DiscardAsync(tenantId, key, CancellationToken.None);
            throw;
        }

        return new ReceivedFile(name ?? FileNames.Default(type!), type!.MediaType, upload.BytesRead, upload.Sha256(), key);
    }

    /// <summary>The type to store, or null for an Office candidate (known only once its parts can be read).</summary>
    private static FileType? CheckBeforeStoring(FileSniff sniff, int headLength, string? declaredContentType, string? name)
    {
        switch (sniff.Kind)
        {
            case SniffKind.NotAllowed when headLength == 0:
                throw new FileRejectedException(FileRejection.Empty, "הקובץ ריק.");
            case SniffKind.NotAllowed:
                throw NotAllowed(HebrewFound(sniff.Found));
            case SniffKind.Allowed when !FileTypePolicy.Agrees(sniff.Type!, declaredContentType, name):
                throw Mismatch(sniff.Type!, declaredContentType, name);
            case SniffKind.Allowed:
                return sniff.Type;
            default:
                // A ZIP is acceptable only as an Office document: one called .zip is refused as such, one called
                // .jpg or sent as image/png contradicts its bytes whatever it turns out to hold.
                if (FileTypePolicy.ExtensionOf(name) == "zip"
                    || (FileTypePolicy.DeclaredMediaType(declaredContentType) is "application/zip" or "application/x-zip-compressed"
                        && FileTypePolicy.ExtensionOf(name) is null))
                {
                    throw NotAllowed("ארכיון ZIP");
                }

                if (!FileTypePolicy.AgreesWithAny(FileType.OfficeDocuments, declaredContentType, name))
                {
                    throw new FileRejectedException(FileRejection.TypeMismatch,
                        $"תוכן הקובץ (ארכיון ZIP) אינו תואם את {Claim(declaredContentType, name)}.");
                }

                return null;
        }
    }

    private static async Task<FileType?> IdentifyOfficeDocumentAsync(IFileStorage storage, string key, CancellationToken cancellationToken)
    {
        await using var stored = await storage.OpenReadAsync(key, cancellationToken)
                                 ?? throw new InvalidOperationException($"The blob {key} just written is missing.");
        Stream seekable = stored;
        FileStream? spill = null;
        try
        {
            if (!stored.CanSeek)
            {
                // A store that cannot seek (object storage): the central directory is read from a local copy.
                spill = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
                await stored.CopyToAsync(spill, cancellationToken);
                spill.Position = 0;
                seekable = spill;
            }

            using var zip = new ZipArchive(seekable, ZipArchiveMode.Read, leaveOpen: true);
            return OfficeOpenXml.Identify(zip.Entries.Select(e => e.FullName));
        }
        catch (InvalidDataException)
        {
            return null;
        }
        finally
        {
            if (spill is not null)
            {
                await spill.DisposeAsync();
            }
        }
    }

    private static FileRejectedException NotAllowed(string found) => new(FileRejection.TypeNotAllowed,
        $"סוג הקובץ אינו מותר ({found}). מותרים: תמונות JPEG, PNG, GIF ו-WebP, קובצי PDF, טקסט (UTF-8) ומסמכי Word, Excel ו-PowerPoint.");

    private static FileRejectedException Mismatch(FileType found, string? declaredContentType, string? name) => new(FileRejection.TypeMismatch,
        $"תוכן הקובץ ({found.Name}) אינו תואם את {Claim(declaredContentType, name)}.");

    private static string Claim(string? declaredContentType, string? name)
    {
        var parts = new List<string>();
        if (FileTypePolicy.DeclaredMediaType(declaredContentType) is { } declared)
        {
            parts.Add($"הסוג שהוצהר ({declared})");
        }

        if (FileTypePolicy.ExtensionOf(name) is { } extension)
        {
            parts.Add($"הסיומת (.{extension})");
        }

        return string.Join(" ו", parts);
    }

    private static string HebrewFound(string found) => found switch
    {
        "executable" => "קובץ הרצה",
        "script" => "סקריפט",
        "markup (HTML, XML or SVG)" => "HTML, XML או SVG",
        "UTF-16 text" => "טקסט בקידוד UTF-16",
        "blank text" => "טקסט ריק",
        _ => "תוכן בינארי לא מזוהה",
    };
}
