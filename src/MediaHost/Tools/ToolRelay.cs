using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Behaviour;

namespace ProSaaS.MediaHost.Tools;

/// <summary>
/// Answers the model's function calls on one call through the Api (<see cref="ICallToolClient"/>), keeping what the Api
/// confirmed in <see cref="Effects"/>. The behaviour hands it its <see cref="ToolCalled"/> and <see cref="ResponseFinished"/>
/// events in order and goes on at once: the Api is asked in the background, so the call's other events are never held up.
/// </summary>
/// <remarks>
/// <para>
/// The function calls of one model response are answered together: each answer is given to the model
/// (<c>function_call_output</c>) once that response has finished (a new response cannot start while it is under way), and
/// when the last of them is answered the model is asked to go on — it then says what the answers allow.
/// </para>
/// <para>
/// An answer that ends the call (<see cref="CallToolEffects.EndCall"/>) is not followed by a new response: the assistant's
/// goodbye, said in the response that called <c>end_call</c>, finishes playing and then the line closes. When the assistant
/// said nothing, it first says the answer's <see cref="CallToolAnswer.Spoken"/> goodbye.
/// </para>
/// </remarks>
public sealed partial class ToolRelay(ICallToolClient tools, ILogger<ToolRelay> logger)
{
    /// <summary>The longest an answer waits for the response that called it to finish before it is given anyway.</summary>
    public static readonly TimeSpan ResponseWait = TimeSpan.FromSeconds(10);

    /// <summary>The longest the goodbye said before the end may take to start.</summary>
    public static readonly TimeSpan GoodbyeStartWait = TimeSpan.FromSeconds(3);

    public const string DefaultGoodbye = "תודה ולהתראות.";

    /// <summary>Hebrew as it is: escaped, every letter would cost the model several tokens.</summary>
    private static readonly JsonSerializerOptions ModelJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly object _gate = new();
    private Batch? _open;

    /// <summary>What the Api has confirmed on this call.</summary>
    public ConfirmedEffects Effects { get; } = new();

    /// <summary>Starts answering <paramref name="tool"/>; returns at once.</summary>
    public void OnToolCalled(ToolCalled tool, ICallHandle call)
    {
        var answering = AnswerInOrderAsync(tool, call);
        _ = Task.Run(async () =>
        {
            try
            {
                var relayed = await answering.ConfigureAwait(false);
                if (relayed.LastOfResponse)
                {
                    await GoOnAsync(call, relayed.ResponseAnswers).ConfigureAwait(false);
                }
            }
            catch (Exception e)
            {
                LogFailed(e, call.CallId, tool.Name, tool.ToolCallId);
            }
        });
    }

    /// <summary>
    /// Answers <paramref name="tool"/> in the background: asks the Api, keeps what it confirmed, and gives the model its output
    /// (without asking it to go on) once the response that called it has finished. The tool joins that response before this
    /// returns, so call it in the order the events came. Completes with the answer and, for the last tool of its response to
    /// be answered, every answer of that response: whoever handles it decides whether the model goes on.
    /// </summary>
    public Task<RelayedAnswer> AnswerInOrderAsync(ToolCalled tool, ICallHandle call)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(call);
        Batch batch;
        lock (_gate)
        {
            batch = _open ??= new Batch();
            batch.Outstanding++;
        }

