using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Outbox;

namespace ProSaaS.MediaHost.Tools;

/// <summary>Runs the functions a call's AI calls: the Api does the work (the media host never touches the database).</summary>
public interface ICallToolClient
{
    /// <summary>
    /// The Api's answer to <paramref name="request"/>. Never fails but for <paramref name="cancellationToken"/>: when the Api
    /// cannot answer in time, the answer is a refusal with a polite Hebrew sentence (<see cref="ApiToolClient.FallbackSpoken"/>),
    /// so the model always has something to say and the caller never waits in silence.
    /// </summary>
    Task<CallToolAnswer> CallAsync(string tenantId, Guid callId, CallToolRequest request, CancellationToken cancellationToken = default);
}

/// <summary>The <c>Api</c> settings of tool calls.</summary>
public sealed class ToolCallOptions
{
    /// <summary>
    /// <c>Api:ToolTimeoutSeconds</c> (default 4): the most a tool call may take, its retry included. The caller is waiting
    /// on the line: past it the model is answered that the system has a problem.
    /// </summary>
    public double ToolTimeoutSeconds { get; set; } = 4;

    public TimeSpan Timeout => TimeSpan.FromSeconds(ToolTimeoutSeconds);
}

/// <summary>
/// Tool calls over the Api's tools route (<see cref="MediaHostContract.ToolsPath"/>) with the service key, within
/// <see cref="ToolCallOptions.ToolTimeoutSeconds"/> in all. A transport failure (the connection refused or cut, a gateway's
/// 502/503/504) is tried once more with the same tool call id — the Api answers a tool call once, so a repeat never does
/// anything twice. Anything else — the time running out, a refusal, an unreadable answer — is answered with
/// <see cref="Fallback"/>.
/// </summary>
public sealed partial class ApiToolClient(MediaHostApiClient api, IOptions<ToolCallOptions> options, TimeProvider time, ILogger<ApiToolClient> logger)
    : ICallToolClient
{
    /// <summary>What the caller hears when a tool call could not be made.</summary>
    public const string FallbackSpoken = "יש לי תקלה קטנה במערכת, נציג יחזור אליך.";

    /// <summary>The <c>error</c> of the answer given when the Api could not answer.</summary>
    public const string UnavailableError = "system_unavailable";

    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(100);

    public async Task<CallToolAnswer> CallAsync(string tenantId, Guid callId, CallToolRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = JsonSerializer.SerializeToUtf8Bytes(request, MediaHostContract.Json);
        using var budget = new CancellationTokenSource(options.Value.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(budget.Token, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await api.PostToolAsync(tenantId, callId, body, linked.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return await ReadAsync(response, request, callId, linked.Token).ConfigureAwait(false);
                }

                var status = (int)response.StatusCode;
                if (attempt == 1 && response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
                {
                    LogRetry(callId, request.Name, request.ToolCallId, $"{status}");
                    await Task.Delay(RetryPause, time, linked.Token).ConfigureAwait(false);
                    continue;
                }

                var answer = await ApiAnswer.ReadAsync(response, linked.Token).ConfigureAwait(false);
                LogRefused(callId, request.Name, request.ToolCallId, answer.Detail ?? status.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return Fallback(request, "refused");
            }
            catch (HttpRequestException e) when (attempt == 1 && !linked.IsCancellationRequested)
            {
                LogRetry(callId, request.Name, request.ToolCallId, e.Message);
                try
                {
                    await Task.Delay(RetryPause, time, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return TimedOut(callId, request);
                }
            }
            catch (HttpRequestException e)
            {
                LogUnavailable(callId, request.Name, request.ToolCallId, e.Message);
                return Fallback(request, "unreachable");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return TimedOut(callId, request);
            }
        }
    }

    /// <summary>The answer given when the Api could not answer: a refusal the model can say aloud, with nothing confirmed.</summary>
    public static CallToolAnswer Fallback(CallToolRequest request, string reason) => new(
        request.ToolCallId,
        false,
        JsonSerializer.SerializeToElement(new JsonObject
        {
            ["error"] = UnavailableError,
            ["reason"] = reason,
            ["message"] = "המערכת לא ענתה: שום דבר לא נשמר. לומר לפונה את המשפט ב-spoken, ולא לנסות שוב עכשיו.",
        }),
        FallbackSpoken,
        CallToolEffects.None);

    private CallToolAnswer TimedOut(Guid callId, CallToolRequest request)
    {
        LogTimedOut(callId, request.Name, request.ToolCallId, options.Value.ToolTimeoutSeconds);
        return Fallback(request, "timeout");
    }

    private async Task<CallToolAnswer> ReadAsync(HttpResponseMessage response, CallToolRequest request, Guid callId, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await response.Content.ReadFromJsonAsync<CallToolAnswer>(MediaHostContract.Json, cancellationToken).ConfigureAwait(false);
            if (answer is { Output.ValueKind: JsonValueKind.Object } && answer.ToolCallId == request.ToolCallId)
            {
                return answer with { Effects = answer.Effects ?? CallToolEffects.None };
            }
        }
        catch (JsonException)
        {
        }

        LogUnreadable(callId, request.Name, request.ToolCallId);
        return Fallback(request, "unreadable");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: tool {Tool} ({ToolCallId}) failed on its way ({Failure}); trying once more")]
    private partial void LogRetry(Guid callId, string tool, string toolCallId, string failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallId}: tool {Tool} ({ToolCallId}) could not reach the Api: {Failure}")]
    private partial void LogUnavailable(Guid callId, string tool, string toolCallId, string failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallId}: tool {Tool} ({ToolCallId}) got no answer within {Seconds} s")]
    private partial void LogTimedOut(Guid callId, string tool, string toolCallId, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallId}: tool {Tool} ({ToolCallId}) was refused by the Api: {Failure}")]
    private partial void LogRefused(Guid callId, string tool, string toolCallId, string failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallId}: tool {Tool} ({ToolCallId}) got an answer that could not be read")]
    private partial void LogUnreadable(Guid callId, string tool, string toolCallId);
}
