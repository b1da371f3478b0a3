using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Application.Webhooks;
using ProSaaS.Infrastructure.Projections;
using ProSaaS.Infrastructure.Webhooks;

// In the root namespace so that AddInfrastructure sees the extension without an import.
namespace ProSaaS.Infrastructure;

public static class WebhookRegistration
{
    /// <summary>
    /// Outgoing webhooks: the endpoints read model (inline), the delivery projection (async), queries, the delivery
    /// queue, secrets, the address policy and the HTTP sender. <see cref="WebhookDispatcher"/> is registered as a
    /// hosted service by the hosts that send (the Api), with <see cref="WebhookOptions"/> bound to <c>Webhooks:*</c>.
    /// </summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>();
        services.AddDataProtection();
        services.AddSingleton<IProjection, WebhookEndpointProjection>();
        services.AddSingleton<IProjection, WebhookDeliveryProjection>();
        services.AddScoped<IWebhookQueries, WebhookQueries>();
        services.AddScoped<IWebhookDeliveryQueue, WebhookDeliveryQueue>();
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<IWebhookSecrets>(provider => provider.GetRequiredService<WebhookSecrets>());
        services.AddSingleton<IWebhookTargetPolicy, WebhookTargetPolicy>();
        services.AddSingleton<WebhookHttpSender>();
        return services;
    }
}
