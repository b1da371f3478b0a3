namespace ProSaaS.Domain.Files;

/// <summary>
/// Tells a Word, Excel or PowerPoint document (Office Open XML) from any other ZIP by the names of its parts: the
/// package manifest <c>[Content_Types].xml</c> and the main part of one of the three. Macro-enabled documents (with a
/// <c>vbaProject.bin</c>) and plain ZIP archives are not allowed. Nothing is decompressed.
/// </summary>
public static class OfficeOpenXml
{
    private const string ContentTypesPart = "[Content_Types].xml";

    private static readonly (string MainPart, FileType Type)[] MainParts =
    [
        ("word/document.xml", FileType.Docx),
        ("xl/workbook.xml", FileType.Xlsx),
        ("ppt/presentation.xml", FileType.Pptx),
    ];

    public static FileType? Identify(IEnumerable<string> entryNames)
    {
        // Part names in a package compare without regard to case (ECMA-376 part 2).
        var names = new HashSet<string>(entryNames.Select(n => n.TrimStart('/')), StringComparer.OrdinalIgnoreCase);
        if (!names.Contains(ContentTypesPart) || names.Any(n => n.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var found = MainParts.Where(p => names.Contains(p.MainPart)).Select(p => p.Type).ToList();
        return found.Count == 1 ? found[0] : null;
    }
}
