using ProSaaS.Domain.Calls.Conversation;
using ProSaaS.MediaHost.Behaviour;

namespace ProSaaS.MediaHost.Calls;

/// <summary>
/// The caller's line, frame by frame, so that a turn the AI service's speech detection reports afterwards can be measured:
/// each 20 ms frame's level for the last <see cref="HistoryFrames"/> frames, and the speech gate
/// (<see cref="SpeechGate"/>: energy, consecutive frames, echo cooldown) run over every frame with whether the assistant
/// was playing. Not thread-safe: the session uses it under its lock. Fixed memory (about 12 KB) whatever the call's length.
/// </summary>
internal sealed class CallerLine
{
    /// <summary>Frames kept: 20 s. A longer turn is measured over its last 20 s.</summary>
    public const int HistoryFrames = 1000;

    private const int FrameMs = 20;
    private const int SpanSlots = 16;

    private readonly float[] _levels = new float[HistoryFrames];
    private readonly long[] _frames = new long[HistoryFrames]; // frame number + 1 in each slot; 0 for none
    private readonly (long Start, long End)[] _spans = new (long, long)[SpanSlots];
    private SpeechGate _gate;
    private long _openedAtMs = -1;
    private int _spanCount;
    private int _spanNext;

    public CallerLine(SpeechGateOptions? options = null) => _gate = SpeechGate.Create(options);

    /// <summary>The gate is open: by its measure the caller is speaking now.</summary>
    public bool IsSpeaking => _gate.IsOpen;

    /// <summary>Takes the frame that starts at <paramref name="timestampMs"/> (the stream's clock) with its RMS level.</summary>
    public void Add(long timestampMs, double level, bool assistantPlaying)
    {
        if (timestampMs < 0)
        {
            return;
        }

        var frame = timestampMs / FrameMs;
        var slot = (int)(frame % HistoryFrames);
        _frames[slot] = frame + 1;
        _levels[slot] = (float)level;

        var step = _gate.Observe(new SpeechFrame(TimeSpan.FromMilliseconds(timestampMs), level, assistantPlaying));
        _gate = step.Gate;
        switch (step.Edge.Kind)
        {
            case SpeechEdgeKind.SpeechStarted:
                _openedAtMs = (long)step.Edge.At.TotalMilliseconds;
                break;
            case SpeechEdgeKind.SpeechStopped when _openedAtMs >= 0:
                _spans[_spanNext] = (_openedAtMs, (long)step.Edge.At.TotalMilliseconds);
                _spanNext = (_spanNext + 1) % SpanSlots;
                _spanCount = Math.Min(_spanCount + 1, SpanSlots);
                _openedAtMs = -1;
                break;
        }
    }

    /// <summary>The audio between <paramref name="startMs"/> and <paramref name="endMs"/> (the stream's clock): its length, mean level, and whether the gate opened in it.</summary>
    public CallerAudio Measure(long startMs, long endMs)
    {
        startMs = Math.Max(0, startMs);
        endMs = Math.Max(startMs, endMs);
        var first = startMs / FrameMs;
        var last = Math.Max(first, (endMs - 1) / FrameMs);
        if (last - first >= HistoryFrames)
        {
            first = last - HistoryFrames + 1;
        }

        double sum = 0;
        var count = 0;
        for (var frame = first; frame <= last; frame++)
        {
            var slot = (int)(frame % HistoryFrames);
            if (_frames[slot] == frame + 1)
            {
                sum += _levels[slot];
                count++;
            }
        }

        return new CallerAudio(TimeSpan.FromMilliseconds(endMs - startMs), count > 0 ? Math.Round(sum / count, 1) : 0, GateOpenedBetween(startMs, endMs));
    }

    private bool GateOpenedBetween(long startMs, long endMs)
    {
        if (_openedAtMs >= 0 && _openedAtMs <= endMs)
        {
            return true;
        }

        for (var i = 0; i < _spanCount; i++)
        {
            var (start, end) = _spans[i];
            if (start <= endMs && end >= startMs)
            {
                return true;
            }
        }

        return false;
    }
}
