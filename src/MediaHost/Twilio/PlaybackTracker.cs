namespace ProSaaS.MediaHost.Twilio;

/// <summary>
/// What of the assistant's current response Twilio has actually played, told by the marks it echoes (PROTOCOLS.md
/// §2): each chunk sent is followed by a named mark; an echoed mark means everything sent before it has played.
/// Barge-in truncates the response at <see cref="PlayedMilliseconds"/> — bytes known to be played at 8 bytes a
/// millisecond, clamped to what was sent — never at a wall-clock guess. One tracker per call.
/// </summary>
public sealed class PlaybackTracker
{
    private const int BytesPerMillisecond = 8;

    private readonly Queue<(string Name, long BytesSentBefore)> _pending = new();
    private long _played;
    private int _markSequence;

    /// <summary>The response item whose audio is being played (the realtime model's item id), if any.</summary>
    public string? ItemId { get; private set; }

    /// <summary>µ-law bytes of the current response sent to Twilio.</summary>
    public long BytesSent { get; private set; }

    /// <summary>Whether audio sent to Twilio may still be playing (marks not yet echoed).</summary>
    public bool IsPlaying => _pending.Count > 0;

    public int PendingMarks => _pending.Count;

    /// <summary>How much of the current response the caller has heard, in milliseconds.</summary>
    public long PlayedMilliseconds => Math.Clamp(_played, 0, BytesSent) / BytesPerMillisecond;

    /// <summary>A new response starts playing: what the previous one sent no longer counts.</summary>
    public void StartResponse(string itemId)
    {
        ItemId = itemId;
        BytesSent = 0;
        _played = 0;
        _pending.Clear();
    }

    /// <summary>Counts a chunk of the current response sent to Twilio and returns the name of the mark to send after it.</summary>
    public string AudioSent(int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        BytesSent += bytes;
        var name = $"{ItemId ?? "audio"}-{++_markSequence}";
        _pending.Enqueue((name, BytesSent));
        return name;
    }

    /// <summary>Twilio echoed a mark: everything sent before it has played. Unknown or stale marks are ignored.</summary>
    public bool MarkEchoed(string name)
    {
        if (!_pending.Any(m => m.Name == name))
        {
            return false;
        }

        while (_pending.TryDequeue(out var mark))
        {
            _played = Math.Max(_played, mark.BytesSentBefore);
            if (mark.Name == name)
            {
                break;
            }
        }

        return true;
    }

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
}
