using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using ProSaaS.Domain.Calls.Conversation;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Behaviour;

namespace ProSaaS.MediaHost.Tests.Behaviour;

/// <summary>An order the behaviour gave through the handle.</summary>
public abstract record CallOrder;

public sealed record Said(string Text) : CallOrder;

public sealed record Responded(string? Instructions) : CallOrder;

public sealed record ToolResultSent(string ToolCallId, string OutputJson, bool Respond) : CallOrder;

public sealed record InstructionsUpdated(string Instructions) : CallOrder;

public sealed record Reported(CallCommand Command) : CallOrder;

public sealed record Ended(string Reason, bool AfterPlayback) : CallOrder;

public sealed record Discarded(string ItemId) : CallOrder;

/// <summary>
/// The call as a behaviour sees it, without sockets: records every order; a say or a response makes the assistant speak
/// (<see cref="IsAssistantSpeaking"/>) until the test says it finished.
/// </summary>
public sealed class FakeCallHandle(CallConfig config) : ICallHandle
{
    private readonly object _gate = new();
    private readonly List<CallOrder> _orders = [];
    private string _instructions = config.Instructions;

    public Guid CallId => config.CallId;

    public string TenantId => config.TenantId;

    public CallConfig Config => config;

    public string Instructions
    {
        get
        {
            lock (_gate)
            {
                return _instructions;
            }
        }
    }

    public TimeSpan Elapsed { get; set; }

    public bool IsAssistantSpeaking { get; set; }

    public bool IsEnding { get; set; }

    /// <summary>Whether a say or a response starts the assistant speaking at once (as its response begins).</summary>
    public bool SpeakOnOrder { get; set; } = true;

    public IReadOnlyList<CallOrder> Orders
    {
        get
        {
            lock (_gate)
            {
                return [.. _orders];
            }
        }
    }

    public IReadOnlyList<string> SaidTexts => Orders.OfType<Said>().Select(s => s.Text).ToList();

    public IReadOnlyList<Responded> Responses => Orders.OfType<Responded>().ToList();

    public void ClearOrders()
    {
        lock (_gate)
        {
            _orders.Clear();
        }
    }

    public ValueTask RespondAsync(string? instructions = null, CancellationToken cancellationToken = default)
    {
        Add(new Responded(instructions));
        IsAssistantSpeaking |= SpeakOnOrder;
        return ValueTask.CompletedTask;
    }

    public ValueTask SayAsync(string text, CancellationToken cancellationToken = default)
    {
        Add(new Said(text));
        IsAssistantSpeaking |= SpeakOnOrder;
        return ValueTask.CompletedTask;
    }

    public ValueTask SendToolResultAsync(string toolCallId, string outputJson, bool respond = true, CancellationToken cancellationToken = default)
    {
        Add(new ToolResultSent(toolCallId, outputJson, respond));
        return ValueTask.CompletedTask;
    }

    public ValueTask UpdateInstructionsAsync(string instructions, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _instructions = instructions;
        }

        Add(new InstructionsUpdated(instructions));
        return ValueTask.CompletedTask;
    }

    public ValueTask ReportAsync(CallCommand command, CancellationToken cancellationToken = default)
    {
        Add(new Reported(command));
        return ValueTask.CompletedTask;
    }

    public void EndCall(string reason, bool afterPlayback = true) => Add(new Ended(reason, afterPlayback));

    public void DiscardCallerTranscript(string itemId) => Add(new Discarded(itemId));

    /// <summary>Waits for an order a background task of the behaviour gives (an end after the farewell began, a tool's answer).</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool>? match = null, TimeSpan? timeout = null)
        where T : CallOrder
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            if (Orders.OfType<T>().FirstOrDefault(o => match?.Invoke(o) ?? true) is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No {typeof(T).Name} order; orders: {string.Join(", ", Orders)}");
            }

            await Task.Delay(5);
        }
    }

    private void Add(CallOrder order)
    {
        lock (_gate)
        {
            _orders.Add(order);
        }
    }
}

/// <summary>
/// Plays a call into a <see cref="ConversationBehaviour"/> as the session would: a clock in stream milliseconds, the
/// caller's turns (speech started, stopped with its audio, transcript), the assistant's utterances, keys and ticks.
/// </summary>
public sealed class CallDriver
{
    public const string Greeting = "שלום, כאן נועה מהמספרה. במה אפשר לעזור?";

    /// <summary>Speech as the gate hears it: loud, and the gate opened.</summary>
    public static readonly CallerAudio Speech = new(TimeSpan.FromMilliseconds(1200), 2500, GateOpened: true);

    /// <summary>Line noise the service's detection took for a turn.</summary>
    public static readonly CallerAudio Noise = new(TimeSpan.FromMilliseconds(900), 60, GateOpened: false);

    private int _items;
    private int _responses;

