using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Calls;

namespace ProSaaS.MediaHost.Outbox;

/// <summary>
/// The facts of calls on their way to the Api (<see cref="ICallOutbox"/>), kept in a journal on local disk
/// (<see cref="OutboxJournal"/>) until the Api acknowledges them.
/// </summary>
/// <remarks>
/// Each call has a lane: its entries go one at a time, in the order they were given, each retried with exponential backoff
/// and jitter (up to <see cref="OutboxOptions.MaxRetryDelaySeconds"/>) until the Api answers 2xx. Lanes run independently,
/// so one call's stuck command never holds up another call. An answer the Api will never change (400, 404, 413, 415, a 409
/// naming a rule) moves the entry to the <c>dead-letter</c> folder, logged as an error, and the lane goes on. On start,
/// whatever the journal still holds is sent again; the Api applies each command once by its id.
/// Folder layout: <c>journal/</c> (segments), <c>recordings/</c> (WAVs waiting for upload), <c>dead-letter/</c>
/// (refused entries as JSON, with their WAV), <c>outbox.lock</c> (held while a process uses the folder).
/// </remarks>
public sealed partial class CallOutbox : ICallOutbox, IAsyncDisposable
{
    private const string JournalFolder = "journal";
    private const string RecordingsFolder = "recordings";
    private const string DeadLetterFolder = "dead-letter";
    private const string LockFile = "outbox.lock";

    private static readonly ResiliencePropertyKey<OutboxEntry> EntryKey = new("prosaas.outbox.entry");

    private readonly MediaHostApiClient _api;
    private readonly OutboxOptions _options;
    private readonly ILogger<CallOutbox> _logger;
    private readonly TimeProvider _time;
    private readonly string _root;
    private readonly ResiliencePipeline<ApiAnswer> _commandPipeline;
    private readonly ResiliencePipeline<ApiAnswer> _recordingPipeline;
    private readonly SemaphoreSlim _startGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private readonly Dictionary<(string TenantId, Guid CallId), Lane> _lanes = [];
    private readonly HashSet<Task> _running = [];
    private TaskCompletionSource _idle = CompletedSignal();
    private OutboxJournal? _journal;
    private FileStream? _lock;
    private long _nextSequence;
    private int _pending;
    private bool _disposed;

    public CallOutbox(MediaHostApiClient api, IOptions<OutboxOptions> options, ILogger<CallOutbox> logger, TimeProvider time,
        IHostEnvironment? environment = null)
    {
        _api = api;
        _options = options.Value;
        _logger = logger;
        _time = time;
        _root = _options.ResolvePath(environment?.ContentRootPath ?? Directory.GetCurrentDirectory());
        _commandPipeline = DeliveryPipeline(_options.RequestTimeout);
        _recordingPipeline = DeliveryPipeline(_options.RecordingTimeout);
    }

    /// <summary>The outbox's folder.</summary>
    public string RootPath => _root;

    /// <summary>Entries given and not yet settled (acknowledged or dead-lettered).</summary>
    public int PendingCount => Volatile.Read(ref _pending);

    /// <summary>True when the folder has a journal with records to recover (the outbox starts with the host only then; otherwise at first use).</summary>
    public bool HasJournal => Directory.Exists(Path.Combine(_root, JournalFolder))
        && Directory.EnumerateFiles(Path.Combine(_root, JournalFolder), "*" + OutboxJournal.FileExtension).Any(f => new FileInfo(f).Length > 0);

    /// <summary>
    /// Opens the folder (taking its lock), reads the journal and starts sending what it holds. Idempotent; the first
    /// <see cref="EnqueueAsync"/> does it too.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _journal) is not null)
        {
            return;
        }

