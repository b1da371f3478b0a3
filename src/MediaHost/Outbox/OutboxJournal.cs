using System.Buffers;
using System.Globalization;
using System.Threading.Channels;

namespace ProSaaS.MediaHost.Outbox;

/// <summary>
/// The outbox's journal on local disk: append-only segment files (<c>journal/000001.journal</c>, …) of
/// <see cref="JournalCodec"/> records, written by one writer task. Entries are durable when their append completes:
/// appends arriving together share one flush to disk (group commit). Settling an entry is written without waiting for
/// the disk (losing it to a power cut only means the Api sees the entry again, which it ignores by id).
/// </summary>
/// <remarks>
/// Compaction: segments are deleted oldest first, each once every entry in it is settled. Oldest first because a settle
/// record lives in the same or a newer segment than its entry: deleting a newer segment before an older one could bring
/// the older one's entries back to life at the next start. When nothing at all is pending the current segment is
/// truncated to empty. Each process start writes into a new segment, so a tail torn
/// by a crash is never appended to; the reader skips it.
/// </remarks>
internal sealed partial class OutboxJournal : IAsyncDisposable
{
    public const string FileExtension = ".journal";

    private readonly string _directory;
    private readonly long _segmentBytes;
    private readonly ILogger _logger;
    private readonly List<Segment> _segments;
    private readonly Dictionary<long, Segment> _segmentOfEntry;
    private readonly Channel<JournalWrite> _writes = Channel.CreateUnbounded<JournalWrite>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });
    private readonly Task _writer;
    private FileStream _active;
    private long _activeLength;
    private bool _rollBeforeNextWrite;
    private long _live;

    private OutboxJournal(string directory, long segmentBytes, ILogger logger, List<Segment> segments,
        Dictionary<long, Segment> segmentOfEntry)
    {
        _directory = directory;
        _segmentBytes = segmentBytes;
        _logger = logger;
        _segments = segments;
        _segmentOfEntry = segmentOfEntry;
        _live = segmentOfEntry.Count;
        _active = CreateSegment(segments.Count == 0 ? 1 : segments[^1].Number + 1);
        Compact();
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>The sequence number after the highest one found in the journal.</summary>
    public long NextSequence { get; private init; }

    /// <summary>
    /// Opens the journal in <paramref name="directory"/> (created if absent), reads every segment and returns the entries
    /// not yet settled, in sequence order.
    /// </summary>
    public static OutboxJournal Open(string directory, long segmentBytes, ILogger logger, out List<OutboxEntry> pending)
    {
        Directory.CreateDirectory(directory);
        var segments = new List<Segment>();
        var segmentOfEntry = new Dictionary<long, Segment>();
        var entries = new SortedDictionary<long, OutboxEntry>();
        var highest = 0L;
        foreach (var (number, path) in ListSegments(directory))
        {
            var segment = new Segment(number, path);
            segments.Add(segment);
            var records = JournalCodec.Read(File.ReadAllBytes(path), out var damaged);
            if (damaged > 0)
            {
                LogDamaged(logger, path, damaged);
            }

            foreach (var record in records)
            {
                highest = Math.Max(highest, record.Sequence);
                if (record.Entry is { } entry)
                {
                    if (entries.TryAdd(entry.Sequence, entry))
                    {
                        segmentOfEntry[entry.Sequence] = segment;
                        segment.Live++;
                    }
                }
                else if (entries.Remove(record.Sequence) && segmentOfEntry.Remove(record.Sequence, out var of))
                {
                    of.Live--;
                }
            }
        }

        pending = [.. entries.Values];
        return new OutboxJournal(directory, segmentBytes, logger, segments, segmentOfEntry) { NextSequence = highest + 1 };
    }

    /// <summary>Writes the entry; the task completes once it is flushed to disk.</summary>
    public Task AppendAsync(OutboxEntry entry) => Enqueue(new JournalWrite(JournalCodec.EncodeEntry(entry), entry.Sequence, IsEntry: true));

    /// <summary>Records that the entry needs no more delivery; the task completes once the record is written (not flushed to disk).</summary>
    public Task SettleAsync(long sequence, bool deadLetter) =>
        Enqueue(new JournalWrite(JournalCodec.EncodeSettled(sequence, deadLetter), sequence, IsEntry: false));

    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        try
        {
            _active.Flush(flushToDisk: true);
        }
        catch (IOException e)
        {
            LogWriteFailed(_logger, e);
        }

        await _active.DisposeAsync().ConfigureAwait(false);
    }

    private Task Enqueue(JournalWrite write)
    {
        if (!_writes.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(OutboxJournal));
        }

        return write.Written.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<JournalWrite>();
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        while (await _writes.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            buffer.ResetWrittenCount();
            while (batch.Count < 1024 && _writes.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            try
            {
                if (_rollBeforeNextWrite || _activeLength >= _segmentBytes)
                {
                    Roll();
                }

                var durable = false;
                foreach (var write in batch)
                {
                    buffer.Write(write.Frame);
                    durable |= write.IsEntry;
                }

                _active.Write(buffer.WrittenSpan);
                _activeLength += buffer.WrittenCount;
                if (durable)
                {
                    _active.Flush(flushToDisk: true);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogWriteFailed(_logger, e);
                _rollBeforeNextWrite = true;
                foreach (var write in batch)
                {
                    write.Written.TrySetException(new IOException("The outbox journal could not be written.", e));
                }

                continue;
            }

            foreach (var write in batch)
            {
                Account(write);
                write.Written.TrySetResult();
            }

            try
            {
                Compact();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogWriteFailed(_logger, e);
                _rollBeforeNextWrite = true;
            }
        }
    }

    private void Account(JournalWrite write)
    {
        if (write.IsEntry)
        {
            var segment = _segments[^1];
            if (_segmentOfEntry.TryAdd(write.Sequence, segment))
            {
                segment.Live++;
                _live++;
            }
        }
        else if (_segmentOfEntry.Remove(write.Sequence, out var segment))
        {
            segment.Live--;
            _live--;
        }
    }

    /// <summary>Deletes the oldest segments whose entries are all settled; empties the current one when nothing is pending.</summary>
    private void Compact()
    {
        if (_live == 0)
        {
            while (_segments.Count > 1)
            {
                DeleteSegment(_segments[0]);
            }

            if (_activeLength > 0)
            {
                _active.SetLength(0);
                _active.Flush(flushToDisk: true);
                _activeLength = 0;
            }

            return;
        }

        while (_segments.Count > 1 && _segments[0].Live == 0)
        {
            DeleteSegment(_segments[0]);
        }
    }

    private void DeleteSegment(Segment segment)
    {
        File.Delete(segment.Path);
        _segments.Remove(segment);
    }

    private void Roll()
    {
        _active.Flush(flushToDisk: true);
        _active.Dispose();
        _active = CreateSegment(_segments[^1].Number + 1);
        _rollBeforeNextWrite = false;
    }

    private FileStream CreateSegment(long number)
    {
        var path = Path.Combine(_directory, number.ToString("D6", CultureInfo.InvariantCulture) + FileExtension);
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0);
        _segments.Add(new Segment(number, path));
        _activeLength = 0;
        return stream;
    }

    private static IEnumerable<(long Number, string Path)> ListSegments(string directory) =>
        Directory.EnumerateFiles(directory, "*" + FileExtension)
            .Select(path => (Parsed: long.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None,
                CultureInfo.InvariantCulture, out var number), Number: number, Path: path))
            .Where(s => s.Parsed)
            .OrderBy(s => s.Number)
            .Select(s => (s.Number, s.Path));

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Outbox journal {Path}: {DamagedBytes} damaged bytes skipped (a write torn by a crash); every whole record was read")]
    private static partial void LogDamaged(ILogger logger, string path, long damagedBytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox journal could not be written")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);

    private sealed class Segment(long number, string path)
    {
        public long Number { get; } = number;

        public string Path { get; } = path;

        /// <summary>Entries written in this segment and not yet settled.</summary>
        public int Live { get; set; }
    }

    private sealed record JournalWrite(byte[] Frame, long Sequence, bool IsEntry)
    {
        public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
