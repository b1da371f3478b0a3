using System.Diagnostics;
using System.Net;
using ProSaaS.Api.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Infrastructure.EventStore;

namespace ProSaaS.Api.Tests.Health;

public sealed class UnreachableDatabaseTests
{
    [Fact]
    public async Task Ready_is_503_with_the_database_check_unhealthy()
    {
        using var api = new ApiFactory(ApiFactory.UnreachableConnectionString, new Dictionary<string, string?>
        {
            ["Database:MigrateOnStartup"] = "false",
            ["Projections:Enabled"] = "false",
        });

        var response = await api.CreateClient().GetAsync("/health/ready");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var body = await response.ReadJsonAsync();
        body.GetProperty("status").GetString().Should().Be("Unhealthy");
        var checks = body.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c);
        checks["database"].GetProperty("status").GetString().Should().Be("Unhealthy");
        checks["migrations"].GetProperty("status").GetString().Should().Be("Unhealthy");
        checks["projections-daemon"].GetProperty("status").GetString().Should().Be("Healthy");
        checks["projections-daemon"].GetProperty("description").GetString().Should().Be("disabled in this process");
        body.ToString().Should().NotContain("Password");

        (await api.CreateClient().GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Start_up_fails_soon_after_the_startup_timeout_instead_of_hanging()
    {
        using var api = new ApiFactory(ApiFactory.UnreachableConnectionString, new Dictionary<string, string?>
        {
            ["Database:StartupTimeout"] = "00:00:01",
            ["Projections:Enabled"] = "false",
        });
        var watch = Stopwatch.StartNew();

        var start = () => Task.Run(() => api.CreateClient()).WaitAsync(TimeSpan.FromSeconds(60));

        (await start.Should().ThrowAsync<Exception>()).Which.Should().NotBeOfType<TimeoutException>();
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task The_migration_service_retries_until_the_timeout_then_reports_the_database_unavailable()
    {
        await using var dataSource = NpgsqlDataSource.Create(ApiFactory.UnreachableConnectionString);
        var logger = new RecordingLogger<DatabaseMigrationService>();
        var service = new DatabaseMigrationService(
            new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance),
            new EventStoreOptions { ConnectionString = ApiFactory.UnreachableConnectionString },
            Options.Create(new DatabaseOptions { StartupTimeout = TimeSpan.FromSeconds(3) }),
            TimeProvider.System,
            logger);
        var watch = Stopwatch.StartNew();

        var start = () => service.StartAsync(CancellationToken.None);

        var failure = await start.Should().ThrowAsync<DatabaseUnavailableException>();
        failure.Which.Message.Should().Contain("127.0.0.1:1").And.NotContain("Password");
        watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1.9)).And.BeLessThan(TimeSpan.FromSeconds(15));
        logger.Entries.Should().Contain(e => e.Level == LogLevel.Warning && e.Message.Contains("retrying in 2 s"));
        logger.Entries.Should().ContainSingle(e => e.Level == LogLevel.Critical)
            .Which.Message.Should().Contain("Start-up aborted").And.Contain("ConnectionStrings:Postgres").And.NotContain("Password");
    }

    [Fact]
    public async Task The_migration_service_does_nothing_when_migrations_at_start_up_are_off()
    {
        await using var dataSource = NpgsqlDataSource.Create(ApiFactory.UnreachableConnectionString);
        var service = new DatabaseMigrationService(
            new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance),
            new EventStoreOptions { ConnectionString = ApiFactory.UnreachableConnectionString },
            Options.Create(new DatabaseOptions { MigrateOnStartup = false }),
            TimeProvider.System,
            NullLogger<DatabaseMigrationService>.Instance);

        await service.Invoking(s => s.StartAsync(CancellationToken.None)).Should().NotThrowAsync();
    }
}
