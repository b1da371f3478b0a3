using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProSaaS.Hosting.Calls;

namespace ProSaaS.Sandbox;

/// <summary>
/// The Api's internal call routes (<see cref="MediaHostContract"/>) as a real HTTP server on 127.0.0.1, for testing the
/// media host's side. It checks the service key, serves each known call's <see cref="CallConfig"/>, applies commands once
/// per <see cref="CallCommand.CommandId"/> (a retry gets the first result and is only counted), answers heartbeats,
/// stores recording uploads like the Api (201, 200 for the same bytes again, 409 for different bytes, 413, 415), and
/// answers tool calls once per <see cref="CallToolRequest.ToolCallId"/> of a call (<see cref="AnswerTools"/> scripts the
/// answers; by default every tool succeeds, and <c>end_call</c> ends the call with its <c>reason</c>).
/// </summary>
/// <remarks>
/// Outages: <see cref="GoDownAsync"/> stops listening (connections are refused, open ones cut) and
/// <see cref="ComeUpAsync"/> listens again on the same port with all state kept; <see cref="FailFor"/>,
/// <see cref="FailNext"/> and <see cref="DelayNext"/> answer errors or late; <see cref="RejectCommand"/> and
/// <see cref="FailCall"/> script one command or one call. Thread-safe; the <c>WaitFor…</c> helpers wait for what the test
/// expects and fail with what was seen instead.
/// </remarks>
public sealed class FakeMediaHostApi : IAsyncDisposable
{
    /// <summary>The service key the fake accepts by default (base64 of 32 bytes): what <c>Api:ServiceKey</c> is set to.</summary>
    public static readonly string DefaultServiceKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray());

    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(15);

    private readonly object _gate = new();
    private readonly string _serviceKey;
    private readonly Dictionary<Guid, KnownCall> _calls = [];
    private readonly Dictionary<Guid, AppliedCommand> _applied = [];
    private readonly List<ReceivedCommand> _commands = [];
    private readonly Dictionary<Guid, int> _deliveries = [];
    private readonly Dictionary<Guid, int> _heartbeats = [];
    private readonly Dictionary<Guid, byte[]> _recordings = [];
    private readonly Dictionary<Guid, int> _recordingUploads = [];
    private readonly Dictionary<Guid, HttpStatusCode> _rejectedCommands = [];
    private readonly Dictionary<Guid, HttpStatusCode> _failingCalls = [];
    private readonly Dictionary<(Guid CallId, string ToolCallId), CallToolAnswer> _toolAnswers = [];
    private readonly List<ReceivedToolCall> _toolCalls = [];
    private readonly Dictionary<(Guid CallId, string ToolCallId), int> _toolDeliveries = [];
    private Func<ReceivedToolCall, CallToolAnswer?>? _answerTools;
    private readonly Queue<Scripted> _script = new();
    private readonly List<FakeApiRequest> _requests = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private (DateTimeOffset Until, HttpStatusCode Status)? _failing;
    private WebApplication? _app;
    private int _port;

    private FakeMediaHostApi(string serviceKey) => _serviceKey = serviceKey;

    /// <summary>The fake's address: what <c>Api:BaseUrl</c> is set to. It stays the same across <see cref="GoDownAsync"/>/<see cref="ComeUpAsync"/>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public string ServiceKey => _serviceKey;

    /// <summary>True while listening.</summary>
    public bool IsUp
    {
        get
        {
            lock (_gate)
            {
                return _app is not null;
            }
        }
    }

    /// <summary>The largest recording accepted (413 above it).</summary>
    public long MaxRecordingBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Commands applied, each once, in the order they first arrived.</summary>
    public IReadOnlyList<ReceivedCommand> Commands
    {
        get
        {
            lock (_gate)
            {
                return [.. _commands];
            }
        }
    }

    /// <summary>Every request that reached the fake, in order, with the status it was answered with.</summary>
    public IReadOnlyList<FakeApiRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Tool calls answered, each once, in the order they first arrived.</summary>
    public IReadOnlyList<ReceivedToolCall> ToolCalls
    {
        get
        {
            lock (_gate)
            {
                return [.. _toolCalls];
            }
        }
    }

    /// <summary>How many times commands reached the command handling in all (repeats included; not those an outage or a scripted failure turned away).</summary>
    public int CommandDeliveries
    {
        get
        {
            lock (_gate)
            {
                return _deliveries.Values.Sum();
            }
        }
    }

    public static async Task<FakeMediaHostApi> StartAsync(string? serviceKey = null)
    {
        var fake = new FakeMediaHostApi(serviceKey ?? DefaultServiceKey);
        await fake.ListenAsync(port: 0);
        return fake;
    }

    /// <summary>A plausible Hebrew configuration for a call, for tests that do not care about its details.</summary>
    public static CallConfig SampleConfig(string tenantId, Guid callId) => new(
        CallId: callId,
        TenantId: tenantId,
        Direction: CallDirections.Inbound,
        LeadId: null,
        TemplateId: null,
        From: "+972501234567",
        To: "+97233760000",
        BusinessName: "מספרת רונית",
        TimeZone: "Asia/Jerusalem",
        Language: "he",
        AssistantName: "נועה",
        Instructions: "את נועה, העוזרת הקולית של מספרת רונית. דברי עברית, בקצרה ובנימוס.",
        Greeting: "שלום, הגעתם למספרת רונית, מדברת נועה. איך אפשר לעזור?",
        Voice: "coral",
        BotSpeaksFirst: true,
        AutoHangup: new CallAutoHangup(OnLeadCaptured: false, OnGoodbye: true),
        Silence: new CallSilence(WarningAfterSeconds: 8, HangupAfterSeconds: 20, MaxWarnings: 2),
        MaxCallSeconds: 600,
        TurnDetection: new CallTurnDetection(),
        LeadFields: [new CallLeadField("name", "שם", "text", Required: true)],
        Tools: [],
        Record: true);

    /// <summary>A live call the fake knows (of <paramref name="tenantId"/>), served <paramref name="config"/> or <see cref="SampleConfig"/>.</summary>
    public CallConfig AddCall(string tenantId, Guid callId, CallConfig? config = null)
    {
        config ??= SampleConfig(tenantId, callId);
        lock (_gate)
        {
            _calls[callId] = new KnownCall(tenantId, config) { Ended = false };
        }

        return config;
    }

    /// <summary>The call has ended: its config answers 409, its heartbeat 409; commands are still taken (a late transcript turn).</summary>
    public void EndCall(Guid callId)
    {
        lock (_gate)
        {
            _calls[callId].Ended = true;
        }
    }

    /// <summary>The fake no longer knows the call: 404 for config, commands and recording; 409 for heartbeats.</summary>
    public void ForgetCall(Guid callId)
    {
        lock (_gate)
        {
            _calls.Remove(callId);
        }
    }

    /// <summary>Every request is answered <paramref name="status"/> (503 by default) for <paramref name="duration"/>.</summary>
    public void FailFor(TimeSpan duration, HttpStatusCode status = HttpStatusCode.ServiceUnavailable)
    {
        lock (_gate)
        {
            _failing = (DateTimeOffset.UtcNow + duration, status);
        }
    }

    /// <summary>Normal answers again after <see cref="FailFor"/>.</summary>
    public void StopFailing()
    {
        lock (_gate)
        {
            _failing = null;
        }
    }

    /// <summary>The next <paramref name="times"/> requests (any route) are answered <paramref name="status"/> (with <c>Retry-After</c>).</summary>
    public void FailNext(int times, HttpStatusCode status = HttpStatusCode.ServiceUnavailable, TimeSpan? retryAfter = null)
    {
        lock (_gate)
        {
            for (var i = 0; i < times; i++)
            {
                _script.Enqueue(new Scripted(status, retryAfter, Delay: null));
            }
        }
    }

    /// <summary>The next <paramref name="times"/> requests are handled normally, but only after <paramref name="delay"/>.</summary>
    public void DelayNext(int times, TimeSpan delay)
    {
        lock (_gate)
        {
            for (var i = 0; i < times; i++)
            {
                _script.Enqueue(new Scripted(null, null, delay));
            }
        }
    }

    /// <summary>This command is answered <paramref name="status"/> (400 by default) however often it comes.</summary>
    public void RejectCommand(Guid commandId, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        lock (_gate)
        {
            _rejectedCommands[commandId] = status;
        }
    }

    /// <summary>Every request about this call is answered <paramref name="status"/> (503 by default) until <see cref="HealCall"/>.</summary>
    public void FailCall(Guid callId, HttpStatusCode status = HttpStatusCode.ServiceUnavailable)
    {
        lock (_gate)
        {
            _failingCalls[callId] = status;
        }
    }

    public void HealCall(Guid callId)
    {
        lock (_gate)
        {
            _failingCalls.Remove(callId);
        }
    }

    /// <summary>
    /// Scripts the answers to tool calls: <paramref name="answer"/> gets each new tool call (a repeat gets the first answer
    /// without asking); null from it is the default answer (the tool succeeded; <c>end_call</c> ends the call).
    /// </summary>
    public void AnswerTools(Func<ReceivedToolCall, CallToolAnswer?> answer)
    {
        lock (_gate)
        {
            _answerTools = answer;
        }
    }

    /// <summary>How many times a tool call reached the tools handling: more than 1 when it was repeated.</summary>
    public int ToolDeliveries(Guid callId, string toolCallId)
    {
        lock (_gate)
        {
            return _toolDeliveries.GetValueOrDefault((callId, toolCallId));
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> tool calls have been answered.</summary>
    public Task WaitForToolCallsAsync(int count, TimeSpan? timeout = null) =>
        WaitUntilAsync(f => f._toolCalls.Count >= count, timeout, $"{count} tool calls answered");

    /// <summary>The answer the fake gives a tool call nobody scripted: success, with what a real answer says.</summary>
    public static CallToolAnswer DefaultToolAnswer(ReceivedToolCall call)
    {
        var request = call.Request;
        string? endCall = null;
        if (request.Name == "end_call")
        {
            endCall = request.Arguments.ValueKind == JsonValueKind.Object && request.Arguments.TryGetProperty("reason", out var reason)
                                                                          && reason.ValueKind == JsonValueKind.String
                ? reason.GetString()
                : MediaEndReasons.AssistantEnded;
        }

        return new CallToolAnswer(request.ToolCallId, true, JsonSerializer.SerializeToElement(new { tool = request.Name }),
            endCall is null ? "בוצע." : "תודה ולהתראות.", new CallToolEffects(EndCall: endCall));
    }

    /// <summary>Stops listening: new connections are refused and open ones cut. State is kept.</summary>
    public async Task GoDownAsync()
    {
        WebApplication? app;
        lock (_gate)
        {
            app = _app;
            _app = null;
        }

        if (app is null)
        {
            return;
        }

        using (var now = new CancellationTokenSource())
        {
            await now.CancelAsync();
            await app.StopAsync(now.Token);
        }

        await app.DisposeAsync();
    }

    /// <summary>Listens again, on the same port as before.</summary>
    public Task ComeUpAsync() => IsUp ? Task.CompletedTask : ListenAsync(_port);

    /// <summary>The commands of one call, applied once each, in the order they first arrived.</summary>
    public IReadOnlyList<ReceivedCommand> CommandsOf(Guid callId)
    {
        lock (_gate)
        {
            return [.. _commands.Where(c => c.CallId == callId)];
        }
    }

    /// <summary>How many times a command reached the command handling: 1 when it was sent once, more when it was repeated after an answer got lost.</summary>
    public int Deliveries(Guid commandId)
    {
        lock (_gate)
        {
            return _deliveries.GetValueOrDefault(commandId);
        }
    }

    public int Heartbeats(Guid callId)
    {
        lock (_gate)
        {
            return _heartbeats.GetValueOrDefault(callId);
        }
    }

    /// <summary>The recording stored for the call; null when none.</summary>
    public byte[]? Recording(Guid callId)
    {
        lock (_gate)
        {
            return _recordings.GetValueOrDefault(callId);
        }
    }

    /// <summary>How many times a recording of the call was PUT (refused and repeated uploads included).</summary>
    public int RecordingUploads(Guid callId)
    {
        lock (_gate)
        {
            return _recordingUploads.GetValueOrDefault(callId);
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> commands have been applied.</summary>
    public Task WaitForCommandsAsync(int count, TimeSpan? timeout = null) =>
        WaitUntilAsync(f => f._commands.Count >= count, timeout, $"{count} commands applied");

    /// <summary>Waits until at least <paramref name="count"/> commands of the call have been applied.</summary>
    public Task WaitForCommandsAsync(Guid callId, int count, TimeSpan? timeout = null) =>
        WaitUntilAsync(f => f._commands.Count(c => c.CallId == callId) >= count, timeout, $"{count} commands of call {callId} applied");

    public Task WaitForHeartbeatsAsync(Guid callId, int count, TimeSpan? timeout = null) =>
        WaitUntilAsync(f => f._heartbeats.GetValueOrDefault(callId) >= count, timeout, $"{count} heartbeats of call {callId}");

    public async Task<byte[]> WaitForRecordingAsync(Guid callId, TimeSpan? timeout = null)
    {
        await WaitUntilAsync(f => f._recordings.ContainsKey(callId), timeout, $"the recording of call {callId}");
        return Recording(callId)!;
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> holds (checked under the fake's lock after every request; keep it quick and
    /// use only the fake's state). Throws <see cref="TimeoutException"/> describing what was seen.
    /// </summary>
    public async Task WaitUntilAsync(Func<FakeMediaHostApi, bool> condition, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? DefaultWait);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (condition(this))
                {
                    return;
                }

                changed = _changed.Task;
            }

            var left = deadline - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Waited {timeout ?? DefaultWait} for {what ?? "the condition"}; seen: {Describe()}.");
            }

            try
            {
                await changed.WaitAsync(left < TimeSpan.FromMilliseconds(250) ? left : TimeSpan.FromMilliseconds(250));
            }
            catch (TimeoutException)
            {
                // Checked again: time-based state (FailFor) changes without a request.
            }
        }
    }

    public async ValueTask DisposeAsync() => await GoDownAsync();

    private string Describe()
    {
        lock (_gate)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"{_commands.Count} commands applied, {_deliveries.Values.Sum()} deliveries, {_toolCalls.Count} tool calls, {_heartbeats.Values.Sum()} heartbeats, {_recordings.Count} recordings, {_requests.Count} requests, up: {_app is not null}");
        }
    }

    private async Task ListenAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null)
            .UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var uri = new Uri(address);
        lock (_gate)
        {
            _app = app;
            _port = uri.Port;
            BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{uri.Port}/"));
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        // Recorded before the answer leaves, so that a client that has its answer finds the request in Requests.
        var recorded = 0;
        void Record(int status)
        {
            if (Interlocked.Exchange(ref recorded, 1) != 0)
            {
                return;
            }

            var route = Route.Parse(context.Request.Path.Value);
            lock (_gate)
            {
                _requests.Add(new FakeApiRequest(context.Request.Method, context.Request.Path.Value ?? "", route?.TenantId, route?.CallId,
                    route?.Action, status, DateTimeOffset.UtcNow));
                Changed();
            }
        }

        context.Response.OnStarting(() =>
        {
            Record(context.Response.StatusCode);
            return Task.CompletedTask;
        });
        var answered = await AnswerAsync(context);
        Record(answered);
    }

    private async Task<int> AnswerAsync(HttpContext context)
    {
        var request = context.Request;
        var route = Route.Parse(request.Path.Value);
        Scripted? scripted;
        HttpStatusCode? failing = null;
        lock (_gate)
        {
            scripted = _script.TryDequeue(out var next) ? next : null;
            if (_failing is { } window)
            {
                if (DateTimeOffset.UtcNow < window.Until)
                {
                    failing = window.Status;
                }
                else
                {
                    _failing = null;
                }
            }

            if (route is not null && _failingCalls.TryGetValue(route.CallId, out var callStatus))
            {
                failing ??= callStatus;
            }

            if (route is { Action: "recording" } && request.Method == HttpMethods.Put)
            {
                _recordingUploads[route.CallId] = _recordingUploads.GetValueOrDefault(route.CallId) + 1;
            }
        }

        if (scripted?.Delay is { } delay)
        {
            try
            {
                await Task.Delay(delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return 499;
            }
        }

        if (scripted?.Status is { } scriptedStatus)
        {
            if (scripted.RetryAfter is { } wait)
            {
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            return await ProblemAsync(context, scriptedStatus, "fake.scripted", "תקלה מתוכננת.");
        }

        if (failing is { } failure)
        {
            return await ProblemAsync(context, failure, "fake.failing", "השרת אינו זמין כרגע.");
        }

        if (!string.Equals(request.Headers[MediaHostContract.ServiceKeyHeader].ToString(), _serviceKey, StringComparison.Ordinal))
        {
            return await ProblemAsync(context, HttpStatusCode.Unauthorized, null, "נדרש מפתח שירות תקף");
        }

        return (route, request.Method) switch
        {
            ({ Action: "config" }, "GET") => await ConfigAsync(context, route),
            ({ Action: "commands" }, "POST") => await CommandAsync(context, route),
            ({ Action: "heartbeat" }, "POST") => await HeartbeatAsync(context, route),
            ({ Action: "recording" }, "PUT") => await RecordingAsync(context, route),
            ({ Action: "tools" }, "POST") => await ToolAsync(context, route),
            _ => await ProblemAsync(context, HttpStatusCode.NotFound, null, "הכתובת לא נמצאה."),
        };
    }

    private async Task<int> ConfigAsync(HttpContext context, Route route)
    {
        KnownCall? call;
        lock (_gate)
        {
            call = Known(route);
        }

        if (call is null)
        {
            return await ProblemAsync(context, HttpStatusCode.NotFound, null, "השיחה לא נמצאה.");
        }

        if (call.Ended)
        {
            return await ProblemAsync(context, HttpStatusCode.Conflict, "call.not_live", "השיחה הסתיימה או אינה קיימת.");
        }

        return await JsonAsync(context, HttpStatusCode.OK, call.Config);
    }

    private async Task<int> CommandAsync(HttpContext context, Route route)
    {
        var body = await ReadBodyAsync(context, limit: 1024 * 1024);
        CallCommand? command;
        try
        {
            command = body is null ? null : JsonSerializer.Deserialize<CallCommand>(body, MediaHostContract.Json);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            command = null;
        }

        if (command is null || command.CommandId == Guid.Empty)
        {
            return await ProblemAsync(context, HttpStatusCode.BadRequest, null, "הפקודה אינה תקינה.");
        }

        CallCommandResult? result = null;
        var refusal = HttpStatusCode.NotFound;
        lock (_gate)
        {
            _deliveries[command.CommandId] = _deliveries.GetValueOrDefault(command.CommandId) + 1;
            if (_rejectedCommands.TryGetValue(command.CommandId, out var rejection))
            {
                refusal = rejection;
            }
            else if (Known(route) is null)
            {
                refusal = HttpStatusCode.NotFound;
            }
            else if (_applied.TryGetValue(command.CommandId, out var first))
            {
                result = first.Result;
            }
            else
            {
                var version = _commands.Count(c => c.CallId == route.CallId) + 1;
                result = new CallCommandResult(command.CommandId, CallCommandResult.Applied, version);
                _applied[command.CommandId] = new AppliedCommand(result);
                _commands.Add(new ReceivedCommand(route.TenantId, route.CallId, command, Encoding.UTF8.GetString(body!), DateTimeOffset.UtcNow, version));
            }
        }

        if (result is null)
        {
            return await ProblemAsync(context, refusal, null, refusal == HttpStatusCode.NotFound ? "השיחה לא נמצאה." : "הפקודה נדחתה.");
        }

        return await JsonAsync(context, HttpStatusCode.OK, result);
    }

    private async Task<int> ToolAsync(HttpContext context, Route route)
    {
        var body = await ReadBodyAsync(context, limit: 1024 * 1024);
        CallToolRequest? request;
        try
        {
            request = body is null ? null : JsonSerializer.Deserialize<CallToolRequest>(body, MediaHostContract.Json);
        }
        catch (JsonException)
        {
            request = null;
        }

        if (request is null || string.IsNullOrWhiteSpace(request.ToolCallId) || string.IsNullOrWhiteSpace(request.Name))
        {
            return await ProblemAsync(context, HttpStatusCode.BadRequest, null, "הקריאה לכלי אינה תקינה.");
        }

        var key = (route.CallId, request.ToolCallId);
        CallToolAnswer? answer = null;
        Func<ReceivedToolCall, CallToolAnswer?>? script;
        bool known;
        lock (_gate)
        {
            _toolDeliveries[key] = _toolDeliveries.GetValueOrDefault(key) + 1;
            known = Known(route) is not null;
            if (known)
            {
                _toolAnswers.TryGetValue(key, out answer);
            }

            script = _answerTools;
        }

        if (!known)
        {
            return await ProblemAsync(context, HttpStatusCode.NotFound, null, "השיחה לא נמצאה.");
        }

        if (answer is null)
        {
            var received = new ReceivedToolCall(route.TenantId, route.CallId, request, DateTimeOffset.UtcNow);
            var made = (script?.Invoke(received) ?? DefaultToolAnswer(received)) with { ToolCallId = request.ToolCallId };
            lock (_gate)
            {
                // A repeat that raced this one may have answered first: its answer stands.
                if (!_toolAnswers.TryGetValue(key, out answer))
                {
                    _toolAnswers[key] = answer = made;
                    _toolCalls.Add(received);
                }
            }
        }

        return await JsonAsync(context, HttpStatusCode.OK, answer);
    }

    private async Task<int> HeartbeatAsync(HttpContext context, Route route)
    {
        bool live;
        lock (_gate)
        {
            _heartbeats[route.CallId] = _heartbeats.GetValueOrDefault(route.CallId) + 1;
            live = Known(route) is { Ended: false };
        }

        if (!live)
        {
            return await ProblemAsync(context, HttpStatusCode.Conflict, "call.not_live", "השיחה הסתיימה או אינה קיימת.");
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return StatusCodes.Status204NoContent;
    }

    private async Task<int> RecordingAsync(HttpContext context, Route route)
    {
        bool known;
        lock (_gate)
        {
            known = Known(route) is not null;
        }

        if (!known)
        {
            return await ProblemAsync(context, HttpStatusCode.NotFound, null, "השיחה לא נמצאה.");
        }

        if (context.Request.ContentLength > MaxRecordingBytes)
        {
            return await ProblemAsync(context, HttpStatusCode.RequestEntityTooLarge, "recording.too_large", "ההקלטה גדולה מדי.");
        }

        var mediaType = context.Request.ContentType?.Split(';')[0].Trim();
        var body = await ReadBodyAsync(context, MaxRecordingBytes);
        if (body is null)
        {
            return await ProblemAsync(context, HttpStatusCode.RequestEntityTooLarge, "recording.too_large", "ההקלטה גדולה מדי.");
        }

        if (mediaType is not ("audio/wav" or "audio/x-wav" or "audio/wave") || body.Length < 44
            || !body.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !body.AsSpan(8, 4).SequenceEqual("WAVE"u8))
        {
            return await ProblemAsync(context, HttpStatusCode.UnsupportedMediaType, "recording.not_wav", "ההקלטה אינה קובץ WAV.");
        }

        HttpStatusCode status;
        lock (_gate)
        {
            if (_recordings.TryGetValue(route.CallId, out var stored))
            {
                status = stored.AsSpan().SequenceEqual(body) ? HttpStatusCode.OK : HttpStatusCode.Conflict;
            }
            else
            {
                _recordings[route.CallId] = body;
                status = HttpStatusCode.Created;
            }
        }

        if (status == HttpStatusCode.Conflict)
        {
            return await ProblemAsync(context, status, "recording.exists", "לשיחה כבר נשמרה הקלטה אחרת.");
        }

        context.Response.StatusCode = (int)status;
        return (int)status;
    }

    private KnownCall? Known(Route route) =>
        _calls.TryGetValue(route.CallId, out var call) && call.TenantId == route.TenantId ? call : null;

    private static async Task<byte[]?> ReadBodyAsync(HttpContext context, long limit)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static async Task<int> JsonAsync<T>(HttpContext context, HttpStatusCode status, T body)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(JsonSerializer.Serialize(body, MediaHostContract.Json));
        return (int)status;
    }

    private static async Task<int> ProblemAsync(HttpContext context, HttpStatusCode status, string? code, string detail)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/problem+json; charset=utf-8";
        var problem = new Dictionary<string, object?> { ["status"] = (int)status, ["title"] = status.ToString(), ["detail"] = detail };
        if (code is not null)
        {
            problem["code"] = code;
        }

        await context.Response.WriteAsync(JsonSerializer.Serialize(problem));
        return (int)status;
    }

    private void Changed()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    private sealed record Scripted(HttpStatusCode? Status, TimeSpan? RetryAfter, TimeSpan? Delay);

    private sealed record AppliedCommand(CallCommandResult Result);

    private sealed class KnownCall(string tenantId, CallConfig config)
    {
        public string TenantId { get; } = tenantId;

        public CallConfig Config { get; } = config;

        public bool Ended { get; set; }
    }

    private sealed record Route(string TenantId, Guid CallId, string Action)
    {
        public static Route? Parse(string? path)
        {
            if (path is null || !path.StartsWith(MediaHostContract.BasePath + "/", StringComparison.Ordinal))
            {
                return null;
            }

            var segments = path[(MediaHostContract.BasePath.Length + 1)..].Split('/');
            return segments is ["tenants", var tenant, "calls", var call, var action] && Guid.TryParse(call, out var callId)
                ? new Route(Uri.UnescapeDataString(tenant), callId, action)
                : null;
        }
    }
}

/// <summary>A command the fake applied: whose, what (and its JSON as sent), when it first arrived, the call's version after it.</summary>
public sealed record ReceivedCommand(string TenantId, Guid CallId, CallCommand Command, string Json, DateTimeOffset ReceivedAt, long Version);

/// <summary>A tool call the fake answered: whose, the request as sent, when it first arrived.</summary>
public sealed record ReceivedToolCall(string TenantId, Guid CallId, CallToolRequest Request, DateTimeOffset ReceivedAt);

/// <summary>One request as the fake answered it; <see cref="Action"/> is <c>config</c>, <c>commands</c>, <c>heartbeat</c>, <c>recording</c> or <c>tools</c>.</summary>
public sealed record FakeApiRequest(string Method, string Path, string? TenantId, Guid? CallId, string? Action, int Status, DateTimeOffset At);
