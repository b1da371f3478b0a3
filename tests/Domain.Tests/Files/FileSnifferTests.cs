using System.Text;
using ProSaaS.Domain.Files;

namespace ProSaaS.Domain.Tests.Files;

public sealed class FileSnifferTests
{
    public static TheoryData<string, byte[], SniffKind, string?> Heads() => new()
    {
        { "jpeg (JFIF)", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F'], SniffKind.Allowed, "jpeg" },
        { "jpeg (Exif)", [0xFF, 0xD8, 0xFF, 0xE1, 0x12, 0x34, (byte)'E', (byte)'x', (byte)'i', (byte)'f'], SniffKind.Allowed, "jpeg" },
        { "png", [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], SniffKind.Allowed, "png" },
        { "gif87a", Ascii("GIF87a\x01\x00"), SniffKind.Allowed, "gif" },
        { "gif89a", Ascii("GIF89a\x01\x00"), SniffKind.Allowed, "gif" },
        { "webp", Ascii("RIFF\x24\x00\x00\x00WEBPVP8 "), SniffKind.Allowed, "webp" },
        { "pdf", Ascii("%PDF-1.7\n%\xE2\xE3"), SniffKind.Allowed, "pdf" },
        { "zip", [(byte)'P', (byte)'K', 3, 4, 20, 0, 6, 0], SniffKind.OfficeCandidate, null },
        { "utf-8 hebrew text", Encoding.UTF8.GetBytes("שלום עולם\r\nשורה שנייה\tעם טאב"), SniffKind.Allowed, "text" },
        { "utf-8 with bom", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("טקסט עם BOM")], SniffKind.Allowed, "text" },
        { "csv", Encoding.UTF8.GetBytes("שם,טלפון\nרות,052-1234567\n"), SniffKind.Allowed, "text" },
        { "text with escape", Encoding.UTF8.GetBytes("color \x1B[31mred"), SniffKind.Allowed, "text" },
        { "windows executable", [(byte)'M', (byte)'Z', 0x90, 0x00, 0x03], SniffKind.NotAllowed, null },
        { "elf executable", [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1], SniffKind.NotAllowed, null },
        { "mach-o executable", [0xCF, 0xFA, 0xED, 0xFE, 7, 0, 0, 1], SniffKind.NotAllowed, null },
        { "java class", [0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 52], SniffKind.NotAllowed, null },
        { "shell script", Ascii("#!/bin/sh\nrm -rf /\n"), SniffKind.NotAllowed, null },
        { "html", Ascii("<!DOCTYPE html><html><script>alert(1)</script>"), SniffKind.NotAllowed, null },
        { "html after white space", Ascii("\r\n   <html><body>hi</body></html>"), SniffKind.NotAllowed, null },
        { "html after bom", [0xEF, 0xBB, 0xBF, .. Ascii("<script>alert(1)</script>")], SniffKind.NotAllowed, null },
        { "svg", Ascii("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"), SniffKind.NotAllowed, null },
        { "xml", Ascii("<?xml version=\"1.0\"?><svg/>"), SniffKind.NotAllowed, null },
        { "utf-16 le text", [0xFF, 0xFE, (byte)'h', 0, (byte)'i', 0], SniffKind.NotAllowed, null },
        { "utf-16 be text", [0xFE, 0xFF, 0, (byte)'h', 0, (byte)'i'], SniffKind.NotAllowed, null },
        { "nul byte", Ascii("text\0more"), SniffKind.NotAllowed, null },
        { "control byte", Ascii("text\x01more"), SniffKind.NotAllowed, null },
        { "invalid utf-8", [(byte)'a', 0xC3, 0x28, (byte)'b'], SniffKind.NotAllowed, null },
        { "latin-1 text", [(byte)'c', (byte)'a', (byte)'f', 0xE9, (byte)' ', (byte)'!'], SniffKind.NotAllowed, null },
        { "gzip", [0x1F, 0x8B, 0x08, 0x00], SniffKind.NotAllowed, null },
        { "rar", [(byte)'R', (byte)'a', (byte)'r', (byte)'!', 0x1A, 0x07], SniffKind.NotAllowed, null },
        { "riff that is not webp (wav)", Ascii("RIFF\x24\x00\x00\x00WAVEfmt "), SniffKind.NotAllowed, null },
        { "truncated jpeg magic", [0xFF, 0xD8], SniffKind.NotAllowed, null },
        { "blank text", Ascii("   \n\t "), SniffKind.NotAllowed, null },
        { "empty", [], SniffKind.NotAllowed, null },
    };