        await _startGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_journal is not null)
            {
                return;
            }

            Directory.CreateDirectory(_root);
            Directory.CreateDirectory(Path.Combine(_root, RecordingsFolder));
            Directory.CreateDirectory(Path.Combine(_root, DeadLetterFolder));
            var lockPath = Path.Combine(_root, LockFile);
            try
            {
                _lock = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e)
            {
                throw new IOException(
                    $"The outbox folder {_root} is in use by another process (Outbox:Path must be one process's own).", e);
            }

            OutboxJournal journal;
            List<OutboxEntry> pending;
            try
            {
                journal = OutboxJournal.Open(Path.Combine(_root, JournalFolder), _options.SegmentBytes, _logger, out pending);
                SweepOrphanRecordings(pending);
            }
            catch
            {
                await _lock.DisposeAsync().ConfigureAwait(false);
                _lock = null;
                throw;
            }

            lock (_gate)
            {
                _nextSequence = journal.NextSequence;
                foreach (var entry in pending)
                {
                    AddLocked(entry);
                }

                Volatile.Write(ref _journal, journal);
            }

            if (pending.Count > 0)
            {
                LogRecovered(pending.Count, pending.Select(e => e.CallId).Distinct().Count(), _root);
            }
        }
        finally
        {
            _startGate.Release();
        }
    }

    public async ValueTask EnqueueAsync(string tenantId, Guid callId, CallCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        CheckCall(tenantId, callId);
        if (command.CommandId == Guid.Empty)
        {
            throw new ArgumentException("A command needs its id.", nameof(command));
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(command, MediaHostContract.Json);
        cancellationToken.ThrowIfCancellationRequested();
        await StartAsync(cancellationToken).ConfigureAwait(false);
        var entry = Append(sequence => new OutboxEntry
        {
            Sequence = sequence,
            Kind = OutboxEntryKind.Command,
            TenantId = tenantId,
            CallId = callId,
            Id = command.CommandId,
            EnqueuedAt = _time.GetUtcNow(),
            Command = json,
        });
        await entry.Durable.ConfigureAwait(false);
    }

    public async ValueTask EnqueueRecordingAsync(string tenantId, Guid callId, string wavPath, CancellationToken cancellationToken = default)
    {
        CheckCall(tenantId, callId);
        var source = Path.GetFullPath(wavPath);
        if (!File.Exists(source))
        {
            throw new FileNotFoundException("The recording to upload does not exist.", source);
        }

        cancellationToken.ThrowIfCancellationRequested();
        await StartAsync(cancellationToken).ConfigureAwait(false);
        var id = Guid.NewGuid();
        var entry = Append(sequence => new OutboxEntry
        {
            Sequence = sequence,
            Kind = OutboxEntryKind.Recording,
            TenantId = tenantId,
            CallId = callId,
            Id = id,
            EnqueuedAt = _time.GetUtcNow(),
            RecordingFile = $"{callId:N}-{id:N}.wav",
            RecordingSource = source,
            Taken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously),
        });

        // Written first, moved second: a crash between leaves an entry that knows where the file still is. Should the move
        // fail now, delivery tries it again (the entry is in the journal) and the caller hears of the failure.
        try
        {
            await entry.Durable.ConfigureAwait(false);
            TakeRecording(entry);
        }
        finally
        {
            entry.Taken!.TrySetResult();
        }
    }

    /// <summary>Completes when nothing is pending (everything given so far is acknowledged or dead-lettered).</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return _idle.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Stops delivering (what is pending stays in the journal for the next start) and closes the folder.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        // A start under way finishes first; one asked for later sees the outbox disposed.
        await _startGate.WaitAsync().ConfigureAwait(false);
        try
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
            Task[] running;
            lock (_gate)
            {
                running = [.. _running];
            }

            await Task.WhenAll(running).ConfigureAwait(false);
            if (_journal is { } journal)
            {
                await journal.DisposeAsync().ConfigureAwait(false);
            }

            if (_lock is { } held)
            {
                await held.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _startGate.Release();
        }
    }

    private OutboxEntry Append(Func<long, OutboxEntry> create)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var entry = create(_nextSequence++);
            entry.Durable = _journal!.AppendAsync(entry);
            AddLocked(entry);
            return entry;
        }
    }

    private void AddLocked(OutboxEntry entry)
    {
        var key = (entry.TenantId, entry.CallId);
        if (!_lanes.TryGetValue(key, out var lane))
        {
            lane = new Lane(entry.TenantId, entry.CallId);
            _lanes[key] = lane;
        }

        lane.Entries.Enqueue(entry);
        if (_pending++ == 0)
        {
            _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        if (!lane.Running)
        {
            lane.Running = true;
            var run = Task.Run(() => RunLaneAsync(lane));
            _running.Add(run);
            _ = run.ContinueWith(t =>
            {
                lock (_gate)
                {
                    _running.Remove(t);
                }
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task RunLaneAsync(Lane lane)
    {
        var stopping = _stopping.Token;
        while (!stopping.IsCancellationRequested)
        {
            OutboxEntry entry;
            lock (_gate)
            {
                if (lane.Entries.Count == 0)
                {
                    lane.Running = false;
                    _lanes.Remove((lane.TenantId, lane.CallId));
                    return;
                }

                entry = lane.Entries.Peek();
            }

            try
            {
                try
                {
                    await entry.Durable.ConfigureAwait(false);
                }
                catch (IOException)
                {
                    // Never written: its EnqueueAsync failed, so its caller knows it was not taken.
                    Done(lane);
                    continue;
                }

                if (entry.Taken is { } taken)
                {
                    await taken.Task.ConfigureAwait(false);
                }

                await DeliverAsync(entry, stopping).ConfigureAwait(false);
                Done(lane);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogLaneFailed(e, entry.CallId, entry.Describe());
                try
                {
                    await Task.Delay(_options.MaxRetryDelay, _time, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Done(Lane lane)
    {
        lock (_gate)
        {
            lane.Entries.Dequeue();
            if (--_pending == 0)
            {
                _idle.TrySetResult();
            }
        }
    }

    private async Task DeliverAsync(OutboxEntry entry, CancellationToken stopping)
    {
        if (entry.Kind == OutboxEntryKind.Recording && !File.Exists(RecordingPath(entry)))
        {
            TakeRecording(entry);
            if (!File.Exists(RecordingPath(entry)))
            {
                await DeadLetterAsync(entry, new ApiAnswer(ApiAnswerKind.Refused, 0, "the recording file is missing", null)).ConfigureAwait(false);
                return;
            }
        }

        var context = ResilienceContextPool.Shared.Get(stopping);
        context.Properties.Set(EntryKey, entry);
        ApiAnswer answer;
        try
        {
            var pipeline = entry.Kind == OutboxEntryKind.Recording ? _recordingPipeline : _commandPipeline;
            answer = await pipeline.ExecuteAsync(
                static async (ctx, self) => await self.SendOnceAsync(ctx.Properties.GetValue(EntryKey, null!), ctx.CancellationToken).ConfigureAwait(false),
                context, this).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (answer.Kind == ApiAnswerKind.Accepted)
        {
            await _journal!.SettleAsync(entry.Sequence, deadLetter: false).ConfigureAwait(false);
            if (entry.Kind == OutboxEntryKind.Recording)
            {
                DeleteQuietly(RecordingPath(entry));
            }

            LogDelivered(entry.CallId, entry.Describe(), answer.Status);
            return;
        }

        await DeadLetterAsync(entry, answer).ConfigureAwait(false);
    }

    private async Task<ApiAnswer> SendOnceAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Kind == OutboxEntryKind.Command)
        {
            using var response = await _api.PostCommandAsync(entry.TenantId, entry.CallId, entry.Command!, cancellationToken).ConfigureAwait(false);
            return await ApiAnswer.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        }

        await using var wav = new FileStream(RecordingPath(entry), FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
        using var uploaded = await _api.PutRecordingAsync(entry.TenantId, entry.CallId, wav, cancellationToken).ConfigureAwait(false);
        return await ApiAnswer.ReadAsync(uploaded, cancellationToken).ConfigureAwait(false);
    }

    private async Task DeadLetterAsync(OutboxEntry entry, ApiAnswer answer)
    {
        var folder = Path.Combine(_root, DeadLetterFolder);
        var name = $"{_time.GetUtcNow():yyyyMMdd'T'HHmmssfff}-{entry.CallId:N}-{entry.Id:N}";
        string? wav = null;
        if (entry.Kind == OutboxEntryKind.Recording && File.Exists(RecordingPath(entry)))
        {
            wav = Path.Combine(folder, name + ".wav");
            File.Move(RecordingPath(entry), wav, overwrite: true);
        }

        var letter = new Dictionary<string, object?>
        {
            ["tenantId"] = entry.TenantId,
            ["callId"] = entry.CallId,
            ["kind"] = entry.Kind == OutboxEntryKind.Command ? "command" : "recording",
            ["id"] = entry.Id,
            ["enqueuedAt"] = entry.EnqueuedAt,
            ["deadAt"] = _time.GetUtcNow(),
            ["status"] = answer.Status,
            ["reason"] = answer.Detail,
            ["command"] = entry.Command is { } json ? JsonSerializer.Deserialize<JsonElement>(json) : null,
            ["recording"] = wav,
        };
        var path = Path.Combine(folder, name + ".json");
        var temporary = path + ".tmp";
        await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await JsonSerializer.SerializeAsync(file, letter, MediaHostContract.Json).ConfigureAwait(false);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        await _journal!.SettleAsync(entry.Sequence, deadLetter: true).ConfigureAwait(false);
        LogDeadLetter(entry.CallId, entry.TenantId, entry.Describe(), answer.Detail ?? answer.Status.ToString(CultureInfo.InvariantCulture), path);
    }

    /// <summary>Moves a handed-over recording under the outbox (and to disk) unless it is there already.</summary>
    private void TakeRecording(OutboxEntry entry)
    {
        var target = RecordingPath(entry);
        if (File.Exists(target) || entry.RecordingSource is not { } source || !File.Exists(source))
        {
            return;
        }

        var temporary = target + ".tmp";
        File.Move(source, temporary, overwrite: true);
        using (var moved = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            moved.Flush(flushToDisk: true);
        }

        File.Move(temporary, target);
    }

    /// <summary>A recording whose entry is settled but whose file was not yet deleted (a crash in between) is deleted now.</summary>
    private void SweepOrphanRecordings(List<OutboxEntry> pending)
    {
        var wanted = pending.Where(e => e.RecordingFile is not null).Select(e => e.RecordingFile!).ToHashSet(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(_root, RecordingsFolder)))
        {
            var name = Path.GetFileName(file);
            if (!wanted.Contains(name) && !(name.EndsWith(".tmp", StringComparison.Ordinal) && wanted.Contains(name[..^4])))
            {
                DeleteQuietly(file);
            }
        }
    }

    private string RecordingPath(OutboxEntry entry) => Path.Combine(_root, RecordingsFolder, entry.RecordingFile!);

    private void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogDeleteFailed(e, path);
        }
    }

    private ResiliencePipeline<ApiAnswer> DeliveryPipeline(TimeSpan attemptTimeout)
    {
        var maxDelay = _options.MaxRetryDelay;
        return new ResiliencePipelineBuilder<ApiAnswer> { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions<ApiAnswer>
            {
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(Math.Min(200, maxDelay.TotalMilliseconds)),
                MaxDelay = maxDelay,
                ShouldHandle = new PredicateBuilder<ApiAnswer>()
                    .HandleResult(answer => answer.Kind == ApiAnswerKind.Retry)
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>(),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result?.RetryAfter is { } wait ? (TimeSpan?)(wait < maxDelay ? wait : maxDelay) : null),
                OnRetry = args =>
                {
                    var entry = args.Context.Properties.GetValue(EntryKey, null!);
                    var failure = args.Outcome.Exception?.Message ?? args.Outcome.Result?.Detail ?? "unknown";
                    if (args.AttemptNumber == 0 || (args.AttemptNumber + 1) % 20 == 0)
                    {
                        LogRetry(entry.CallId, entry.Describe(), args.AttemptNumber + 1, failure, args.RetryDelay.TotalMilliseconds);
                    }
                    else
                    {
                        LogRetryQuiet(entry.CallId, entry.Describe(), args.AttemptNumber + 1, failure, args.RetryDelay.TotalMilliseconds);
                    }

                    if (args.Outcome.Result is { Status: 401 or 403 })
                    {
                        LogRefusedKey(args.Outcome.Result.Status);
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(attemptTimeout)
            .Build();
    }

    private static void CheckCall(string tenantId, Guid callId)
    {
        if (!StreamToken.IsValidTenantId(tenantId))
        {
            throw new ArgumentException("A tenant id is 1–64 letters, digits and dashes.", nameof(tenantId));
        }

        if (callId == Guid.Empty)
        {
            throw new ArgumentException("A call id is required.", nameof(callId));
        }
    }

    private static TaskCompletionSource CompletedSignal()
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        signal.SetResult();
        return signal;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox: {Count} entries of {Calls} calls found in the journal at {Path}; sending them again")]
    private partial void LogRecovered(int count, int calls, string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox: call {CallId}: {Entry} delivered ({Status})")]
    private partial void LogDelivered(Guid callId, string entry, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox: call {CallId}: {Entry} attempt {Attempt} failed ({Failure}); trying again in {DelayMs} ms")]
    private partial void LogRetry(Guid callId, string entry, int attempt, string failure, double delayMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox: call {CallId}: {Entry} attempt {Attempt} failed ({Failure}); trying again in {DelayMs} ms")]
    private partial void LogRetryQuiet(Guid callId, string entry, int attempt, string failure, double delayMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox: the Api refused the service key ({Status}); check Api:ServiceKey. Commands are kept and retried")]
    private partial void LogRefusedKey(int status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox: call {CallId} of {TenantId}: the Api refused {Entry} for good ({Reason}); set aside in {Path}")]
    private partial void LogDeadLetter(Guid callId, string tenantId, string entry, string reason, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox: call {CallId}: delivering {Entry} failed unexpectedly; trying again")]
    private partial void LogLaneFailed(Exception exception, Guid callId, string entry);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox: {Path} could not be deleted")]
    private partial void LogDeleteFailed(Exception exception, string path);

    private sealed class Lane(string tenantId, Guid callId)
    {
        public string TenantId { get; } = tenantId;

        public Guid CallId { get; } = callId;

        public Queue<OutboxEntry> Entries { get; } = new();

        public bool Running { get; set; }
    }
}
