using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using ProSaaS.Infrastructure.EventStore;
using ProSaaS.Infrastructure.ReadModels;

namespace ProSaaS.Infrastructure.Projections.Daemon;

/// <summary>
/// Runs the high-water agent and one agent per async projection. Each agent works only while this process
/// holds its leader lock; every process running a daemon competes, so a projection keeps exactly one worker
/// while any process is alive, and a new one takes over within <see cref="ProjectionDaemonOptions.LeaderRetryInterval"/>.
/// </summary>
public sealed class ProjectionDaemon : IHostedService, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ProjectionRegistry _projections;
    private readonly EventTypeRegistry _eventTypes;
    private readonly ProjectionDaemonOptions _options;
    private readonly string _connectionString;
    private readonly ILogger<ProjectionDaemon> _logger;
    private readonly TimeProvider _clock;
    private readonly HighWaterAgent _highWater;
    private readonly Dictionary<string, ProjectionAgent> _agents;
    private readonly Dictionary<string, LoopState> _loops = new(StringComparer.Ordinal);
    private CancellationTokenSource? _stopping;
    private Task[] _tasks = [];

    public ProjectionDaemon(
        NpgsqlDataSource dataSource,
        EventStoreOptions storeOptions,
        ProjectionRegistry projections,
        EventTypeRegistry eventTypes,
        ProjectionDaemonOptions options,
        ILogger<ProjectionDaemon> logger,
        TimeProvider clock)
    {
        _dataSource = dataSource;
        _projections = projections;
        _eventTypes = eventTypes;
        _options = options;
        _connectionString = storeOptions.ConnectionString;
        _logger = logger;
        _clock = clock;
        _highWater = new HighWaterAgent(dataSource, options, logger, clock);
        _agents = projections.Async.ToDictionary(
            p => p.Name, p => new ProjectionAgent(p, dataSource, eventTypes, options, logger), StringComparer.Ordinal);
    }

    public bool IsRunning => _stopping is { IsCancellationRequested: false } && _tasks.All(t => !t.IsCompleted);

    public DaemonStatus GetStatus()
    {
        lock (_loops)
        {
            return new DaemonStatus(
                IsRunning,
                _highWater.Mark,
                _loops.Values.Select(l => new AgentStatus(l.Name, l.IsLeader, l.Progress(), l.LastTickAt, l.LastError)).ToList());
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            _logger.LogInformation("Projection daemon disabled in this process");
            return;
        }

        foreach (var agent in _agents.Values)
        {
            await ProjectionAgent.EnsureProgressRowAsync(_dataSource, agent.Projection.Name, cancellationToken);
        }

        _stopping = new CancellationTokenSource();
        var loops = new List<Task>
        {
            StartLoop(HighWaterAgent.ProgressName, AdvisoryLockKeys.HighWaterMark, () => _highWater.Mark,
                async ct => await _highWater.TickAsync(ct)),
        };
        foreach (var agent in _agents.Values)
        {
            loops.Add(StartLoop(agent.Projection.Name, AdvisoryLockKeys.ForProjection(agent.Projection.Name), () => agent.Progress,
                async ct => await agent.TickAsync(ct) > 0));
        }

        _tasks = [.. loops];
        _logger.LogInformation("Projection daemon started: {Projections}", string.Join(", ", _agents.Keys));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is null || _stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        await Task.WhenAll(_tasks).WaitAsync(cancellationToken).ContinueWith(_ => { }, CancellationToken.None);
        _logger.LogInformation("Projection daemon stopped");
    }

    /// <summary>
    /// Empties the projection's read model and starts it again from the first event. An async projection is
    /// reset under its progress-row lock (no batch of any process can interleave) and its leader catches up;
    /// an inline one is replayed at once while appends wait.
    /// </summary>
    public async Task RebuildAsync(string projectionName, CancellationToken cancellationToken = default)
    {
        var projection = _projections.Get(projectionName);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await TenantScope.ApplyAsync(connection, transaction, TenantScope.AllTenants, cancellationToken);
        var context = new ProjectionContext(connection, transaction);
        if (projection.Lifecycle == ProjectionLifecycle.Async)
        {
            await ProjectionAgent.EnsureProgressRowAsync(_dataSource, projection.Name, cancellationToken);
            await ExecuteAsync(connection, transaction, "select last_seq_id from mt_event_progression where name = $1 for update", projection.Name, cancellationToken);
            await projection.ResetAsync(context, cancellationToken);
            await ExecuteAsync(connection, transaction, "delete from mt_dead_letter_events where projection_name = $1", projection.Name, cancellationToken);
            await ExecuteAsync(connection, transaction, "update mt_event_progression set last_seq_id = 0, last_updated = now() where name = $1", projection.Name, cancellationToken);
        }
        else
        {
            await ExecuteAsync(connection, transaction,
                $"select pg_advisory_xact_lock({AdvisoryLockKeys.Namespace}, {AdvisoryLockKeys.Appenders})", null, cancellationToken);
            // Rows that reference this projection's rows go with its reset (cascade): their projections are rebuilt too,
            // children reset first and replayed last, all in this transaction.
            var dependents = DependentsOf(projection);
            foreach (var dependent in dependents.AsEnumerable().Reverse())
            {
                await dependent.ResetAsync(context, cancellationToken);
            }

            await projection.ResetAsync(context, cancellationToken);
            foreach (var inline in dependents.Prepend(projection))
            {
                var aliases = inline.EventTypes.SelectMany(_eventTypes.StoredAliasesOf).Distinct().ToArray();
                await ReplayInlineAsync(connection, transaction, inline, aliases, cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        _logger.LogInformation("Projection {Projection} reset for rebuild", projection.Name);
    }

    /// <summary>The inline projections that depend on <paramref name="projection"/>, directly or not, parents before children.</summary>
    internal IReadOnlyList<IProjection> DependentsOf(IProjection projection)
    {
        var ordered = new List<IProjection>();
        var frontier = new Queue<string>([projection.Name]);
        while (frontier.Count > 0)
        {
            var name = frontier.Dequeue();
            foreach (var dependent in _projections.Inline.Where(p => p.DependsOn.Contains(name, StringComparer.Ordinal)))
            {
                if (dependent != projection && !ordered.Contains(dependent))
                {
                    ordered.Add(dependent);
                    frontier.Enqueue(dependent.Name);
                }
            }
        }

        return ordered;
    }

    public async ValueTask DisposeAsync()
    {
        var stopping = Interlocked.Exchange(ref _stopping, null);
        if (stopping is null)
        {
            return;
        }

        if (!stopping.IsCancellationRequested)
        {
            await stopping.CancelAsync();
            await Task.WhenAll(_tasks).ContinueWith(_ => { }, CancellationToken.None);
        }

        stopping.Dispose();
    }

    private async Task ReplayInlineAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IProjection projection, string[] aliases, CancellationToken cancellationToken)
    {
        const int pageSize = 1000;
        var context = new ProjectionContext(connection, transaction);
        long after = 0;
        while (true)
        {
            var page = new List<Application.Common.EventStore.StoredEvent>(pageSize);
            await using (var command = new NpgsqlCommand("""
                             select seq_id, id, stream_id, version, type, data::text, timestamp, tenant_id, correlation_id, causation_id,
                                    user_name, headers::text, is_archived
                             from mt_events where seq_id > $1 and type = any($2) order by seq_id limit $3
                             """, connection, transaction))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = after });
                command.Parameters.Add(new NpgsqlParameter { Value = aliases });
                command.Parameters.Add(new NpgsqlParameter { Value = pageSize });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    page.Add(PostgresEventStore.ReadEvent(reader, _eventTypes));
                }
            }

            if (page.Count > 0)
            {
                await projection.ApplyAsync(context, page, cancellationToken);
            }

            if (page.Count < pageSize)
            {
                return;
            }

            after = page[^1].Sequence;
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, string? name, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        if (name is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = name });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private Task StartLoop(string name, int lockKey, Func<long> progress, Func<CancellationToken, Task<bool>> tick)
    {
        var state = new LoopState(name, progress);
        lock (_loops)
        {
            _loops[name] = state;
        }

        var stopping = _stopping!.Token;
        return Task.Run(async () =>
        {
            await using var leader = new LeaderLock(_connectionString, AdvisoryLockKeys.Namespace, lockKey);
            while (!stopping.IsCancellationRequested)
            {
                try
                {
                    var wasLeader = state.IsLeader;
                    state.IsLeader = await leader.EnsureAsync(stopping);
                    state.LastTickAt = _clock.GetUtcNow();
                    if (state.IsLeader != wasLeader)
                    {
                        _logger.LogInformation(state.IsLeader ? "Leading {Agent}" : "Lost leadership of {Agent}", name);
                    }

                    if (!state.IsLeader)
                    {
                        await Task.Delay(_options.LeaderRetryInterval, _clock, stopping);
                        continue;
                    }

                    var moved = await tick(stopping);
                    state.LastError = null;
                    if (!moved)
                    {
                        await Task.Delay(_options.PollInterval, _clock, stopping);
                    }
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    state.LastError = ex.Message;
                    _logger.LogError(ex, "{Agent} failed; retrying", name);
                    try
                    {
                        await Task.Delay(_options.LeaderRetryInterval, _clock, stopping);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
            }
        }, CancellationToken.None);
    }

    private sealed class LoopState(string name, Func<long> progress)
    {
        public string Name { get; } = name;
        public Func<long> Progress { get; } = progress;
        public volatile bool IsLeader;
        public DateTimeOffset? LastTickAt { get; set; }
        public string? LastError { get; set; }
    }
}

public sealed record DaemonStatus(bool IsRunning, long HighWaterMark, IReadOnlyList<AgentStatus> Agents);

public sealed record AgentStatus(string Name, bool IsLeader, long Progress, DateTimeOffset? LastTickAt, string? LastError);
