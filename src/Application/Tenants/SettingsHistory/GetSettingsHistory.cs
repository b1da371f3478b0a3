using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Tenants.SettingsHistory;

/// <summary>The current business's settings versions, newest first, with the assistant values of each (admin and above).</summary>
public sealed record GetSettingsHistory : IRequest<SettingsHistoryView>;

public sealed class GetSettingsHistoryHandler(IEventStore eventStore, IRequestContext context)
    : IRequestHandler<GetSettingsHistory, SettingsHistoryView>
{
    public async Task<SettingsHistoryView> Handle(GetSettingsHistory request, CancellationToken cancellationToken)
    {
        context.RequireAtLeast(Role.Admin);
        var tenantId = context.RequireCurrentTenant();
        var (versions, tenantVersion) = await SettingsVersions.ReadAsync(eventStore, tenantId, cancellationToken);
        if (versions.Count == 0)
        {
            throw new NotFoundException("tenant", tenantId);
        }

        return new SettingsHistoryView(versions.Count - 1, tenantVersion, versions.Select(v => v.View).Reverse().ToList());
    }
}
