namespace ProSaaS.MediaHost.Outbox;

/// <summary>The <c>Outbox</c> section: how the facts of calls are kept and delivered to the Api.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>
    /// <c>Outbox:Path</c>: the outbox's folder (journal, recordings waiting for upload, dead letters). Empty means
    /// <c>.state/outbox</c> under the content root; a relative path is taken from the content root. It must survive a
    /// restart (not a tmpfs) and belong to one process: a second process on the same folder is refused.
    /// </summary>
    public string Path { get; set; } = string.Empty;

    /// <summary><c>Outbox:MaxRetryDelaySeconds</c> (5): the longest wait between two attempts of a delivery.</summary>
    public double MaxRetryDelaySeconds { get; set; } = 5;

    /// <summary><c>Outbox:RequestTimeoutSeconds</c> (10): time allowed for one command or heartbeat request.</summary>
    public double RequestTimeoutSeconds { get; set; } = 10;

    /// <summary><c>Outbox:RecordingTimeoutSeconds</c> (300): time allowed for one recording upload.</summary>
    public double RecordingTimeoutSeconds { get; set; } = 300;

    /// <summary><c>Outbox:ShutdownGraceSeconds</c> (5): at shutdown, how long to keep delivering what is pending before stopping (the rest is sent at the next start).</summary>
    public double ShutdownGraceSeconds { get; set; } = 5;

    /// <summary><c>Outbox:SegmentBytes</c> (4 MiB): the journal starts a new file past this size.</summary>
    public long SegmentBytes { get; set; } = 4 * 1024 * 1024;

    public const string DefaultRelativePath = ".state/outbox";

    /// <summary>The outbox's folder as an absolute path.</summary>
    public string ResolvePath(string contentRoot) =>
        System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(Path) ? DefaultRelativePath : Path, contentRoot);

    internal TimeSpan MaxRetryDelay => TimeSpan.FromSeconds(MaxRetryDelaySeconds);

    internal TimeSpan RequestTimeout => TimeSpan.FromSeconds(RequestTimeoutSeconds);

    internal TimeSpan RecordingTimeout => TimeSpan.FromSeconds(RecordingTimeoutSeconds);

    internal TimeSpan ShutdownGrace => TimeSpan.FromSeconds(ShutdownGraceSeconds);
}

/// <summary>
/// More of the <c>Api</c> section (beside <see cref="Hosting.ApiOptions"/>): how a call's configuration is fetched when its
/// stream starts. The caller is waiting in silence meanwhile, so the budget is short.
/// </summary>
public sealed class CallConfigFetchOptions
{
    /// <summary><c>Api:ConfigAttempts</c> (3): tries of the config request.</summary>
    public int ConfigAttempts { get; set; } = 3;

    /// <summary><c>Api:ConfigBudgetMilliseconds</c> (2000): the time all tries together may take.</summary>
    public int ConfigBudgetMilliseconds { get; set; } = 2000;

    internal TimeSpan Budget => TimeSpan.FromMilliseconds(ConfigBudgetMilliseconds);
}

/// <summary>The heartbeat setting, read from the <c>MediaHost</c> section.</summary>
public sealed class HeartbeatOptions
{
    /// <summary>
    /// <c>MediaHost:HeartbeatSeconds</c> (20): how often each live call tells the Api it is still going. The Api closes a
    /// call it has not heard of for <c>Calls:LostAfterSeconds</c> (120), so keep this well below that.
    /// </summary>
    public double HeartbeatSeconds { get; set; } = 20;

    internal TimeSpan Interval => TimeSpan.FromSeconds(HeartbeatSeconds);
}
