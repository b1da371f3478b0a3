using MediatR;
using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Application.Calls.StoreCallRecording;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Calls;
using ProSaaS.Domain.Files;

namespace ProSaaS.Cli;

/// <summary>
/// Two calls of the demo business, recorded as the platform records real ones (each event by the party that causes it:
/// Twilio's callbacks, the media host's reports): a finished inbound call with a transcript placed in its two-channel
/// recording, and a call still in progress. Made once: fixed ids, skipped when they exist.
/// </summary>
internal static class DemoCalls
{
    /// <summary>The caller of the finished call (the browser tests find the call by it).</summary>
    public const string FinishedCaller = "+972500000777";

    /// <summary>The caller of the call in progress.</summary>
    public const string LiveCaller = "+972500000778";

    public static readonly Guid FinishedCallId = Guid.Parse("5eed0000-0000-4000-8000-000000000777");
    public static readonly Guid LiveCallId = Guid.Parse("5eed0000-0000-4000-8000-000000000778");

    private const string Twilio = "twilio";
    private const string MediaHost = "service:media-host";
    private const int RecordingSeconds = 30;

    /// <summary>The finished call's turns: who, when in the recording (ms), what.</summary>
    public static readonly (CallSpeaker Speaker, long OffsetMs, string Text)[] Turns =
    [
        (CallSpeaker.Assistant, 500, "שלום, הגעתם לשי דירות ומשרדים. במה אפשר לעזור?"),
        (CallSpeaker.Caller, 5_000, "אני מחפש דירת שלושה חדרים בתל אביב."),
        (CallSpeaker.Assistant, 10_000, "בשמחה. מה התקציב החודשי שלכם?"),
        (CallSpeaker.Caller, 15_000, "Around eight thousand shekels, if possible."),
        (CallSpeaker.Assistant, 20_000, "מצוין, רשמתי. נציג יחזור אליכם עוד היום."),
        (CallSpeaker.Caller, 25_000, "תודה רבה, להתראות."),
    ];

    public static async Task EnsureAsync(IServiceProvider provider, Guid tenantId)
    {
        var tenant = tenantId.ToString();
        if (await ExistsAsync(provider, tenant, FinishedCallId))
        {
            Console.WriteLine("The demo calls exist already.");
            return;
        }

        var now = DateTimeOffset.UtcNow;
        var started = now.AddMinutes(-10);
        var sid = "CA" + FinishedCallId.ToString("N");
        await AsAsync(provider, tenant, Twilio, events =>
            events.StartStreamAsync<Call>(FinishedCallId,
                [new CallStarted(FinishedCallId, null, CallDirection.Inbound, sid, FinishedCaller, Commands.DemoPhoneNumber, CallStatus.Ringing, started)]));
        await ChangeAsync(provider, tenant, Twilio, FinishedCallId, call =>
            call.ApplyProviderStatus(CallStatus.InProgress, 1, null, null, started.AddSeconds(1)));
        foreach (var (speaker, offset, text) in Turns)
        {
            await ChangeAsync(provider, tenant, MediaHost, FinishedCallId, call =>
                call.RecordTranscriptTurn(Guid.NewGuid(), speaker, text, offset, false, started.AddMilliseconds(1_000 + offset)));
            if (offset == 15_000)
            {
                await ChangeAsync(provider, tenant, MediaHost, FinishedCallId, call =>
                    call.RecordCollectedFields(Guid.NewGuid(),
                        new Dictionary<string, string> { ["city"] = "תל אביב", ["rooms"] = "3", ["budget"] = "8000" }, started.AddSeconds(17)));
            }
        }

        var metrics = new CallMediaMetrics(new LatencyFigures(640, 1180, 1320, 3), null, null, 0, 1500, 1450, 0, 3, 40, 0,
            RecordingSeconds * 1000);
        await ChangeAsync(provider, tenant, MediaHost, FinishedCallId, call =>
            call.RecordMediaEnd(Guid.NewGuid(), CallEndReason.UserGoodbye, metrics, started.AddSeconds(RecordingSeconds + 1), now));
        await StoreRecordingAsync(provider, tenant);

        var liveSid = "CA" + LiveCallId.ToString("N");
        await AsAsync(provider, tenant, Twilio, events =>
            events.StartStreamAsync<Call>(LiveCallId,
                [new CallStarted(LiveCallId, null, CallDirection.Inbound, liveSid, LiveCaller, Commands.DemoPhoneNumber, CallStatus.InProgress, now.AddMinutes(-1))]));
        Console.WriteLine($"Demo calls: {FinishedCallId} (finished, with a recording) and {LiveCallId} (in progress).");
    }

    /// <summary>A 30-second two-channel 8 kHz 16-bit WAV: a tone on the speaker's channel while each turn is said.</summary>
    public static byte[] Recording()
    {
        const int rate = CallRecordingFormat.SampleRate;
        var frames = RecordingSeconds * rate;
        var samples = new byte[frames * 4];
        for (var i = 0; i < frames; i++)
        {
            var ms = i * 1000L / rate;
            var turn = Turns.LastOrDefault(t => t.OffsetMs <= ms);
            var speaking = turn.Text is not null && ms - turn.OffsetMs < 3_500;
            var value = speaking ? (short)(Math.Sin(2 * Math.PI * (turn.Speaker == CallSpeaker.Caller ? 330 : 550) * i / rate) * 6000) : (short)0;
            var channel = turn.Speaker == CallSpeaker.Caller ? 0 : 1;
            BitConverter.TryWriteBytes(samples.AsSpan((i * 4) + (channel * 2), 2), value);
        }

        return WaveFile.Create(WaveEncoding.Pcm16, rate, CallRecordingFormat.Channels, samples);
    }

    private static async Task StoreRecordingAsync(IServiceProvider provider, string tenant)
    {
        await using var scope = Scope(provider, tenant, MediaHost);
        var wav = Recording();
        await scope.ServiceProvider.GetRequiredService<IMediator>()
            .Send(new StoreCallRecording(FinishedCallId, "audio/wav", new MemoryStream(wav), wav.Length + 1));
    }

    private static async Task<bool> ExistsAsync(IServiceProvider provider, string tenant, Guid callId)
    {
        await using var scope = Scope(provider, tenant, "seed-demo");
        return await scope.ServiceProvider.GetRequiredService<IEventStore>().FetchStreamStateAsync(callId) is not null;
    }

    private static async Task AsAsync(IServiceProvider provider, string tenant, string userName, Func<IEventStore, Task> work)
    {
        await using var scope = Scope(provider, tenant, userName);
        await work(scope.ServiceProvider.GetRequiredService<IEventStore>());
    }

    private static Task ChangeAsync(IServiceProvider provider, string tenant, string userName, Guid callId, Action<Call> change) =>
        AsAsync(provider, tenant, userName, async events =>
        {
            var call = (await events.AggregateStreamAsync<Call>(callId))!;
            change(call);
            await events.SaveAsync(call);
        });

    private static AsyncServiceScope Scope(IServiceProvider provider, string tenant, string userName)
    {
        var scope = provider.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.CorrelationId = "seed-" + Guid.NewGuid().ToString("N")[..8];
        context.TenantId = tenant;
        context.UserName = userName;
        context.SetHeader("auth", userName == Twilio ? "twilio-signature" : "service");
        return scope;
    }
}
