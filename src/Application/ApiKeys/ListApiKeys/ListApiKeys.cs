using MediatR;
using ProSaaS.Application.Auth;
using ProSaaS.Application.Common.Context;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.ApiKeys.ListApiKeys;

/// <summary>The API keys of the actor's tenant, revoked ones included (admin and above).</summary>
public sealed record ListApiKeys : IRequest<IReadOnlyList<ApiKeyView>>;

public sealed class ListApiKeysHandler(IApiKeyQueries keys, IRequestContext context) : IRequestHandler<ListApiKeys, IReadOnlyList<ApiKeyView>>
{
    public Task<IReadOnlyList<ApiKeyView>> Handle(ListApiKeys request, CancellationToken cancellationToken)
    {
        UserAccess.RequireAtLeast(context, Role.Admin);
        return keys.ListAsync(context.RequireTenant(), cancellationToken);
    }
}
