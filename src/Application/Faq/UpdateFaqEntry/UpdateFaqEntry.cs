using MediatR;
using ProSaaS.Application.Auth;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Faq.UpdateFaqEntry;

/// <summary>
/// Changes an entry of the actor's business's FAQ (admin and above): the question and answer are replaced; keywords,
/// phrasings, channels and active are replaced when given and kept when omitted (an empty list of keywords or phrasings
/// clears them). With <see cref="ExpectedVersion"/> the change applies only if the entry is still at that version.
/// </summary>
public sealed record UpdateFaqEntry(
    Guid EntryId,
    string? Question,
    string? Answer,
    IReadOnlyList<string?>? Keywords = null,
    IReadOnlyList<string?>? Phrasings = null,
    IReadOnlyList<string?>? Channels = null,
    bool? Active = null,
    long? ExpectedVersion = null) : IRequest<FaqEntryView>;

public sealed class UpdateFaqEntryHandler(IEventStore eventStore, IFaqQueries queries, IRequestContext context, TimeProvider clock)
    : IRequestHandler<UpdateFaqEntry, FaqEntryView>
{
    public async Task<FaqEntryView> Handle(UpdateFaqEntry request, CancellationToken cancellationToken)
    {
        UserAccess.RequireAtLeast(context, Role.Admin);
        var tenantId = context.RequireTenant();
        await ConcurrencyRetry.RunAsync(request.ExpectedVersion is null, async () =>
        {
            var entry = await FaqEntries.LoadForChangeAsync(queries, eventStore, tenantId, request.EntryId, request.ExpectedVersion, cancellationToken);
            entry.Change(
                request.Question,
                request.Answer,
                request.Keywords ?? entry.Keywords,
                request.Phrasings ?? entry.Phrasings,
                FaqEntries.Channels(request.Channels) ?? entry.Channels,
                request.Active ?? entry.IsActive,
                context.UserId,
                clock.GetUtcNow());
            await eventStore.SaveAsync(entry, cancellationToken);
            return entry.Version;
        });

        return await FaqEntries.RequireViewAsync(queries, tenantId, request.EntryId, cancellationToken);
    }
}