    public CallDriver(CallConfig? config = null, ICallToolAnswerer? tools = null, ICallFaq? faq = null, KeypadMenu? keypad = null,
        ConversationOptions? options = null)
    {
        Config = config ?? NewConfig();
        if (keypad is not null)
        {
            Config = Config with { KeypadMenu = ToWire(keypad) };
        }

        Call = new FakeCallHandle(Config);
        Behaviour = new ConversationBehaviour(Config, tools ?? UnavailableToolAnswerer.Instance, faq ?? NoCallFaq.Instance,
            NullLogger<ConversationBehaviour>.Instance, options);
    }

    /// <summary>A keypad menu as the Api sends it in the call's configuration.</summary>
    public static IReadOnlyList<CallKeypadEntry> ToWire(KeypadMenu menu) =>
        menu.Entries.Select(e => new CallKeypadEntry(e.Key.ToString(), CallBehaviourMapping.WireName(e.Action), e.Label, e.Text)).ToList();

    public CallConfig Config { get; }

    public FakeCallHandle Call { get; }

    public ConversationBehaviour Behaviour { get; }

    public CallStateMachine Machine => Behaviour.Machine!;

    /// <summary>Stream time now, in milliseconds.</summary>
    public long Now { get; private set; }

    public static CallConfig NewConfig(bool botSpeaksFirst = true, string greeting = Greeting, bool autoEndOnLeadCaptured = true,
        bool autoEndOnGoodbye = true, CallSilence? silence = null, int maxCallSeconds = 600, string language = "he",
        IReadOnlyList<CallLeadField>? leadFields = null) =>
        new(Guid.NewGuid(), "biz-a", CallDirections.Inbound, null, null, "+972501234567", "+97231234567", "המספרה של שי", "Asia/Jerusalem",
            language, "נועה", "את נועה, העוזרת של המספרה.", greeting, "ash", botSpeaksFirst, new CallAutoHangup(autoEndOnLeadCaptured, autoEndOnGoodbye),
            silence ?? new CallSilence(8, 20, 2), maxCallSeconds, new CallTurnDetection(),
            leadFields ?? [new CallLeadField("name", "שם", "text", true), new CallLeadField("phone", "טלפון", "phone", true)],
            [new CallTool("end_call", "מסיים את השיחה", JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement)], Record: false);

    public Task SendAsync(CallEvent callEvent)
    {
        Call.Elapsed = TimeSpan.FromMilliseconds(Now);
        return Behaviour.OnEventAsync(callEvent, Call, CancellationToken.None).AsTask();
    }

    public Task StartAsync() => SendAsync(new CallStarted(Now, Config));

    /// <summary>Time passes by <paramref name="milliseconds"/>, with a tick each second crossed.</summary>
    public async Task WaitAsync(int milliseconds, double callerLevel = 0)
    {
        var end = Now + milliseconds;
        while ((Now / 1000 + 1) * 1000 <= end)
        {
            Now = (Now / 1000 + 1) * 1000;
            var assistantSilent = Call.IsAssistantSpeaking ? TimeSpan.Zero : TimeSpan.FromMilliseconds(500);
            await SendAsync(new SilenceTick(Now, TimeSpan.FromSeconds(1), assistantSilent, callerLevel));
        }

        Now = end;
    }

    /// <summary>Moves the clock without ticks (between events inside one second).</summary>
    public void Advance(int milliseconds) => Now += milliseconds;

    /// <summary>The caller's turn: speech started, stopped (with <paramref name="audio"/>), then its transcript.</summary>
    public async Task<string> CallerSaysAsync(string text, CallerAudio? audio = null, bool bargeIn = false, int speakMs = 1200)
    {
        var item = $"item_caller_{++_items}";
        if (bargeIn)
        {
            Call.IsAssistantSpeaking = false; // the bridge cleared and cancelled the assistant
        }

        await SendAsync(new CallerSpeechStarted(Now, bargeIn, item));
        Advance(speakMs);
        await SendAsync(new CallerSpeechStopped(Now, item, audio ?? Speech));
        Advance(300);
        await SendAsync(new CallerTranscript(Now - speakMs - 300, item, text, audio ?? Speech));
        return item;
    }

    /// <summary>The assistant's utterance finished playing: its response done, its transcript.</summary>
    public async Task AssistantSaysAsync(string text, bool interrupted = false, int speakMs = 1500)
    {
        Call.IsAssistantSpeaking = true;
        await SendAsync(new ResponseFinished(Now, $"resp_{++_responses}", interrupted ? "cancelled" : "completed"));
        Advance(speakMs);
        Call.IsAssistantSpeaking = false;
        await SendAsync(new AssistantTranscript(Now - speakMs, $"item_assistant_{_responses}", text, interrupted));
    }

    /// <summary>What the behaviour had said (the greeting, a line) has played: its response done, its transcript.</summary>
    public Task PlayedAsync(string text, int speakMs = 1500) => AssistantSaysAsync(text, speakMs: speakMs);

    public Task KeyAsync(char key)
    {
        Advance(150);
        return SendAsync(new DtmfPressed(Now, key));
    }

    public Task StopAsync(string reason = MediaEndReasons.CallerHungUp) => SendAsync(new StreamStopped(Now, reason));
}
