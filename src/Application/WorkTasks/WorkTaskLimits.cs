namespace ProSaaS.Application.WorkTasks;

public static class WorkTaskLimits
{
    /// <summary>Positions are any numbers within ±1e12: a card dropped between two others takes the mean of theirs.</summary>
    public const double MaxPosition = 1e12;

    public const string PositionMessage = "position חייב להיות מספר בין -1000000000000 ל-1000000000000.";
}