        return Task.Run(() => AnswerAsync(tool, call, batch));
    }

    /// <summary>The answer among <paramref name="answers"/> that ends the call, if any.</summary>
    public static CallToolAnswer? EndingOf(IReadOnlyList<CallToolAnswer> answers) =>
        answers.FirstOrDefault(a => a.Ok && a.Effects?.EndCall is not null);

    /// <summary>The response that called the tools seen so far has finished: their answers may now be given.</summary>
    public void OnResponseFinished()
    {
        Batch? finished;
        lock (_gate)
        {
            finished = _open;
            _open = null;
        }

        finished?.ResponseDone.TrySetResult();
    }

    /// <summary>What the model is given: the answer's output with <c>ok</c> first and the sentence it may say (<c>spoken</c>).</summary>
    public static string ForModel(CallToolAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var output = new JsonObject { ["ok"] = answer.Ok };
        if (answer.Output.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in answer.Output.EnumerateObject())
            {
                if (property.Name is not ("ok" or "spoken"))
                {
                    output[property.Name] = JsonNode.Parse(property.Value.GetRawText());
                }
            }
        }

        if (!string.IsNullOrWhiteSpace(answer.Spoken))
        {
            output["spoken"] = answer.Spoken;
        }

        return output.ToJsonString(ModelJson);
    }

    private async Task<RelayedAnswer> AnswerAsync(ToolCalled tool, ICallHandle call, Batch batch)
    {
        var request = new CallToolRequest(tool.ToolCallId, tool.Name, Arguments(tool.ArgumentsJson));
        CallToolAnswer answer;
        try
        {
            answer = await tools.CallAsync(call.TenantId, call.CallId, request).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The client answers every failure itself; should it throw anyway, the model still gets an answer it can say.
            LogFailed(e, call.CallId, tool.Name, tool.ToolCallId);
            answer = ApiToolClient.Fallback(request, "failed");
        }

        Effects.Record(answer);
        LogAnswered(call.CallId, tool.Name, tool.ToolCallId, answer.Ok);

        try
        {
            await batch.ResponseDone.Task.WaitAsync(ResponseWait).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }

        var last = false;
        try
        {
            await call.SendToolResultAsync(tool.ToolCallId, ForModel(answer), respond: false).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                batch.Answers.Add(answer);
                last = --batch.Outstanding == 0;
            }
        }

        return new RelayedAnswer(answer, last, last ? [.. batch.Answers] : []);
    }

    /// <summary>After the last answer of a response: the model goes on, or the call ends after the goodbye.</summary>
    private static async Task GoOnAsync(ICallHandle call, IReadOnlyList<CallToolAnswer> answers)
    {
        var ending = EndingOf(answers);
        if (ending is null)
        {
            await call.RespondAsync().ConfigureAwait(false);
            return;
        }

        if (!call.IsAssistantSpeaking)
        {
            await call.SayAsync(string.IsNullOrWhiteSpace(ending.Spoken) ? DefaultGoodbye : ending.Spoken).ConfigureAwait(false);
            var deadline = DateTime.UtcNow + GoodbyeStartWait;
            while (!call.IsAssistantSpeaking && !call.IsEnding && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20).ConfigureAwait(false);
            }
        }

        call.EndCall(ending.Effects.EndCall!, afterPlayback: true);
    }

    /// <summary>The model's arguments as JSON; text that is not JSON is sent as a string, for the Api to refuse politely.</summary>
    private static JsonElement Arguments(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return JsonSerializer.SerializeToElement(new JsonObject());
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(json);
        }
    }

    /// <summary>The function calls of one model response.</summary>
    private sealed class Batch
    {
        public TaskCompletionSource ResponseDone { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Outstanding { get; set; }

        public List<CallToolAnswer> Answers { get; } = [];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: tool {Tool} ({ToolCallId}) answered, ok: {Ok}")]
    private partial void LogAnswered(Guid callId, string tool, string toolCallId, bool ok);

    [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallId}: tool {Tool} ({ToolCallId}) could not be answered to the model")]
    private partial void LogFailed(Exception exception, Guid callId, string tool, string toolCallId);
}

/// <summary>
/// One tool call answered and given to the model: the Api's answer, whether it was the last of its response's tools to be
/// answered, and then every answer of that response (empty otherwise).
/// </summary>
public sealed record RelayedAnswer(CallToolAnswer Answer, bool LastOfResponse, IReadOnlyList<CallToolAnswer> ResponseAnswers);
