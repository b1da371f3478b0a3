using FluentValidation;
using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Prompts;
using ProSaaS.Application.Tenants.UpdateTenantSettings;
using ProSaaS.Application.Users;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Tenants.SettingsHistory;

/// <summary>
/// Brings back the assistant values (<see cref="AssistantSettingsValues"/>) of an earlier settings version as a new change;
/// history is never rewritten, and the rest of the settings stay as they are. With <see cref="ExpectedVersion"/> it applies only
/// if nobody changed the business since the caller read it (409). Restoring the values the business already has records nothing.
/// </summary>
public sealed record RollbackSettings(int Version, long? ExpectedVersion) : IRequest<TenantSettingsUpdated>;

public sealed class RollbackSettingsValidator : AbstractValidator<RollbackSettings>
{
    public RollbackSettingsValidator()
    {
        RuleFor(x => x.Version).GreaterThanOrEqualTo(0).WithMessage("מספר הגרסה חייב להיות 0 או יותר.");
        RuleFor(x => x.ExpectedVersion).GreaterThan(0).When(x => x.ExpectedVersion is not null)
            .WithMessage("גרסה צפויה חייבת להיות חיובית.");
    }
}

public sealed class RollbackSettingsHandler(IEventStore eventStore, IUserQueries users, IRequestContext context, TimeProvider clock)
    : IRequestHandler<RollbackSettings, TenantSettingsUpdated>
{
    public async Task<TenantSettingsUpdated> Handle(RollbackSettings request, CancellationToken cancellationToken)
    {
        context.RequireAtLeast(Role.Admin);
        var tenantId = context.RequireCurrentTenant();
        var (tenant, stream) = await eventStore.LoadTenantAsync(tenantId, cancellationToken);
        if (request.ExpectedVersion is { } expected && expected != tenant.Version)
        {
            throw new ConcurrencyException(tenant.Id, expected, tenant.Version);
        }

        var (versions, _) = await SettingsVersions.ReadAsync(eventStore, tenantId, cancellationToken);
        if (request.Version >= versions.Count)
        {
            throw new NotFoundException("settings version", request.Version);
        }

        var restored = versions[request.Version].View.Assistant.ApplyTo(tenant.Settings);
        var author = await PromptAccess.AuthorAsync(users, context, cancellationToken);
        var changed = tenant.ChangeSettings(restored, clock.GetUtcNow(), author);
        await stream.SaveAsync(tenant, cancellationToken);
        return new TenantSettingsUpdated(tenant.Version, changed);
    }
}
