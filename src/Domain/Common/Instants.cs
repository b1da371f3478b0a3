namespace ProSaaS.Domain.Common;

public static class Instants
{
    /// <summary>
    /// The instant in UTC at the precision PostgreSQL keeps (microseconds), so that a value read back from a read model
    /// equals the one an aggregate holds.
    /// </summary>
    public static DateTimeOffset Normalise(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % 10), TimeSpan.Zero);
    }
}
