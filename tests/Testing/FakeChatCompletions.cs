using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProSaaS.Testing;

/// <summary>
/// OpenAI's chat completions endpoint as the call summaries use it: a real HTTP server on 127.0.0.1 and a free port that
/// records every request and answers with what <see cref="Respond"/> picks by the request's number (from 1): a status and a
/// body. <see cref="Completion"/> builds the body of a successful answer around the model's content.
/// </summary>
public sealed class FakeChatCompletions : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private int _count;

    private FakeChatCompletions(int port)
    {
        BaseUrl = $"http://127.0.0.1:{port}/v1";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _serving = ServeAsync();
    }

    /// <summary>The address to configure as <c>OpenAI:BaseUrl</c>.</summary>
    public string BaseUrl { get; }

    public ConcurrentQueue<ChatRequest> Requests { get; } = new();

    /// <summary>The answer to the request of this number: a status and a body. By default a valid summary.</summary>
    public Func<int, ChatRequest, (int Status, string Body)> Respond { get; set; } = (_, _) => (200, Completion(ValidSummary));

    /// <summary>Awaited before a request (by its number) is answered: a slow service.</summary>
    public Func<int, Task> Hold { get; set; } = _ => Task.CompletedTask;

    public static readonly string ValidSummary = """
        {"summary":"דנה כהן התקשרה לברר על דירה בחיפה ומסרה את פרטיה. נקבעה פגישה.","nextAction":"confirm_appointment","nextActionText":"לאשר את הפגישה עם דנה","sentiment":"positive"}
        """;

    public static FakeChatCompletions Start()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new FakeChatCompletions(port);
    }

    /// <summary>A chat completion whose single choice's message content is <paramref name="content"/>.</summary>
    public static string Completion(string content, string finishReason = "stop", string? refusal = null) => new JsonObject
    {
        ["id"] = "chatcmpl-" + Guid.NewGuid().ToString("N"),
        ["object"] = "chat.completion",
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["model"] = "gpt-4.1-mini-2025-04-14",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content, ["refusal"] = refusal },
            ["finish_reason"] = finishReason,
        }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 420, ["completion_tokens"] = 60, ["total_tokens"] = 480 },
    }.ToJsonString();

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            _ = AnswerAsync(context);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var number = Interlocked.Increment(ref _count);
            var request = new ChatRequest(number, context.Request.HttpMethod, context.Request.Url!.AbsolutePath,
                context.Request.Headers["Authorization"], body);
            Requests.Enqueue(request);
            await Hold(number);
            var (status, answer) = Respond(number, request);
            var bytes = Encoding.UTF8.GetBytes(answer);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (HttpListenerException)
        {
            // The client went away (it timed out): nothing to answer.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _serving;
        }
        catch (ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }
}

/// <summary>A request as the fake received it.</summary>
public sealed record ChatRequest(int Number, string Method, string Path, string? Authorization, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    /// <summary>The user message: the call as the summarizer described it.</summary>
    public JsonElement Call => JsonDocument.Parse(Json.GetProperty("messages")[1].GetProperty("content").GetString()!).RootElement.Clone();
}
