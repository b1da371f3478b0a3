using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ProSaaS.Api.Tests.Support;

/// <summary>
/// The real Api in memory. Settings go in through <c>UseSetting</c> so that they are visible to the code that reads
/// configuration while the services are registered.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _configureServices;

    public ApiFactory(string connectionString, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["ConnectionStrings:Postgres"] = connectionString,
            ["Projections:PollInterval"] = "00:00:00.050",
            // New deliveries wake the webhook dispatcher at once; the poll only picks up retries that fall due.
            ["Webhooks:PollInterval"] = "00:00:00.200",
            // No dashboard unless a test provides one: the repository's web/dist may or may not be built.
            ["Dashboard:Path"] = Path.Combine(Path.GetTempPath(), "prosaas-no-dashboard-" + Guid.NewGuid().ToString("N")),
            // The short form: a nested key set through UseSetting leaves its parent as "", which Serilog rejects.
            ["Serilog:MinimumLevel"] = "Warning",
            // Uploaded files of this factory only, removed with it; the periodic sweep runs at start, then tests trigger it.
            ["Storage:Path"] = Path.Combine(Path.GetTempPath(), "prosaas-files-" + Guid.NewGuid().ToString("N")),
            ["Storage:SweepInterval"] = "01:00:00",
            // No after-call work unless a test turns it on (AfterCallFixture): the calls' events stay exactly as the tests record them.
            ["AfterCall:ScanSeconds"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        _configureServices = configureServices;
    }

    /// <summary>The folder this Api keeps uploaded files in (<c>Storage:Path</c>).</summary>
    public string StoragePath => _settings["Storage:Path"]!;

    /// <summary>A PostgreSQL address where nothing listens.</summary>
    public const string UnreachableConnectionString =
        "Host=127.0.0.1;Port=1;Database=prosaas;Username=prosaas;Password=prosaas;Timeout=2";

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        DeleteStorage();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        DeleteStorage();
    }

    private void DeleteStorage()
    {
        try
        {
            if (Directory.Exists(StoragePath))
            {
                Directory.Delete(StoragePath, recursive: true);
            }
        }
        catch (IOException)
        {
            // A temporary folder left behind is no reason to fail a test run.
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_configureServices is not null)
        {
            builder.ConfigureTestServices(_configureServices);
        }
    }
}
