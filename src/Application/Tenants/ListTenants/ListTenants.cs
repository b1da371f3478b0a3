using MediatR;
using ProSaaS.Application.Common.Context;

namespace ProSaaS.Application.Tenants.ListTenants;

/// <summary>Every business on the platform, oldest first (system admin only).</summary>
public sealed record ListTenants : IRequest<IReadOnlyList<TenantSummary>>;

public sealed class ListTenantsHandler(ITenantQueries queries, IRequestContext context) : IRequestHandler<ListTenants, IReadOnlyList<TenantSummary>>
{
    public Task<IReadOnlyList<TenantSummary>> Handle(ListTenants request, CancellationToken cancellationToken)
    {
        context.RequireSystemAdmin();
        return queries.ListAsync(cancellationToken);
    }
}
