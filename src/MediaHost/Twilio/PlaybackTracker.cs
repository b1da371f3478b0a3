using System.Buffers.Text;
using System.Globalization;

namespace ProSaaS.MediaHost.Twilio;

/// <summary>
/// What of the assistant's current response Twilio has actually played, told by the marks it echoes (PROTOCOLS.md
/// §2): each chunk sent is followed by a named mark; an echoed mark means everything sent before it has played.
/// Barge-in truncates the response at <see cref="PlayedMilliseconds"/> — bytes known to be played at 8 bytes a
/// millisecond, clamped to what was sent — never at a wall-clock guess. One tracker per call; not thread-safe (the call
/// guards it).
/// </summary>
/// <remarks>
/// Marks are numbered for the whole stream and never reused, so an echo that arrives after a <c>clear</c> or after the
/// next response started is recognised as stale. The audio path uses the numeric form (<see cref="AudioSentMark"/>,
/// <see cref="MarkEchoed(ReadOnlySpan{byte})"/>: names are <c>m&lt;number&gt;</c>, formatted and read without allocating).
/// </remarks>
public sealed class PlaybackTracker
{
    private const int BytesPerMillisecond = 8;

    /// <summary>The longest mark name <see cref="FormatMarkName"/> writes.</summary>
    public const int MaxMarkNameBytes = 21;

    private readonly Queue<(long Mark, long BytesSentBefore)> _pending = new();
    private long _played;
    private long _markSequence;

    /// <summary>The response item whose audio is being played (the realtime model's item id), if any.</summary>
    public string? ItemId { get; private set; }

    /// <summary>µ-law bytes of the current response sent to Twilio.</summary>
    public long BytesSent { get; private set; }

    /// <summary>Whether audio sent to Twilio may still be playing (marks not yet echoed).</summary>
    public bool IsPlaying => _pending.Count > 0;

    public int PendingMarks => _pending.Count;

    /// <summary>How much of the current response the caller has heard, in milliseconds.</summary>
    public long PlayedMilliseconds => Math.Clamp(_played, 0, BytesSent) / BytesPerMillisecond;

    /// <summary>µ-law bytes of the current response the caller has heard (clamped to what was sent).</summary>
    public long BytesPlayed => Math.Clamp(_played, 0, BytesSent);

    /// <summary>A new response starts playing: what the previous one sent no longer counts.</summary>
    public void StartResponse(string itemId)
    {
        ItemId = itemId;
        BytesSent = 0;
        _played = 0;
        _pending.Clear();
    }

    /// <summary>Counts a chunk of the current response sent to Twilio and returns the number of the mark to send after it.</summary>
    public long AudioSentMark(int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        BytesSent += bytes;
        var mark = ++_markSequence;
        _pending.Enqueue((mark, BytesSent));
        return mark;
    }

    /// <summary>As <see cref="AudioSentMark"/>, returning the mark's name.</summary>
    public string AudioSent(int bytes) => "m" + AudioSentMark(bytes).ToString(CultureInfo.InvariantCulture);

    /// <summary>Twilio echoed a mark: everything sent before it has played. Unknown or stale marks are ignored.</summary>
    public bool MarkEchoed(long mark)
    {
        var known = false;
        foreach (var pending in _pending)
        {
            if (pending.Mark == mark)
            {
                known = true;
                break;
            }
        }

        if (!known)
        {
            return false;
        }

        while (_pending.TryDequeue(out var pending))
        {
            _played = Math.Max(_played, pending.BytesSentBefore);
            if (pending.Mark == mark)
            {
                break;
            }
        }

        return true;
    }

    /// <summary>An echoed mark by its UTF-8 name as Twilio sent it back.</summary>
    public bool MarkEchoed(ReadOnlySpan<byte> utf8Name) => TryParseMarkName(utf8Name, out var mark) && MarkEchoed(mark);

    public bool MarkEchoed(string name) =>
        name.Length > 1 && name[0] == 'm' && long.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var mark)
        && MarkEchoed(mark);

    /// <summary>
    /// The caller spoke over the assistant: the point to truncate the response at, after which nothing of it is
    /// pending (the <c>clear</c> sent to Twilio drops the rest and Twilio echoes the marks, which are then stale).
    /// </summary>
    public (string? ItemId, long AudioEndMs) Interrupt()
    {
        var result = (ItemId, PlayedMilliseconds);
        _pending.Clear();
        return result;
    }

    /// <summary>Writes <c>m&lt;mark&gt;</c> into <paramref name="destination"/> (at least <see cref="MaxMarkNameBytes"/> long).</summary>
    public static int FormatMarkName(long mark, Span<byte> destination)
    {
        destination[0] = (byte)'m';
        return Utf8Formatter.TryFormat(mark, destination[1..], out var written) ? written + 1
            : throw new ArgumentException("The destination is too short for a mark name.", nameof(destination));
    }

    public static bool TryParseMarkName(ReadOnlySpan<byte> utf8Name, out long mark)
    {
        mark = 0;
        return utf8Name.Length > 1 && utf8Name[0] == (byte)'m'
            && Utf8Parser.TryParse(utf8Name[1..], out mark, out var consumed) && consumed == utf8Name.Length - 1 && mark > 0;
    }
}
