using System.Collections.Concurrent;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using ProSaaS.Application.Auth;
using ProSaaS.Application.Common;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Users.CreateUser;
using ProSaaS.Domain.Users;
using ProSaaS.Infrastructure;
using ProSaaS.Testing;

namespace ProSaaS.Application.Tests.Users;

/// <summary>Who a request runs as: what the host reads from the authenticated principal.</summary>
public sealed record Actor(Role Role, string? TenantId, Guid UserId, string Email = "")
{
    public static Actor SystemAdmin(string? selectedTenant = null) => new(Role.SystemAdmin, selectedTenant, Guid.NewGuid(), "root@prosaas.test");

    public Actor InTenant(string? tenantId) => this with { TenantId = tenantId };
}

/// <summary>
/// The Application layer over a real database, with a clock the tests move and tenant statuses they set, sending
/// requests on behalf of an <see cref="Actor"/>.
/// </summary>
public sealed class UsersHost : IAsyncLifetime
{
    public const string Password = "סיסמה-טובה-2026";

    public PostgresDatabase Database { get; } = new();

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 4, 2, 8, 0, 0, TimeSpan.Zero));

    public FakeTenantAccess Tenants { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    public ServiceProvider Services { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton<TimeProvider>(Clock);
        services.AddApplication();
        services.AddInfrastructure(Database.ConnectionString);
        services.AddSingleton<ITenantAccessCheck>(Tenants);
        services.TryAddSingleton<ProSaaS.Application.Telephony.ITelephonyGateway, NoTelephonyGateway>();
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }

    public static string NewTenant() => Guid.NewGuid().ToString();

    public static string NewEmail(string name = "user") => $"{name}.{Guid.NewGuid():N}@example.co.il";

    public Task<T> SendAsync<T>(IRequest<T> request, Actor actor) =>
        SendAsync(request, actor.TenantId, actor.Role, actor.UserId.ToString(), actor.Email);

    /// <summary>As an unauthenticated request (sign-in, API key check): no tenant, no role, no user.</summary>
    public Task<T> SendAnonymousAsync<T>(IRequest<T> request) => SendAsync(request, null, null, null, null);

    /// <summary>A user of <paramref name="tenantId"/> created by the system admin, ready to act.</summary>
    public async Task<Actor> CreateUserAsync(string tenantId, Role role, string? email = null, string password = Password)
    {
        email ??= NewEmail(role.ToWireName());
        var id = await SendAsync(new CreateUser(email, "משתמש " + role.ToWireName(), role, password, tenantId), Actor.SystemAdmin());
        return new Actor(role, tenantId, id, email);
    }

    private async Task<T> SendAsync<T>(IRequest<T> request, string? tenantId, Role? role, string? userId, string? userName)
    {
        await using var scope = Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.TenantId = tenantId;
        context.Role = role;
        context.UserId = userId;
        context.UserName = userName;
        context.CorrelationId = "corr-" + Guid.NewGuid().ToString("N")[..8];
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }
}

/// <summary>Tenant statuses as the tenants read model would report them; every tenant is active unless set otherwise.</summary>
public sealed class FakeTenantAccess : ITenantAccessCheck
{
    private readonly ConcurrentDictionary<string, TenantAccessStatus> _statuses = new(StringComparer.Ordinal);

    public void Set(string tenantId, TenantAccessStatus status) => _statuses[tenantId] = status;

    public Task<TenantAccessStatus> CheckAsync(string tenantId, CancellationToken cancellationToken) =>
        Task.FromResult(_statuses.GetValueOrDefault(tenantId, TenantAccessStatus.Active));
}
