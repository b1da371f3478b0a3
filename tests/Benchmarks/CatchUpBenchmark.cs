using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ProSaaS.Application.Common.Context;
using ProSaaS.Domain.Leads;
using ProSaaS.Infrastructure.EventStore;
using ProSaaS.Infrastructure.Projections;
using ProSaaS.Infrastructure.Projections.Daemon;
using ProSaaS.Infrastructure.ReadModels.Leads;

namespace ProSaaS.Benchmarks;

/// <summary>
/// Async projection catch-up: the events are appended while no daemon runs, then a daemon with the
/// lead_status_counts projection starts and the clock runs until <see cref="ProjectionProgress.WaitForNonStaleAsync"/>
/// returns. The baseline reads the same events in sequence order in batches of the same size with plain Npgsql and
/// applies the same upserts, one transaction per batch that also moves a progress row.
/// A plain Stopwatch harness: a warm-up of each, then store and raw runs alternate.
/// </summary>
public sealed class CatchUpBenchmark(BenchDatabase database, int streams, int eventsPerStream, int repetitions, TextWriter log)
{
    public const string Name = "ProSaaS.Benchmarks.CatchUp.LeadStatusCounts";
    public const int BatchSize = 500;

    private const string ProjectionName = "lead_status_counts";
    private const string RawProgressName = "raw_lead_status_counts";
    private const string Upsert = """
        insert into lead_status_counts (tenant_id, status, lead_count) values ($1, $2, $3)
        on conflict (tenant_id, status) do update set lead_count = lead_status_counts.lead_count + excluded.lead_count
        """;

    private static readonly string[] Tenants = ["tenant-a", "tenant-b", "tenant-c", "tenant-d"];

    private readonly NpgsqlDataSource _dataSource = database.DataSource;
    private Dictionary<(string Tenant, string Status), long> _expected = [];

    public int Events => streams * eventsPerStream;

    public async Task<CatchUpResult> RunAsync()
    {
        var seedTime = await SeedAsync();
        log.WriteLine($"// catch-up: seeded {Events:N0} events in {streams:N0} streams across {Tenants.Length} tenants in {seedTime.TotalSeconds:0.0} s");

        log.WriteLine("// catch-up: warm-up (1 store run, 1 raw run)");
        await RunStoreAsync();
        await RunRawAsync();

        var store = new List<TimeSpan>();
        var raw = new List<TimeSpan>();
        for (var i = 0; i < repetitions; i++)
        {
            // Alternate which goes first, so drift (checkpoints, autovacuum) does not favour either.
            if (i % 2 == 0)
            {
                store.Add(await RunStoreAsync());
                raw.Add(await RunRawAsync());
            }
            else
            {
                raw.Add(await RunRawAsync());
                store.Add(await RunStoreAsync());
            }

            log.WriteLine($"// catch-up run {i + 1}/{repetitions}: store {store[^1].TotalMilliseconds:N0} ms, raw {raw[^1].TotalMilliseconds:N0} ms");
        }

        return new CatchUpResult(Events, store, raw);
    }

