using MediatR;
using ProSaaS.Application.Auth;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Faq;
using ProSaaS.Domain.Tenants;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Faq.CreateFaqEntry;

/// <summary>
/// Adds an entry to the actor's business's FAQ (admin and above): on every channel unless <see cref="Channels"/> names some,
/// active unless <see cref="Active"/> is false. A business has at most <see cref="FaqRules.MaxEntriesPerBusiness"/> entries
/// (422 <c>faq.limit_reached</c>).
/// </summary>
public sealed record CreateFaqEntry(
    string? Question,
    string? Answer,
    IReadOnlyList<string?>? Keywords = null,
    IReadOnlyList<string?>? Phrasings = null,
    IReadOnlyList<string?>? Channels = null,
    bool? Active = null) : IRequest<FaqEntryView>;

public sealed class CreateFaqEntryHandler(IEventStore eventStore, IFaqQueries queries, IRequestContext context, TimeProvider clock)
    : IRequestHandler<CreateFaqEntry, FaqEntryView>
{
    public async Task<FaqEntryView> Handle(CreateFaqEntry request, CancellationToken cancellationToken)
    {
        UserAccess.RequireAtLeast(context, Role.Admin);
        var tenantId = context.RequireTenant();
        if (await queries.CountAsync(tenantId, cancellationToken) >= FaqRules.MaxEntriesPerBusiness)
        {
            throw new BusinessRuleException(FaqEntries.LimitReachedCode, FaqRules.EntryLimitMessage);
        }

        var now = clock.GetUtcNow();
        var entry = FaqEntry.Create(Guid.CreateVersion7(now), request.Question, request.Answer, request.Keywords, request.Phrasings,
            FaqEntries.Channels(request.Channels) ?? AssistantChannels.All, request.Active ?? true, context.UserId, now);
        await eventStore.SaveAsync(entry, cancellationToken);
        return await FaqEntries.RequireViewAsync(queries, tenantId, entry.Id, cancellationToken);
    }
}
