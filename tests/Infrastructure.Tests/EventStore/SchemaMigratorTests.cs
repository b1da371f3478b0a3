using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ProSaaS.Infrastructure.EventStore;
using ProSaaS.Testing;

namespace ProSaaS.Infrastructure.Tests.EventStore;

public sealed class SchemaMigratorTests : IAsyncLifetime
{
    private readonly EmptyPostgresDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task Processes_starting_at_once_apply_each_migration_exactly_once()
    {
        var sources = Enumerable.Range(0, 4).Select(_ => NpgsqlDataSource.Create(_db.ConnectionString)).ToList();
        try
        {
            var results = await Task.WhenAll(sources.Select(s => Task.Run(() => new SchemaMigrator(s, NullLogger<SchemaMigrator>.Instance).ApplyAsync())));

            results.Sum(r => r.Count).Should().Be(SchemaMigrator.Migrations.Count, "the migrations are applied once in total, by whichever process got there first");
            (await _db.ScalarAsync<long>("select count(*) from prosaas_schema_migrations")).Should().Be(SchemaMigrator.Migrations.Count);
            (await _db.ScalarAsync<long>("select count(distinct version) from prosaas_schema_migrations")).Should().Be(SchemaMigrator.Migrations.Count);
            (await _db.ScalarAsync<bool>("select to_regclass('mt_events') is not null and to_regclass('leads') is not null")).Should().BeTrue();
        }
        finally
        {
            foreach (var s in sources)
            {
                await s.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Pending_lists_everything_before_and_nothing_after_and_a_second_run_is_a_no_op()
    {
        var migrator = new SchemaMigrator(_db.DataSource, NullLogger<SchemaMigrator>.Instance);
        (await migrator.GetPendingAsync()).Should().HaveCount(SchemaMigrator.Migrations.Count);

        (await migrator.ApplyAsync()).Should().HaveCount(SchemaMigrator.Migrations.Count);

        (await migrator.GetPendingAsync()).Should().BeEmpty();
        (await migrator.ApplyAsync()).Should().BeEmpty();
        SchemaMigrator.Migrations.Select(m => m.Version).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task A_migration_edited_after_it_was_applied_stops_start_up()
    {
        var migrator = new SchemaMigrator(_db.DataSource, NullLogger<SchemaMigrator>.Instance);
        await migrator.ApplyAsync();
        await _db.ExecuteAsync("update prosaas_schema_migrations set checksum = 'edited' where version = 1");

        var act = () => migrator.ApplyAsync();

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*Migration 1*changed after it was applied*");
    }
}
