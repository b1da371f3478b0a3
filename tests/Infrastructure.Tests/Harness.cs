using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ProSaaS.Application.Common.Context;
using ProSaaS.Infrastructure.EventStore;
using ProSaaS.Infrastructure.Projections;
using ProSaaS.Infrastructure.Projections.Daemon;
using ProSaaS.Infrastructure.ReadModels.Leads;
using ProSaaS.Testing;

namespace ProSaaS.Infrastructure.Tests;

internal static class Harness
{
    public static RequestContext Context(string tenant = "tenant-a") => new() { TenantId = tenant, CorrelationId = "corr-" + Guid.NewGuid().ToString("N")[..8] };

    public static PostgresEventStore Store(
        PostgresDatabase db, RequestContext? context = null, TimeProvider? clock = null, EventTypeRegistry? types = null, params IProjection[] projections) =>
        new(db.DataSource, types ?? EventTypeRegistry.ForDomain(),
            new ProjectionRegistry(projections.Length == 0 ? [new LeadProjection()] : projections),
            context ?? Context(), clock ?? TimeProvider.System);

    public static ProjectionDaemon Daemon(PostgresDatabase db, ILogger<ProjectionDaemon>? logger = null, params IProjection[] projections) =>
        new(db.DataSource, new EventStoreOptions { ConnectionString = db.ConnectionString }, new ProjectionRegistry(projections),
            EventTypeRegistry.ForDomain(),
            new ProjectionDaemonOptions
            {
                PollInterval = TimeSpan.FromMilliseconds(20),
                LeaderRetryInterval = TimeSpan.FromMilliseconds(100),
                BatchSize = 100,
            },
            logger ?? NullLogger<ProjectionDaemon>.Instance, TimeProvider.System);
}

/// <summary>Keeps log lines in memory so tests can assert what was logged.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    private readonly List<(LogLevel Level, string Message)> _entries = [];

    public IReadOnlyList<(LogLevel Level, string Message)> Entries
    {
        get { lock (_entries) { return _entries.ToList(); } }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries)
        {
            _entries.Add((logLevel, formatter(state, exception)));
        }
    }
}
