using BenchmarkDotNet.Attributes;
using Npgsql;
using ProSaaS.Application.Common.Context;
using ProSaaS.Domain.Leads;
using ProSaaS.Infrastructure.EventStore;
using ProSaaS.Infrastructure.Projections;
using ProSaaS.Infrastructure.ReadModels.Leads;

namespace ProSaaS.Benchmarks;

/// <summary>
/// Append throughput, one caller, one new lead stream per call: 1 or 10 events per call. Each call is a transaction
/// that commits (fsync on the benchmark cluster). <c>OperationsPerInvoke</c> is the number of events per call, so
/// BenchmarkDotNet's Mean is the time per event and events/s = 1 s / Mean.
/// Three writers of the same rows: the raw Npgsql baseline, the store without projections, and the store as the
/// application configures it (the inline <c>leads</c> projection runs in the append's transaction).
/// </summary>
[BenchmarkCategory("append")]
public class AppendBenchmarks
{
    public const string Tenant = "tenant-bench";
    public const string UserName = "agent@example.co.il";

    /// <summary>Set by the program: the database created for this class.</summary>
    internal static BenchDatabase? Database;

    private NpgsqlDataSource _dataSource = null!;
    private PostgresEventStore _store = null!;
    private PostgresEventStore _storeWithInline = null!;
    private RawAppender _raw = null!;

    [GlobalSetup]
    public void Setup()
    {
        var database = Database ?? throw new InvalidOperationException("AppendBenchmarks.Database is not set.");
        _dataSource = database.DataSource;
        var types = EventTypeRegistry.ForDomain();
        var context = new RequestContext { TenantId = Tenant, UserName = UserName, CorrelationId = "bench-" + Guid.NewGuid().ToString("N")[..12] };
        _store = new PostgresEventStore(_dataSource, types, new ProjectionRegistry([]), context, TimeProvider.System);
        _storeWithInline = new PostgresEventStore(
            _dataSource, types, new ProjectionRegistry([new LeadProjection(), new LeadStatusCountsProjection()]), context, TimeProvider.System);
        _raw = new RawAppender(_dataSource, types, Tenant, context.CorrelationId, UserName);

        // Every case starts from empty tables, so none pays for the rows of the one before.
        database.ExecuteAsync("truncate mt_events, mt_streams, leads, lead_status_counts").GetAwaiter().GetResult();
        database.ExecuteAsync("vacuum analyze mt_events, mt_streams, leads").GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 1, Description = "raw Npgsql, 1 event/call")]
    [BenchmarkCategory("1 event per call")]
    public Task Raw_1() => RawAsync(1);

    [Benchmark(OperationsPerInvoke = 1, Description = "store, 1 event/call")]
    [BenchmarkCategory("1 event per call")]
    public Task Store_1() => StartAsync(_store, 1);

    [Benchmark(OperationsPerInvoke = 1, Description = "store + inline leads, 1 event/call")]
    [BenchmarkCategory("1 event per call")]
    public Task StoreInline_1() => StartAsync(_storeWithInline, 1);

    [Benchmark(Baseline = true, OperationsPerInvoke = 10, Description = "raw Npgsql, 10 events/call")]
    [BenchmarkCategory("10 events per call")]
    public Task Raw_10() => RawAsync(10);

    [Benchmark(OperationsPerInvoke = 10, Description = "store, 10 events/call")]
    [BenchmarkCategory("10 events per call")]
    public Task Store_10() => StartAsync(_store, 10);

    [Benchmark(OperationsPerInvoke = 10, Description = "store + inline leads, 10 events/call")]
    [BenchmarkCategory("10 events per call")]
    public Task StoreInline_10() => StartAsync(_storeWithInline, 10);

    private Task RawAsync(int events)
    {
        var id = Guid.NewGuid();
        return _raw.AppendNewStreamAsync(id, "lead", LeadEvents.NewStream(id, events, DateTimeOffset.UtcNow));
    }

    private static Task<long> StartAsync(PostgresEventStore store, int events)
    {
        var id = Guid.NewGuid();
        return store.StartStreamAsync<Lead>(id, LeadEvents.NewStream(id, events, DateTimeOffset.UtcNow));
    }
}
