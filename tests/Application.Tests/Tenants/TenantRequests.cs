using MediatR;
using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Application.Common.Context;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Tests.Tenants;

/// <summary>Sends requests as a signed-in user with a role, as the Api does once it has authenticated the caller.</summary>
internal static class TenantRequests
{
    public const string PlatformAdmin = "platform@prosaas.co.il";

    public static async Task<T> RunAsAsync<T>(
        this ApplicationHost host,
        IRequest<T> request,
        Role? role,
        string? tenant = null,
        string? user = null,
        string correlationId = "corr-tenants")
    {
        await using var scope = host.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.TenantId = tenant;
        context.Role = role;
        context.UserName = user ?? (role == Role.SystemAdmin ? PlatformAdmin : $"{role?.ToWireName() ?? "anonymous"}@example.co.il");
        context.UserId = context.UserName;
        context.CorrelationId = correlationId;
        context.CausationId = "req-" + correlationId;
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>Platform work by the system admin, with no tenant selected.</summary>
    public static Task<T> AsSystemAdminAsync<T>(this ApplicationHost host, IRequest<T> request) =>
        host.RunAsAsync(request, Role.SystemAdmin);

    /// <summary>Work by a user of the business <paramref name="tenantId"/>.</summary>
    public static Task<T> AsMemberAsync<T>(this ApplicationHost host, IRequest<T> request, Guid tenantId, Role role, string? user = null) =>
        host.RunAsAsync(request, role, tenantId.ToString(), user);
}
