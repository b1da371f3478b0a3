using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Prompts;
using ProSaaS.Application.Users;
using ProSaaS.Domain.Tenants;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Tenants.UpdateTenantSettings;

/// <summary>
/// Replaces the current business's settings document (admin and above). The event names the settings that changed;
/// a document equal to the current one records nothing. With <see cref="ExpectedVersion"/> the update applies only
/// if nobody changed the business since the caller read it. Returns the tenant's version and what changed. A changed
/// <c>inboundPrompt</c> or <c>outboundPrompt</c> is saved as that prompt's next version, by the caller.
/// </summary>
public sealed record UpdateTenantSettings(TenantSettings Settings, long? ExpectedVersion = null) : IRequest<TenantSettingsUpdated>;

public sealed record TenantSettingsUpdated(long Version, IReadOnlyList<string> ChangedSettings);

public sealed class UpdateTenantSettingsHandler(IEventStore eventStore, IUserQueries users, IRequestContext context, TimeProvider clock)
    : IRequestHandler<UpdateTenantSettings, TenantSettingsUpdated>
{
    public async Task<TenantSettingsUpdated> Handle(UpdateTenantSettings request, CancellationToken cancellationToken)
    {
        context.RequireAtLeast(Role.Admin);
        var (tenant, stream) = await eventStore.LoadTenantAsync(context.RequireCurrentTenant(), cancellationToken);
        if (request.ExpectedVersion is { } expected && expected != tenant.Version)
        {
            throw new ConcurrencyException(tenant.Id, expected, tenant.Version);
        }

        var author = await PromptAccess.AuthorAsync(users, context, cancellationToken);
        var changed = tenant.ChangeSettings(request.Settings, clock.GetUtcNow(), author);
        await stream.SaveAsync(tenant, cancellationToken);
        return new TenantSettingsUpdated(tenant.Version, changed);
    }
}
