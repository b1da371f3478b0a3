namespace ProSaaS.Domain.Files;

/// <summary>
/// Whether what the uploader said about a file (its Content-Type and the extension of its name) fits the type found in
/// its bytes. Saying nothing, or only <c>application/octet-stream</c>, fits anything; a name without an extension fits
/// anything. Otherwise the declared type and the extension must both belong to the found type: an <c>.exe</c> that is
/// really a PNG, a PNG named <c>.pdf</c> or sent as <c>text/html</c> is a contradiction, and is refused.
/// </summary>
public static class FileTypePolicy
{
    private static readonly HashSet<string> GenericTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/octet-stream", "binary/octet-stream", "application/unknown", "application/x-unknown",
    };

    public static bool Agrees(FileType found, string? declaredContentType, string? fileName) =>
        AgreesWithAny([found], declaredContentType, fileName);

    /// <summary>Whether the declared type and the name fit at least one of <paramref name="candidates"/>.</summary>
    public static bool AgreesWithAny(IEnumerable<FileType> candidates, string? declaredContentType, string? fileName)
    {
        var declared = DeclaredMediaType(declaredContentType);
        var extension = ExtensionOf(fileName);
        return candidates.Any(type =>
            (declared is null || type.DeclaredTypes.Contains(declared, StringComparer.OrdinalIgnoreCase))
            && (extension is null || type.Extensions.Contains(extension, StringComparer.OrdinalIgnoreCase)));
    }

    /// <summary>"Image/PNG; charset=x" → "image/png"; nothing or a generic binary type → null.</summary>
    public static string? DeclaredMediaType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }

        var separator = contentType.IndexOf(';', StringComparison.Ordinal);
        var mediaType = (separator < 0 ? contentType : contentType[..separator]).Trim().ToLowerInvariant();
        return mediaType.Length == 0 || GenericTypes.Contains(mediaType) ? null : mediaType;
    }

    /// <summary>The extension of the name's last part, lower case without the dot; null when it has none.</summary>
    public static string? ExtensionOf(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return null;
        }

        var name = fileName.Trim().TrimEnd('.', ' ');
        var lastSeparator = name.LastIndexOfAny(['/', '\\']);
        name = name[(lastSeparator + 1)..];
        var dot = name.LastIndexOf('.');
        return dot <= 0 || dot == name.Length - 1 ? null : name[(dot + 1)..].ToLowerInvariant();
    }
}
