using System.Security.Cryptography;
using ProSaaS.Domain.Files;

namespace ProSaaS.Application.Files;

/// <summary>
/// The upload as storage reads it: the sniffed head first, then the rest of the request. Counts, hashes and (for text)
/// validates every byte on the way, and stops the copy by throwing <see cref="FileRejectedException"/> as soon as the
/// file turns out too large or not text after all — so storage discards its partial write. <paramref name="tooLarge"/>
/// makes the exception for a file over <paramref name="maxBytes"/> when the upload is not a note's file.
/// </summary>
internal sealed class UploadStream(
    byte[] head, int headLength, Stream rest, long maxBytes, TextContentCheck? textCheck, Func<Exception>? tooLarge = null) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private int _headPosition;

    public long BytesRead { get; private set; }

    public string Sha256() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        if (_headPosition < headLength)
        {
            read = Math.Min(buffer.Length, headLength - _headPosition);
            head.AsMemory(_headPosition, read).CopyTo(buffer);
            _headPosition += read;
        }
        else
        {
            read = await rest.ReadAsync(buffer, cancellationToken);
        }

        Inspect(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read;
        if (_headPosition < headLength)
        {
            read = Math.Min(buffer.Length, headLength - _headPosition);
            head.AsSpan(_headPosition, read).CopyTo(buffer);
            _headPosition += read;
        }
        else
        {
            read = rest.Read(buffer);
        }

        Inspect(buffer[..read]);
        return read;
    }

    private void Inspect(ReadOnlySpan<byte> piece)
    {
        BytesRead += piece.Length;
        if (BytesRead > maxBytes)
        {
            throw tooLarge?.Invoke() ?? new FileRejectedException(FileRejection.TooLarge, $"הקובץ גדול מדי: עד {FileIntake.MaxSizeText} לקובץ.");
        }

        if (textCheck is not null && !textCheck.Accept(piece))
        {
            throw new FileRejectedException(FileRejection.TypeNotAllowed,
                "סוג הקובץ אינו מותר (תוכן בינארי בקובץ טקסט). מותרים: תמונות JPEG, PNG, GIF ו-WebP, קובצי PDF, טקסט (UTF-8) ומסמכי Word, Excel ו-PowerPoint.");
        }

        _hash.AppendData(piece);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
