using ProSaaS.Hosting.Calls;

namespace ProSaaS.MediaHost.Behaviour;

/// <summary>
/// A call's FAQ: the business's answers to known questions for the call's channel. <see cref="ConversationBehaviour"/>
/// asks it about every caller utterance it keeps; a strong match is said at once, word for word, instead of the model's
/// own answer.
/// </summary>
public interface ICallFaq
{
    /// <summary>The answer to <paramref name="callerText"/> when it matches an entry strongly enough to say it as it is; null otherwise.</summary>
    CallFaqAnswer? Find(string callerText);
}

/// <summary>Makes each call's <see cref="ICallFaq"/> from its configuration (loaded once per call).</summary>
public interface ICallFaqSource
{
    ICallFaq For(CallConfig config);
}

/// <summary>A FAQ answer for a caller's question: the text to say, the match's score (0–1) and what it matched on.</summary>
public sealed record CallFaqAnswer(string Answer, double Score, string MatchedOn);

/// <summary>No FAQ: every question is the model's. The stand-in until the call's configuration carries the business's entries.</summary>
public sealed class NoCallFaq : ICallFaq, ICallFaqSource
{
    public static NoCallFaq Instance { get; } = new();

    public ICallFaq For(CallConfig config) => this;

    public CallFaqAnswer? Find(string callerText) => null;
}
