using ProSaaS.Domain.Files;

namespace ProSaaS.Domain.Tests.Files;

public sealed class FileTypePolicyTests
{
    public static TheoryData<string, string?, string?, bool> Claims() => new()
    {
        // found type, declared Content-Type, file name, agrees
        { "png", "image/png", "photo.png", true },
        { "png", "IMAGE/PNG; charset=binary", "PHOTO.PNG", true },
        { "png", null, null, true },
        { "png", "", "photo", true },
        { "png", "application/octet-stream", "photo.png", true },
        { "png", "image/x-png", "תמונה.png", true },
        { "png", "image/jpeg", "photo.png", false },
        { "png", "image/png", "photo.jpg", false },
        { "png", "text/html", "photo.png", false },
        { "png", null, "setup.exe", false },
        { "png", null, "photo.png.exe", false },
        { "png", null, "photo.heic", false },
        { "jpeg", "image/jpg", "IMG_0001.JPG", true },
        { "jpeg", "image/pjpeg", "scan.jpeg", true },
        { "jpeg", null, "photo.jfif", true },
        { "jpeg", "image/svg+xml", "logo.svg", false },
        { "pdf", "application/pdf", "הצעת מחיר.pdf", true },
        { "pdf", "application/x-pdf", "quote.PDF", true },
        { "pdf", "image/jpeg", "photo.jpg", false },
        { "text", "text/plain", "notes.txt", true },
        { "text", "text/csv", "leads.csv", true },
        { "text", null, "README.md", true },
        { "text", "text/html", "page.html", false },
        { "text", "text/plain", "page.html", false },
        { "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "חוזה.docx", true },
        { "docx", "application/zip", "contract.docx", true },
        { "docx", null, "contract.xlsx", false },
        { "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "leads.xlsx", true },
        { "xlsx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "leads.xlsx", false },
        { "pptx", null, "deck.pptx", true },
        { "webp", "image/webp", "photo.webp", true },
        { "gif", "image/gif", "anim.gif", true },
        { "gif", "image/png", "anim.gif", false },
    };

    [Theory]
    [MemberData(nameof(Claims))]
    public void What_the_uploader_says_must_fit_the_bytes(string found, string? declared, string? fileName, bool agrees)
    {
        var type = FileType.All.Single(t => t.Name == found);

        FileTypePolicy.Agrees(type, declared, fileName).Should().Be(agrees);
    }

    [Theory]
    [InlineData("photo.png", "png")]
    [InlineData("C:\\Users\\רות\\Desktop\\photo.JPG", "jpg")]
    [InlineData("dir/sub/archive.tar.gz", "gz")]
    [InlineData("photo.png.", "png")]
    [InlineData(".bashrc", null)]
    [InlineData("README", null)]
    [InlineData("photo.", null)]
    [InlineData("dir.v2/README", null)]
    [InlineData(null, null)]
    [InlineData("  ", null)]
    public void The_extension_is_that_of_the_last_part_of_the_name(string? fileName, string? extension)
    {
        FileTypePolicy.ExtensionOf(fileName).Should().Be(extension);
    }

    [Theory]
    [InlineData("image/png", "image/png")]
    [InlineData(" Image/PNG ; q=1", "image/png")]
    [InlineData("application/octet-stream", null)]
    [InlineData("binary/octet-stream", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void The_declared_type_is_its_media_type_and_generic_binary_says_nothing(string? contentType, string? mediaType)
    {
        FileTypePolicy.DeclaredMediaType(contentType).Should().Be(mediaType);
    }
}

public sealed class OfficeOpenXmlTests
{
    [Theory]
    [InlineData("docx", "[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml")]
    [InlineData("xlsx", "[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml")]
    [InlineData("pptx", "[Content_Types].xml", "ppt/presentation.xml", "ppt/slides/slide1.xml")]
    [InlineData("docx", "[content_types].xml", "WORD/Document.xml")]
    [InlineData(null, "word/document.xml")]
    [InlineData(null, "[Content_Types].xml", "readme.txt")]
    [InlineData(null, "[Content_Types].xml", "word/document.xml", "word/vbaProject.bin")]
    [InlineData(null, "[Content_Types].xml", "xl/workbook.xml", "xl/vbaProject.bin")]
    [InlineData(null, "[Content_Types].xml", "word/document.xml", "xl/workbook.xml")]
    [InlineData(null, "photo.jpg", "invoice.pdf")]
    public void Office_documents_are_told_apart_from_other_zips_by_their_parts(string? expected, params string[] entries)
    {
        OfficeOpenXml.Identify(entries)?.Name.Should().Be(expected);
        if (expected is null)
        {
            OfficeOpenXml.Identify(entries).Should().BeNull();
        }
    }
}

public sealed class FileNamesTests
{
    [Theory]
    [InlineData("photo.png", "photo.png")]
    [InlineData("  חזית הבית.png  ", "חזית הבית.png")]
    [InlineData("C:\\fakepath\\photo.png", "photo.png")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("photo\u202Egnp.exe", "photognp.exe")]
    [InlineData("a\u0000b\u0007c.txt", "abc.txt")]
    [InlineData("line\r\nbreak.txt", "linebreak.txt")]
    [InlineData("quote\"<x>|:*?.pdf", "quote__x_____.pdf")]
    [InlineData("report.pdf...", "report.pdf")]
    [InlineData("emoji 😀.png", "emoji 😀.png")]
    [InlineData("...", null)]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    [InlineData("\u202E", null)]
    public void Names_are_cleaned_for_display(string? input, string? expected)
    {
        FileNames.Clean(input).Should().Be(expected);
    }

    [Fact]
    public void Long_names_keep_their_extension()
    {
        var cleaned = FileNames.Clean(new string('א', 500) + ".docx")!;
        cleaned.Length.Should().Be(FileNames.MaxLength);
        cleaned.Should().EndWith(".docx");
    }

    [Fact]
    public void A_file_without_a_usable_name_gets_one_from_its_type()
    {
        FileNames.Default(FileType.Pdf).Should().Be("קובץ.pdf");
        FileNames.Default(FileType.Jpeg).Should().Be("קובץ.jpg");
    }
}
