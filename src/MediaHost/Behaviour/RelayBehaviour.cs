using System.Text.Json;
using ProSaaS.Hosting.Calls;

namespace ProSaaS.MediaHost.Behaviour;

/// <summary>
/// The least a call needs: the assistant greets first when the business wants it (with the configured greeting), the
/// conversation is relayed as the AI service's turn detection drives it, tools the model calls are answered that nothing
/// can be done yet, and the call ends at the business's longest call length. Hanging up when the caller does is the
/// media layer's.
/// </summary>
public sealed class RelayBehaviour : ICallBehaviour
{
    public async ValueTask OnEventAsync(CallEvent callEvent, ICallHandle call, CancellationToken cancellationToken)
    {
        switch (callEvent)
        {
            case CallStarted { Config: { BotSpeaksFirst: true, Greeting: { Length: > 0 } greeting } }:
                await call.SayAsync(greeting, cancellationToken);
                break;
            case ToolCalled tool:
                await call.SendToolResultAsync(tool.ToolCallId, NotAvailable, respond: true, cancellationToken);
                break;
            case SilenceTick when call.Config.MaxCallSeconds > 0 && call.Elapsed.TotalSeconds >= call.Config.MaxCallSeconds:
                call.EndCall(MediaEndReasons.MaxDuration);
                break;
        }
    }

    private static readonly string NotAvailable = JsonSerializer.Serialize(new
    {
        ok = false,
        error = "הפעולה אינה זמינה כרגע. אמור למתקשר שנציג יחזור אליו.",
    });
}

public sealed class RelayBehaviourFactory : ICallBehaviourFactory
{
    public ICallBehaviour Create(CallConfig config) => new RelayBehaviour();
}
