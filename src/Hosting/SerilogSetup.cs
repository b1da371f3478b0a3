using System.Globalization;
using Serilog;
using Serilog.Events;
using Serilog.Settings.Configuration;

namespace ProSaaS.Hosting;

/// <summary>
/// Serilog behind Microsoft.Extensions.Logging. The <c>Serilog</c> section (Serilog.Settings.Configuration) can
/// change levels (<c>Serilog:MinimumLevel:Default</c>, <c>Serilog:MinimumLevel:Override:&lt;category&gt;</c>) and
/// sinks; without <c>Serilog:WriteTo</c> the log goes to the console with <see cref="DefaultOutputTemplate"/>.
/// Defaults: Information, Microsoft.AspNetCore at Warning.
/// </summary>
public static class SerilogSetup
{
    /// <summary>One line per event; <c>{Properties:j}</c> shows CorrelationId, TenantId, RequestId and the rest of the scope.</summary>
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
        // Serilog's levels decide alone; the Microsoft.Extensions.Logging filter would otherwise drop Debug first.
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddSerilog(configuration.CreateLogger(), dispose: true);
        return builder;
    }
}
