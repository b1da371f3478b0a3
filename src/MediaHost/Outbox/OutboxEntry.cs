namespace ProSaaS.MediaHost.Outbox;

internal enum OutboxEntryKind
{
    /// <summary>A <see cref="ProSaaS.Hosting.Calls.CallCommand"/> POSTed to the call's commands route.</summary>
    Command,

    /// <summary>A WAV file PUT to the call's recording route.</summary>
    Recording,
}

/// <summary>
/// One thing waiting for the Api, as the journal keeps it. <see cref="Sequence"/> orders everything the outbox was given;
/// a call's entries are delivered in that order.
/// </summary>
internal sealed class OutboxEntry
{
    public required long Sequence { get; init; }

    public required OutboxEntryKind Kind { get; init; }

    public required string TenantId { get; init; }

    public required Guid CallId { get; init; }

    /// <summary>The command's id; for a recording, an id of its own (it names the file under the outbox).</summary>
    public required Guid Id { get; init; }

    public required DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>The command as sent (UTF-8 JSON with its <c>type</c>); null for a recording.</summary>
    public byte[]? Command { get; init; }

    /// <summary>The recording's file name under the outbox's recordings folder.</summary>
    public string? RecordingFile { get; init; }

    /// <summary>Where the recording was handed over from (it is moved from there once the entry is written).</summary>
    public string? RecordingSource { get; init; }

    /// <summary>Completes once the entry is on disk; faulted when it could not be written (then it is never sent).</summary>
    public Task Durable { get; set; } = Task.CompletedTask;

    /// <summary>For a recording handed over in this process: completes once the move under the outbox was tried.</summary>
    public TaskCompletionSource? Taken { get; init; }

    public string Describe() => Kind == OutboxEntryKind.Command ? $"command {Id}" : $"recording {RecordingFile}";
}
