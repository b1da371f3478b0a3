using MediatR;
using Microsoft.Extensions.DependencyInjection;
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
