namespace ProSaaS.Application.Common.Errors;

/// <summary>
/// Re-runs a load-change-save when the stream moved on between load and save, for a caller that did not ask for a
/// particular version: the change is applied to the newest state rather than refused. A caller that sent an expected
/// version gets the conflict.
/// </summary>
public static class ConcurrencyRetry
{
    public const int Attempts = 3;

    public static async Task<T> RunAsync<T>(bool retry, Func<Task<T>> attempt)
    {
        for (var remaining = retry ? Attempts : 1; ; remaining--)
        {
            try
            {
                return await attempt();
            }
            catch (ConcurrencyException) when (remaining > 1)
            {
            }
        }
    }
}
