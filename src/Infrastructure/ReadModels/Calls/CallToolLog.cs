using Dapper;
using Npgsql;
using ProSaaS.Application.Calls.Tools;
using ProSaaS.Application.Common.Errors;

namespace ProSaaS.Infrastructure.ReadModels.Calls;

/// <summary>Reads of <c>call_tool_calls</c>, and the answers that changed nothing (the others come with their events).</summary>
public sealed class CallToolLog(NpgsqlDataSource dataSource, TimeProvider clock) : ICallToolLog
{
    private const string Columns = "tool_call_id, tool, answer::text as answer";

    public async Task<CallToolOutcome?> FindAsync(string tenantId, Guid callId, string toolCallId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var row = await scope.Connection.QuerySingleOrDefaultAsync<AnswerRow>(new CommandDefinition(
            $"select {Columns} from call_tool_calls where tenant_id = @tenantId and call_id = @callId and tool_call_id = @toolCallId",
            new { tenantId, callId, toolCallId }, scope.Transaction, cancellationToken: cancellationToken));
        return row?.ToOutcome();
    }

    public async Task<CallToolOutcome> RecordAsync(string tenantId, Guid callId, CallToolOutcome outcome, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        try
        {
            // The first answer of the tool call stands: one written meanwhile is returned instead of this one.
            var row = await scope.Connection.QuerySingleAsync<AnswerRow>(new CommandDefinition($"""
                with written as (
                    insert into call_tool_calls (tenant_id, call_id, tool_call_id, tool, ok, answer, applied, recorded_at)
                    values (@tenantId, @callId, @ToolCallId, @Tool, @Ok, @answer::jsonb, false, @recordedAt)
                    on conflict (tenant_id, call_id, tool_call_id) do nothing
                    returning {Columns})
                select {Columns} from written
                union all
                select {Columns} from call_tool_calls
                where tenant_id = @tenantId and call_id = @callId and tool_call_id = @ToolCallId and not exists (select 1 from written)
                """, new
            {
                tenantId,
                callId,
                outcome.ToolCallId,
                outcome.Tool,
                outcome.Ok,
                answer = outcome.ToStoredJson(),
                recordedAt = clock.GetUtcNow().UtcDateTime,
            }, scope.Transaction, cancellationToken: cancellationToken));
            await scope.CommitAsync(cancellationToken);
            return row.ToOutcome();
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            // The call's row went meanwhile (its lead was deleted).
            throw new NotFoundException("call", callId);
        }
    }

    private sealed record AnswerRow(string Tool_Call_Id, string Tool, string Answer)
    {
        public CallToolOutcome ToOutcome() => CallToolOutcome.FromStoredJson(Tool_Call_Id, Tool, Answer);
    }
}
