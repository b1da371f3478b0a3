namespace ProSaaS.Infrastructure.Webhooks;

/// <summary>Configuration section <c>Webhooks</c>: address policy, retries and the dispatcher.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Accept http:// endpoint addresses (local development and tests only).</summary>
    public bool AllowInsecureUrls { get; set; }

    /// <summary>Accept endpoints on loopback, private and link-local addresses (tests only: otherwise a way into the platform's network).</summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>Wait after the first failed attempt; each further failure waits four times longer (30 s, 2 min, 8 min, …), ±20 % jitter.</summary>
    public double RetryBaseSeconds { get; set; } = 30;

    /// <summary>The longest wait between two attempts.</summary>
    public double RetryMaxDelaySeconds { get; set; } = 6 * 60 * 60;

    /// <summary>Attempts per delivery before it is dead.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How long one attempt may take, connection included.</summary>
    public double RequestTimeoutSeconds { get; set; } = 10;

    /// <summary>Send deliveries from this process. Any number of processes may: each delivery is taken by one.</summary>
    public bool DispatcherEnabled { get; set; } = true;

    /// <summary>The dispatcher looks for due deliveries at least this often (new ones also wake it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Deliveries sent at the same time by one process.</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>Events older than this when the projection reaches them are not sent (after a long outage or a rebuild).</summary>
    public TimeSpan MaxEventAge { get; set; } = TimeSpan.FromDays(3);

    public TimeSpan RequestTimeout => TimeSpan.FromSeconds(Math.Max(0.1, RequestTimeoutSeconds));

    /// <summary>The wait after <paramref name="failedAttempts"/> failures; <paramref name="jitter"/> is uniform in [0, 1).</summary>
    public TimeSpan RetryDelay(int failedAttempts, double jitter)
    {
        var exponent = Math.Clamp(failedAttempts - 1, 0, 30);
        var seconds = Math.Min(Math.Max(0, RetryBaseSeconds) * Math.Pow(4, exponent), Math.Max(0, RetryMaxDelaySeconds));
        return TimeSpan.FromSeconds(seconds * (0.8 + (0.4 * jitter)));
    }
}
