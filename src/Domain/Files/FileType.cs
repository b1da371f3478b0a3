namespace ProSaaS.Domain.Files;

/// <summary>
/// A type of file the platform accepts. <see cref="MediaType"/> is what is stored and served (the type found in the
/// bytes); <see cref="Extensions"/> and <see cref="DeclaredTypes"/> are the names and Content-Types an uploader may give
/// such a file without contradicting its bytes.
/// </summary>
public sealed class FileType
{
    private FileType(string name, string mediaType, bool isImage, string[] extensions, string[] declaredTypes)
    {
        Name = name;
        MediaType = mediaType;
        IsImage = isImage;
        Extensions = extensions;
        DeclaredTypes = declaredTypes;
    }

    public string Name { get; }
    public string MediaType { get; }

    /// <summary>Images are shown in the page (inline); everything else is downloaded.</summary>
    public bool IsImage { get; }

    public IReadOnlyList<string> Extensions { get; }
    public IReadOnlyList<string> DeclaredTypes { get; }

    public static readonly FileType Jpeg = new("jpeg", "image/jpeg", true, ["jpg", "jpeg", "jpe", "jfif"], ["image/jpeg", "image/jpg", "image/pjpeg"]);
    public static readonly FileType Png = new("png", "image/png", true, ["png"], ["image/png", "image/x-png"]);
    public static readonly FileType Gif = new("gif", "image/gif", true, ["gif"], ["image/gif"]);
    public static readonly FileType WebP = new("webp", "image/webp", true, ["webp"], ["image/webp"]);
    public static readonly FileType Pdf = new("pdf", "application/pdf", false, ["pdf"], ["application/pdf", "application/x-pdf"]);

    /// <summary>UTF-8 text without control bytes, served as text/plain whatever it was called (a .csv stays plain text).</summary>
    public static readonly FileType Text = new("text", "text/plain; charset=utf-8", false,
        ["txt", "text", "log", "csv", "md"], ["text/plain", "text/csv", "text/markdown"]);

    private static readonly string[] ZipTypes = ["application/zip", "application/x-zip-compressed"];

    public static readonly FileType Docx = new("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", false,
        ["docx"], ["application/vnd.openxmlformats-officedocument.wordprocessingml.document", .. ZipTypes]);

    public static readonly FileType Xlsx = new("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", false,
        ["xlsx"], ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", .. ZipTypes]);

    public static readonly FileType Pptx = new("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", false,
        ["pptx"], ["application/vnd.openxmlformats-officedocument.presentationml.presentation", .. ZipTypes]);

    /// <summary>Word, Excel and PowerPoint documents: ZIP containers told apart by their parts.</summary>
    public static IReadOnlyList<FileType> OfficeDocuments { get; } = [Docx, Xlsx, Pptx];

    public static IReadOnlyList<FileType> All { get; } = [Jpeg, Png, Gif, WebP, Pdf, Text, Docx, Xlsx, Pptx];

    public override string ToString() => Name;
}
