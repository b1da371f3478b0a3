using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Behaviour;

namespace ProSaaS.MediaHost.Tools;

/// <summary>
/// The conversation's tool answers, run by the Api: the <see cref="ToolRelay"/>'s order (each answer given once the response
/// that called it has finished; the model asked to go on when the last of that response's tools is answered, unless one of
/// them ends the call) with the decision about an end left to the behaviour. What the Api confirmed is the call's
/// <see cref="Effects"/>, against which the assistant's claims are checked. An Api that does not answer in time gives the
/// model a sentence to say and confirms nothing (<see cref="ApiToolClient.Fallback"/>).
/// </summary>
public sealed class ApiCallToolAnswerer(ToolRelay relay) : ICallToolAnswerer
{
    /// <summary>What the Api has confirmed on this call.</summary>
    public ConfirmedEffects Effects => relay.Effects;

    public ValueTask<CallToolOutcome> AnswerAsync(ToolCalled tool, ICallHandle call, CancellationToken cancellationToken)
    {
        // Joins the response under way now, before the behaviour hands over that response's end.
        var answering = relay.AnswerInOrderAsync(tool, call);
        return FinishAsync(answering, call, cancellationToken);
    }

    public void OnResponseFinished(ResponseFinished finished) => relay.OnResponseFinished();

    public IReadOnlyList<ClaimedEffect> UnbackedClaims(string assistantText) =>
        ClaimCheck.Find(assistantText, relay.Effects).Select(c => ClaimedEffectOf(c.Kind)).Distinct().ToList();

    /// <summary>What an answer of the Api did, as the behaviour needs it: a refusal did nothing.</summary>
    public static CallToolOutcome OutcomeOf(CallToolAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (!answer.Ok)
        {
            return CallToolOutcome.Refused;
        }

        var effects = answer.Effects ?? CallToolEffects.None;
        var farewell = effects.EndCall is null ? null : string.IsNullOrWhiteSpace(answer.Spoken) ? ToolRelay.DefaultGoodbye : answer.Spoken;
        return new CallToolOutcome(true, effects.EndCall, farewell, LeadCaptured: effects.LeadId is not null && effects.FieldsSaved is { Count: > 0 });
    }

    public static ClaimedEffect ClaimedEffectOf(ClaimKind kind) => kind switch
    {
        ClaimKind.Booked => ClaimedEffect.Booking,
        ClaimKind.Saved => ClaimedEffect.SavedDetails,
        ClaimKind.Sent => ClaimedEffect.MessageSent,
        ClaimKind.Forwarded => ClaimedEffect.PassedOn,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static async ValueTask<CallToolOutcome> FinishAsync(Task<RelayedAnswer> answering, ICallHandle call, CancellationToken cancellationToken)
    {
        var relayed = await answering.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (relayed.LastOfResponse && ToolRelay.EndingOf(relayed.ResponseAnswers) is null)
        {
            await call.RespondAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return OutcomeOf(relayed.Answer);
    }
}

/// <summary>Each call's <see cref="ApiCallToolAnswerer"/>, its tools run through <see cref="ICallToolClient"/>.</summary>
public sealed class ApiCallToolAnswererFactory(ICallToolClient tools, ILoggerFactory loggers) : ICallToolAnswererFactory
{
    public ICallToolAnswerer Create(CallConfig config) => new ApiCallToolAnswerer(new ToolRelay(tools, loggers.CreateLogger<ToolRelay>()));
}