    private async Task<TimeSpan> SeedAsync()
    {
        var types = EventTypeRegistry.ForDomain();
        var stores = Tenants.ToDictionary(
            t => t,
            t => new PostgresEventStore(_dataSource, types, new ProjectionRegistry([]),
                new RequestContext { TenantId = t, UserName = AppendBenchmarks.UserName, CorrelationId = "seed-" + t }, TimeProvider.System));
        var final = LeadEvents.Funnel[LeadEvents.StepIndex(eventsPerStream - 1)];
        _expected = Tenants.ToDictionary(t => (t, final), t => (long)Enumerable.Range(0, streams).Count(i => Tenants[i % Tenants.Length] == t));

        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, streams), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var id = Guid.NewGuid();
            await stores[Tenants[i % Tenants.Length]].StartStreamAsync<Lead>(id, LeadEvents.NewStream(id, eventsPerStream, DateTimeOffset.UtcNow), ct);
        });
        watch.Stop();
        await database.ExecuteAsync("vacuum analyze mt_events, mt_streams");
        return watch.Elapsed;
    }

    /// <summary>Back to "appended, never projected": empty read model, projection and high-water mark at zero.</summary>
    private async Task ResetAsync()
    {
        await database.ExecuteAsync($"""
            delete from lead_status_counts;
            update mt_event_progression set last_seq_id = 0, last_updated = now() where name in ('HighWaterMark', '{ProjectionName}');
            insert into mt_event_progression (name, last_seq_id) values ('{RawProgressName}', 0)
                on conflict (name) do update set last_seq_id = 0, last_updated = now();
            """);
        await database.ExecuteAsync("vacuum analyze lead_status_counts, mt_event_progression");
    }

    private async Task<TimeSpan> RunStoreAsync()
    {
        await ResetAsync();
        var daemon = new ProjectionDaemon(
            _dataSource,
            new EventStoreOptions { ConnectionString = database.ConnectionString },
            new ProjectionRegistry([new LeadStatusCountsProjection()]),
            EventTypeRegistry.ForDomain(),
            new ProjectionDaemonOptions { BatchSize = BatchSize, PollInterval = TimeSpan.FromMilliseconds(25) },
            NullLogger<ProjectionDaemon>.Instance,
            TimeProvider.System);
        var watch = Stopwatch.StartNew();
        await daemon.StartAsync(CancellationToken.None);
        await ProjectionProgress.WaitForNonStaleAsync(_dataSource, [ProjectionName], TimeSpan.FromMinutes(10));
        watch.Stop();
        await daemon.DisposeAsync();
        await VerifyAsync("store");
        return watch.Elapsed;
    }

    private async Task<TimeSpan> RunRawAsync()
    {
        await ResetAsync();
        string[] aliases = ["lead_captured", "lead_status_changed"];
        var watch = Stopwatch.StartNew();
        long progress = 0;
        var rows = new List<(long Seq, string Tenant, string Type, string Data)>(BatchSize);
        while (true)
        {
            await using var connection = await _dataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            rows.Clear();
            await using (var read = new NpgsqlCommand(
                             "select seq_id, tenant_id, type, data::text from mt_events where seq_id > $1 and type = any($2) order by seq_id limit $3",
                             connection, transaction))
            {
                read.Parameters.Add(new NpgsqlParameter { Value = progress });
                read.Parameters.Add(new NpgsqlParameter { Value = aliases });
                read.Parameters.Add(new NpgsqlParameter { Value = BatchSize });
                await using var reader = await read.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
                }
            }

            if (rows.Count == 0)
            {
                await transaction.RollbackAsync();
                break;
            }

            foreach (var row in rows)
            {
                using var json = JsonDocument.Parse(row.Data);
                if (row.Type == "lead_captured")
                {
                    await UpsertAsync(connection, transaction, row.Tenant, json.RootElement.GetProperty("status").GetString()!, 1);
                }
                else
                {
                    await UpsertAsync(connection, transaction, row.Tenant, json.RootElement.GetProperty("fromStatus").GetString()!, -1);
                    await UpsertAsync(connection, transaction, row.Tenant, json.RootElement.GetProperty("toStatus").GetString()!, 1);
                }
            }

            progress = rows[^1].Seq;
            await using (var update = new NpgsqlCommand(
                             "update mt_event_progression set last_seq_id = $2, last_updated = now() where name = $1", connection, transaction))
            {
                update.Parameters.Add(new NpgsqlParameter { Value = RawProgressName });
                update.Parameters.Add(new NpgsqlParameter { Value = progress });
                await update.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }

        watch.Stop();
        await VerifyAsync("raw");
        return watch.Elapsed;
    }

    private static async Task UpsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string tenant, string status, long delta)
    {
        await using var command = new NpgsqlCommand(Upsert, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = status });
        command.Parameters.Add(new NpgsqlParameter { Value = delta });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Both runs must leave the same, correct counts; a fast wrong answer is no result.</summary>
    private async Task VerifyAsync(string run)
    {
        var actual = new Dictionary<(string, string), long>();
        await using (var command = _dataSource.CreateCommand("select tenant_id, status, lead_count from lead_status_counts where lead_count <> 0"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                actual[(reader.GetString(0), reader.GetString(1))] = reader.GetInt64(2);
            }
        }

        if (actual.Count != _expected.Count || _expected.Any(e => !actual.TryGetValue(e.Key, out var n) || n != e.Value))
        {
            throw new InvalidOperationException(
                $"The {run} catch-up left wrong counts: {string.Join(", ", actual.Select(a => $"{a.Key}={a.Value}"))}");
        }
    }
}

public sealed record CatchUpResult(int Events, IReadOnlyList<TimeSpan> Store, IReadOnlyList<TimeSpan> Raw);
