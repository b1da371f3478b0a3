using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using ProSaaS.Application.Common;
using ProSaaS.Application.Common.Context;
using ProSaaS.Infrastructure;
using ProSaaS.Testing;

namespace ProSaaS.Application.Tests;

/// <summary>The Application layer wired as the Api wires it, over a real database.</summary>
public sealed class ApplicationHost : IAsyncLifetime
{
    public PostgresDatabase Database { get; } = new();

    public ServiceProvider Services { get; private set; } = null!;

    public CapturingLoggerProvider Logs { get; } = new();

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        services.AddApplication(typeof(ApplicationHost).Assembly);
        services.AddInfrastructure(Database.ConnectionString);
        // These tests never reach a telephony provider: where the infrastructure brings none, a stand-in that refuses.
        services.TryAddSingleton<ProSaaS.Application.Telephony.ITelephonyGateway, NoTelephonyGateway>();
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>Sends a request in its own scope, as one HTTP request would, on behalf of a tenant.</summary>
    public async Task<T> SendAsync<T>(IRequest<T> request, string? tenant = "tenant-a", string correlationId = "corr-test", string? user = "owner@example.co.il")
    {
        await using var scope = Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.TenantId = tenant;
        context.CorrelationId = correlationId;
        context.UserName = user;
        context.CausationId = "req-" + correlationId;
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }
}

/// <summary>A telephony provider that is not there.</summary>
public sealed class NoTelephonyGateway : ProSaaS.Application.Telephony.ITelephonyGateway
{
    public bool IsLive => false;

    public Task<ProSaaS.Application.Telephony.PlacedCall> PlaceCallAsync(ProSaaS.Application.Telephony.PlaceCallRequest request, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("No telephony provider in these tests.");

    public Task HangUpAsync(string providerCallId, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("No telephony provider in these tests.");

    public Task<Stream> FetchRecordingAsync(string recordingUrl, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("No telephony provider in these tests.");
}

public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly List<Entry> _entries = [];

    public IReadOnlyList<Entry> Entries
    {
        get { lock (_entries) { return _entries.ToList(); } }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    public sealed record Entry(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Scope, Exception? Exception);

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        private readonly AsyncLocal<Dictionary<string, object?>?> _scope = new();

        public IDisposable BeginScope<TState>(TState state) where TState : notnull
        {
            var previous = _scope.Value;
            var merged = new Dictionary<string, object?>(previous ?? []);
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (k, v) in pairs)
                {
                    merged[k] = v;
                }
            }

            _scope.Value = merged;
            return new Restore(() => _scope.Value = previous);
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._entries)
            {
                owner._entries.Add(new Entry(category, logLevel, formatter(state, exception), _scope.Value ?? [], exception));
            }
        }
    }

    private sealed class Restore(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
