using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Tools;

namespace ProSaaS.MediaHost.Behaviour;

/// <summary>
/// The least a call needs: the assistant greets first when the business wants it (with the configured greeting), the
/// conversation is relayed as the AI service's turn detection drives it, the tools the model calls are run by the Api and
/// answered (<see cref="ToolRelay"/>: the call ends after the goodbye when the model ends it), and the call ends at the
/// business's longest call length. Hanging up when the caller does is the media layer's.
/// </summary>
public sealed class RelayBehaviour(ToolRelay tools) : ICallBehaviour
{
    /// <summary>What the Api has confirmed on this call, from its answers to the model's tool calls.</summary>
    public ConfirmedEffects Effects => tools.Effects;

    public async ValueTask OnEventAsync(CallEvent callEvent, ICallHandle call, CancellationToken cancellationToken)
    {
        switch (callEvent)
        {
            case CallStarted { Config: { BotSpeaksFirst: true, Greeting: { Length: > 0 } greeting } }:
                await call.SayAsync(greeting, cancellationToken);
                break;
            case ToolCalled tool:
                tools.OnToolCalled(tool, call);
                break;
            case ResponseFinished:
                tools.OnResponseFinished();
                break;
            case SilenceTick when call.Config.MaxCallSeconds > 0 && call.Elapsed.TotalSeconds >= call.Config.MaxCallSeconds:
                call.EndCall(MediaEndReasons.MaxDuration);
                break;
        }
    }
}

/// <summary>A <see cref="RelayBehaviour"/> per call, its tools run through <see cref="ICallToolClient"/>.</summary>
public sealed class RelayBehaviourFactory(ICallToolClient tools, ILoggerFactory loggers) : ICallBehaviourFactory
{
    public ICallBehaviour Create(CallConfig config) => new RelayBehaviour(new ToolRelay(tools, loggers.CreateLogger<ToolRelay>()));
}
