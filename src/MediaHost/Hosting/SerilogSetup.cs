using System.Globalization;
using Serilog;
using Serilog.Events;
using Serilog.Settings.Configuration;

namespace ProSaaS.MediaHost.Hosting;

/// <summary>
/// Serilog behind Microsoft.Extensions.Logging, configured by the <c>Serilog</c> section; without
/// <c>Serilog:WriteTo</c> it writes to the console. Defaults: Information, Microsoft.AspNetCore at Warning.
/// </summary>
public static class SerilogSetup
{
    public const string DefaultOutputTemplate =
        "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {SourceContext}: {Message:lj} {Properties:j}{NewLine}{Exception}";

    public static WebApplicationBuilder AddSerilogLogging(this WebApplicationBuilder builder)
    {
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .ReadFrom.Configuration(
                builder.Configuration,
                new ConfigurationReaderOptions(typeof(ConsoleLoggerConfigurationExtensions).Assembly));

        if (!builder.Configuration.GetSection("Serilog:WriteTo").Exists())
        {
            configuration.WriteTo.Console(outputTemplate: DefaultOutputTemplate, formatProvider: CultureInfo.InvariantCulture);
        }

        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddSerilog(configuration.CreateLogger(), dispose: true);
        return builder;
    }
}
