using Dapper;
using Npgsql;
using ProSaaS.Application.Calls;

namespace ProSaaS.Infrastructure.ReadModels.Calls;

/// <summary>Reads of <c>call_commands</c>, and the outcomes of commands that recorded nothing (the others come with their events).</summary>
public sealed class CallCommandLog(NpgsqlDataSource dataSource, TimeProvider clock) : ICallCommandLog
{
    private const string Columns = "command_id, call_id, kind, status, call_version";

    public async Task<CallCommandOutcome?> FindAsync(string tenantId, Guid commandId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var row = await scope.Connection.QuerySingleOrDefaultAsync<OutcomeRow>(new CommandDefinition(
            $"select {Columns} from call_commands where tenant_id = @tenantId and command_id = @commandId",
            new { tenantId, commandId }, scope.Transaction, cancellationToken: cancellationToken));
        return row?.ToOutcome();
    }

    public async Task<CallCommandOutcome> RecordIgnoredAsync(string tenantId, CallCommandOutcome outcome, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        // The first outcome of the id stands: one written meanwhile is returned instead of this one.
        var row = await scope.Connection.QuerySingleAsync<OutcomeRow>(new CommandDefinition($"""
            with written as (
                insert into call_commands (tenant_id, command_id, call_id, kind, status, call_version, recorded_at)
                values (@tenantId, @CommandId, @CallId, @Kind, 'ignored', @CallVersion, @recordedAt)
                on conflict (tenant_id, command_id) do nothing
                returning {Columns})
            select {Columns} from written
            union all
            select {Columns} from call_commands
            where tenant_id = @tenantId and command_id = @CommandId and not exists (select 1 from written)
            """, new
        {
            tenantId,
            outcome.CommandId,
            outcome.CallId,
            outcome.Kind,
            outcome.CallVersion,
            recordedAt = clock.GetUtcNow().UtcDateTime,
        }, scope.Transaction, cancellationToken: cancellationToken));
        await scope.CommitAsync(cancellationToken);
        return row.ToOutcome();
    }

    private sealed record OutcomeRow(Guid Command_Id, Guid Call_Id, string Kind, string Status, long Call_Version)
    {
        public CallCommandOutcome ToOutcome() => new(
            Command_Id, Call_Id, Kind, Status == "ignored" ? CallCommandStatus.Ignored : CallCommandStatus.Applied, Call_Version);
    }
}
