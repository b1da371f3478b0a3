using System.Threading.Channels;
using MediatR;
using ProSaaS.Application.Common.Context;

namespace ProSaaS.Application.Calls.WatchCalls;

/// <summary>
/// Follows the current business's calls as they change: each change is the call's row as it now stands. Nothing of another
/// business ever arrives. Dispose the watch to stop following.
/// </summary>
public sealed record WatchCalls : IRequest<ICallWatch>;

public sealed class WatchCallsHandler(ICallChangeFeed feed, IRequestContext context) : IRequestHandler<WatchCalls, ICallWatch>
{
    public Task<ICallWatch> Handle(WatchCalls request, CancellationToken cancellationToken) =>
        Task.FromResult(feed.Subscribe(context.RequireTenant()));
}

/// <summary>
/// The calls that change, of every business, as the appends that change them commit (from every Api instance); each
/// subscriber gets its own business's only.
/// </summary>
public interface ICallChangeFeed
{
    ICallWatch Subscribe(string tenantId);
}

/// <summary>One subscriber's changes, in the order they were read.</summary>
public interface ICallWatch : IAsyncDisposable
{
    ChannelReader<CallChange> Changes { get; }
}

/// <summary>
/// A call as it stands after a change (<see cref="Call"/>), or — when <see cref="Resync"/> — word that changes may have
/// been missed (the feed lost its connection, or the subscriber fell behind): read the list again.
/// </summary>
public sealed record CallChange(CallView? Call, bool Resync = false)
{
    public static CallChange Missed { get; } = new(null, true);
}
