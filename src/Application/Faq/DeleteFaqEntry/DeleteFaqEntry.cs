using MediatR;
using ProSaaS.Application.Auth;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Faq.DeleteFaqEntry;

/// <summary>Removes an entry from the actor's business's FAQ (admin and above); deleting it again is not found.</summary>
public sealed record DeleteFaqEntry(Guid EntryId) : IRequest<long>;

public sealed class DeleteFaqEntryHandler(IEventStore eventStore, IFaqQueries queries, IRequestContext context, TimeProvider clock)
    : IRequestHandler<DeleteFaqEntry, long>
{
    public async Task<long> Handle(DeleteFaqEntry request, CancellationToken cancellationToken)
    {
        UserAccess.RequireAtLeast(context, Role.Admin);
        var entry = await FaqEntries.LoadForChangeAsync(queries, eventStore, context.RequireTenant(), request.EntryId, null, cancellationToken);
        entry.Delete(context.UserId, clock.GetUtcNow());
        await eventStore.SaveAsync(entry, cancellationToken);
        return entry.Version;
    }
}
