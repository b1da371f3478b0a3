namespace ProSaaS.Infrastructure.EventStore;

public sealed class EventStoreOptions
{
    /// <summary>Npgsql connection string of the PostgreSQL database that holds events and read models.</summary>
    public required string ConnectionString { get; init; }
}
