using System.Buffers;
using System.Text;

namespace ProSaaS.Domain.Files;

public enum SniffKind
{
    /// <summary>The bytes are of an allowed type (for text: as far as the head shows; the rest is checked as it streams).</summary>
    Allowed,

    /// <summary>A ZIP container: allowed only if its parts make it a Word, Excel or PowerPoint document.</summary>
    OfficeCandidate,

    NotAllowed,
}

/// <param name="Found">What the bytes are, in a few words, for the refusal message and the log.</param>
public readonly record struct FileSniff(SniffKind Kind, FileType? Type, string Found)
{
    public static FileSniff Allowed(FileType type) => new(SniffKind.Allowed, type, type.Name);
    public static FileSniff Refused(string found) => new(SniffKind.NotAllowed, null, found);
}

/// <summary>
/// Tells a file's type from its first bytes, never from its name or declared Content-Type. Allowed: JPEG, PNG, GIF,
/// WebP, PDF, UTF-8 plain text, and (after a look inside) Word/Excel/PowerPoint documents. Everything else is refused:
/// executables, scripts, HTML/XML/SVG markup, archives, UTF-16 text, unknown binary.
/// </summary>
public static class FileSniffer
{
    /// <summary>How many leading bytes <see cref="Sniff"/> wants (fewer only when the file is shorter).</summary>
    public const int HeadLength = 1024;

    /// <summary>Control bytes that text never contains (tab, line ends, form feed and escape are text).</summary>
    internal static readonly SearchValues<byte> BinaryBytes = SearchValues.Create(
        [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0B, 0x0E, 0x0F, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
         0x18, 0x19, 0x1A, 0x1C, 0x1D, 0x1E, 0x1F]);

    /// <param name="head">The file's first bytes (<see cref="HeadLength"/>, or the whole file when shorter).</param>
    /// <param name="wholeFile">Whether <paramref name="head"/> is the entire file (a cut-off character at its end is then invalid).</param>
    public static FileSniff Sniff(ReadOnlySpan<byte> head, bool wholeFile)
    {
        if (head.IsEmpty)
        {
            return FileSniff.Refused("empty file");
        }

        if (Starts(head, [0xFF, 0xD8, 0xFF]))
        {
            return FileSniff.Allowed(FileType.Jpeg);
        }

        if (Starts(head, [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return FileSniff.Allowed(FileType.Png);
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return FileSniff.Allowed(FileType.Gif);
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return FileSniff.Allowed(FileType.WebP);
        }

        if (head.StartsWith("%PDF-"u8))
        {
            return FileSniff.Allowed(FileType.Pdf);
        }

        if (head.StartsWith("PK\x03\x04"u8))
        {
            return new FileSniff(SniffKind.OfficeCandidate, null, "zip archive");
        }

        if (head.StartsWith("MZ"u8) || Starts(head, [0x7F, (byte)'E', (byte)'L', (byte)'F']) || Starts(head, [0xCA, 0xFE, 0xBA, 0xBE])
            || Starts(head, [0xFE, 0xED, 0xFA, 0xCE]) || Starts(head, [0xFE, 0xED, 0xFA, 0xCF])
            || Starts(head, [0xCE, 0xFA, 0xED, 0xFE]) || Starts(head, [0xCF, 0xFA, 0xED, 0xFE]))
        {
            return FileSniff.Refused("executable");
        }

        if (head.StartsWith("#!"u8))
        {
            return FileSniff.Refused("script");
        }

        if (Starts(head, [0xFF, 0xFE]) || Starts(head, [0xFE, 0xFF]))
        {
            return FileSniff.Refused("UTF-16 text");
        }

        return SniffText(head, wholeFile);
    }

    private static bool Starts(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> magic) => bytes.StartsWith(magic);

    private static FileSniff SniffText(ReadOnlySpan<byte> head, bool wholeFile)
    {
        var text = Starts(head, [0xEF, 0xBB, 0xBF]) ? head[3..] : head;
        if (text.ContainsAny(BinaryBytes))
        {
            return FileSniff.Refused("binary data");
        }

        if (!IsUtf8(text, wholeFile))
        {
            return FileSniff.Refused("binary data");
        }

        var content = text.TrimStart(" \t\r\n\f"u8);
        if (content.IsEmpty)
        {
            return wholeFile ? FileSniff.Refused("blank text") : FileSniff.Allowed(FileType.Text);
        }

        // Browsers render markup wherever they can: HTML, XML and SVG (which runs scripts) are never stored.
        return content[0] == (byte)'<' ? FileSniff.Refused("markup (HTML, XML or SVG)") : FileSniff.Allowed(FileType.Text);
    }

    private static bool IsUtf8(ReadOnlySpan<byte> bytes, bool wholeFile)
    {
        try
        {
            new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder().GetCharCount(bytes, flush: wholeFile);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}

/// <summary>
/// Checks text as it streams past in pieces: valid UTF-8 throughout (a character may span two pieces) and none of the
/// control bytes that only binary files contain.
/// </summary>
public sealed class TextContentCheck
{
    private readonly Decoder _decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();

    /// <summary>False once the text is found invalid.</summary>
    public bool Accept(ReadOnlySpan<byte> piece) => !piece.ContainsAny(FileSniffer.BinaryBytes) && Decode(piece, flush: false);

    /// <summary>At the end: false when the last character was cut off.</summary>
    public bool Complete() => Decode([], flush: true);

    private bool Decode(ReadOnlySpan<byte> piece, bool flush)
    {
        // Convert (unlike GetCharCount) keeps a character cut between two pieces for the next call.
        Span<char> chars = stackalloc char[512];
        try
        {
            do
            {
                _decoder.Convert(piece, chars, flush, out var used, out _, out _);
                piece = piece[used..];
            }
            while (!piece.IsEmpty);

            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
