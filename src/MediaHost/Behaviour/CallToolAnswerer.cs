using System.Text.Json;
using ProSaaS.Hosting.Calls;

namespace ProSaaS.MediaHost.Behaviour;

/// <summary>
/// Answers the model's function calls for <see cref="ConversationBehaviour"/>, and knows what its answers confirmed. One per
/// call (<see cref="ICallToolAnswererFactory"/>). The behaviour hands it each <see cref="ToolCalled"/> and
/// <see cref="ResponseFinished"/> in order and does not wait for the answer in line: the call's other events go on while
/// the answer is under way.
/// </summary>
public interface ICallToolAnswerer
{
    /// <summary>
    /// Answers <paramref name="tool"/>: gives the model its output (<see cref="ICallHandle.SendToolResultAsync"/>) and asks it
    /// to go on — except when the answer ends the call (<see cref="CallToolOutcome.EndCall"/>): then the output is given
    /// without a response and the behaviour decides (the call closes after the assistant's last words, or, too early to
    /// end, the model is told the call goes on). Completes with what the answer did.
    /// </summary>
    ValueTask<CallToolOutcome> AnswerAsync(ToolCalled tool, ICallHandle call, CancellationToken cancellationToken);

    /// <summary>A model response finished (the answers to the function calls it made may now be given).</summary>
    void OnResponseFinished(ResponseFinished finished)
    {
    }

    /// <summary>What <paramref name="assistantText"/> claims was done that no answer confirmed ("קבעתי לכם תור" with no booking).</summary>
    IReadOnlyList<ClaimedEffect> UnbackedClaims(string assistantText) => [];
}

/// <summary>Makes each call's <see cref="ICallToolAnswerer"/>.</summary>
public interface ICallToolAnswererFactory
{
    ICallToolAnswerer Create(CallConfig config);
}

/// <summary>
/// What answering one function call did, as the server confirmed it.
/// </summary>
/// <param name="Ok">The tool did what it was asked.</param>
/// <param name="EndCall">The call is to end with this reason (<see cref="MediaEndReasons"/>: <c>assistant_ended</c>,
/// <c>user_goodbye</c>, <c>transferred_to_human</c>); null when it goes on.</param>
/// <param name="Farewell">What the assistant should say before the line closes, when it has not said goodbye itself.</param>
/// <param name="LeadCaptured">The caller's details were saved to a lead (the hang-up policy's "lead captured").</param>
public sealed record CallToolOutcome(bool Ok, string? EndCall = null, string? Farewell = null, bool LeadCaptured = false)
{
    public static CallToolOutcome Refused { get; } = new(false);
}

/// <summary>What the assistant may claim to have done for the caller.</summary>
public enum ClaimedEffect
{
    /// <summary>An appointment was booked.</summary>
    Booking,

    /// <summary>The caller's details were saved.</summary>
    SavedDetails,

    /// <summary>A message was sent to the caller.</summary>
    MessageSent,

    /// <summary>The request was passed on to a person of the business.</summary>
    PassedOn,
}

/// <summary>
/// Answers every function call that it cannot be done now (as <see cref="RelayBehaviour"/> does), so the model tells the
/// caller a person will call back. It reads no claims (<see cref="ICallToolAnswerer.UnbackedClaims"/> finds none): the
/// stand-in until the call's tools are run by the Api, whose answerer checks claims against what the Api confirmed.
/// </summary>
public sealed class UnavailableToolAnswerer : ICallToolAnswerer, ICallToolAnswererFactory
{
    public static UnavailableToolAnswerer Instance { get; } = new();

    private static readonly string NotAvailable = JsonSerializer.Serialize(new
    {
        ok = false,
        error = "הפעולה אינה זמינה כרגע. אמור למתקשר שנציג יחזור אליו.",
    });

    public ICallToolAnswerer Create(CallConfig config) => this;

    public async ValueTask<CallToolOutcome> AnswerAsync(ToolCalled tool, ICallHandle call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(call);
        await call.SendToolResultAsync(tool.ToolCallId, NotAvailable, respond: true, cancellationToken).ConfigureAwait(false);
        return CallToolOutcome.Refused;
    }
}
