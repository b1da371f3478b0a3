using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProSaaS.Application.Common;
using ProSaaS.Cli;
using ProSaaS.Infrastructure;
using Serilog;

// Operations on a ProSaaS database:
//   prosaas-cli migrate                                    apply pending schema migrations
//   prosaas-cli seed-demo [--credentials-file PATH] [--demo-calls]   the demo business, one user of each role (and two calls)
//   prosaas-cli rebuild-projection NAME                    rebuild a read model from the events
//   prosaas-cli scenario run FILE|DIR --api URL --media URL --api-key KEY   play scenario calls (no database needed)
// The database comes from ConnectionStrings__Postgres (or --connection "…").
var (command, options) = CommandLine.Parse(args);
if (command is null or "help" or "--help")
{
    Console.WriteLine(CommandLine.Usage);
    return command is null ? 2 : 0;
}

if (command == "scenario")
{
    return await ScenarioCommand.RunAsync(options);
}

var connectionString = options.GetValueOrDefault("connection")
                       ?? Environment.GetEnvironmentVariable("ConnectionStrings__Postgres")
                       ?? "Host=127.0.0.1;Port=55432;Database=prosaas;Username=prosaas;Password=prosaas";

var services = new ServiceCollection();
services.AddLogging(b => b.AddSerilog(
    new LoggerConfiguration().MinimumLevel.Warning().WriteTo.Console(outputTemplate: "{Level:u3} {Message:lj}{NewLine}{Exception}").CreateLogger(),
    dispose: true));
// Options that bind to configuration find none: their defaults apply (file storage under .state/files of the current folder).
services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(
    new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
services.AddApplication();
services.AddInfrastructure(connectionString);
await using var provider = services.BuildServiceProvider();

try
{
    return command switch
    {
        "migrate" => await Commands.MigrateAsync(provider),
        "seed-demo" => await Commands.SeedDemoAsync(provider, options.GetValueOrDefault("credentials-file"), options.GetValueOrDefault("api-key-file"),
            options.ContainsKey("demo-calls")),
        "rebuild-projection" => await Commands.RebuildAsync(provider, options.GetValueOrDefault("0")),
        _ => CommandLine.Unknown(command),
    };
}
catch (Exception ex) when (ex is Npgsql.NpgsqlException or System.Net.Sockets.SocketException)
{
    await Console.Error.WriteLineAsync($"PostgreSQL is not reachable: {ex.Message}");
    return 1;
}