    [Theory]
    [MemberData(nameof(Heads))]
    public void The_type_comes_from_the_first_bytes(string what, byte[] head, SniffKind kind, string? type)
    {
        var sniff = FileSniffer.Sniff(head, wholeFile: true);

        sniff.Kind.Should().Be(kind, what);
        sniff.Type?.Name.Should().Be(type, what);
        sniff.Found.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void A_character_cut_off_at_the_end_of_the_head_is_not_held_against_the_file()
    {
        var text = Encoding.UTF8.GetBytes("שלום");
        FileSniffer.Sniff(text.AsSpan(0, text.Length - 1), wholeFile: false).Kind.Should().Be(SniffKind.Allowed);
        FileSniffer.Sniff(text.AsSpan(0, text.Length - 1), wholeFile: true).Kind.Should().Be(SniffKind.NotAllowed);
    }

    [Fact]
    public void Stored_types_are_the_canonical_ones()
    {
        FileType.All.Select(t => t.MediaType).Should().OnlyHaveUniqueItems();
        FileType.Text.MediaType.Should().Be("text/plain; charset=utf-8");
        FileType.All.Where(t => t.IsImage).Should().Equal(FileType.Jpeg, FileType.Png, FileType.Gif, FileType.WebP);
    }

    private static byte[] Ascii(string value) => Encoding.Latin1.GetBytes(value);
}

public sealed class TextContentCheckTests
{
    [Fact]
    public void Hebrew_split_between_pieces_at_every_point_is_valid()
    {
        var bytes = Encoding.UTF8.GetBytes("שלום, מה שלומך? 😀 בסדר");
        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            var check = new TextContentCheck();
            check.Accept(bytes.AsSpan(0, cut)).Should().BeTrue();
            check.Accept(bytes.AsSpan(cut)).Should().BeTrue();
            check.Complete().Should().BeTrue($"cut at {cut}");
        }
    }

    [Fact]
    public void Binary_bytes_or_invalid_sequences_anywhere_fail()
    {
        var nul = new TextContentCheck();
        nul.Accept(Encoding.UTF8.GetBytes("שלום")).Should().BeTrue();
        nul.Accept([(byte)'a', 0x00]).Should().BeFalse();

        var invalid = new TextContentCheck();
        invalid.Accept(Encoding.UTF8.GetBytes("ok")).Should().BeTrue();
        invalid.Accept([0xC3, 0x28]).Should().BeFalse();

        var overlong = new TextContentCheck();
        overlong.Accept([0xC0, 0xAF]).Should().BeFalse();
    }

    [Fact]
    public void A_character_cut_off_at_the_very_end_fails_on_completion()
    {
        var bytes = Encoding.UTF8.GetBytes("שלום");
        var check = new TextContentCheck();
        check.Accept(bytes.AsSpan(0, bytes.Length - 1)).Should().BeTrue();
        check.Complete().Should().BeFalse();
    }

    [Fact]
    public void Large_pieces_are_checked_whole()
    {
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("שורה של טקסט בעברית\n", 5000)));
        var check = new TextContentCheck();
        check.Accept(text).Should().BeTrue();
        check.Complete().Should().BeTrue();
        var poisoned = (byte[])text.Clone();
        poisoned[^5] = 0x00;
        new TextContentCheck().Accept(poisoned).Should().BeFalse();
    }
}
