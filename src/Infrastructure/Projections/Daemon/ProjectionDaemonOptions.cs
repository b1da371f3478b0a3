namespace ProSaaS.Infrastructure.Projections.Daemon;

public sealed class ProjectionDaemonOptions
{
    public const string Section = "Projections";

    /// <summary>Runs the async projections in this process. Any number of processes may; one leads each projection.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long an idle agent waits before looking for new events again.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Events applied per transaction.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>How often a process that is not the leader of a projection tries to become it.</summary>
    public TimeSpan LeaderRetryInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>After this long at one gap still held by a live transaction, the high-water agent logs a warning.</summary>
    public TimeSpan GapWarningAfter { get; set; } = TimeSpan.FromSeconds(30);
}
