using System.Net.Http.Json;
using System.Text.Json;
using ProSaaS.Api.Tests.Tenancy;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Webhooks;

/// <summary>The calls the webhook tests make, through the public API as a business's admin would.</summary>
internal static class WebhookApi
{
    public static async Task<(Guid Id, string Secret)> CreateEndpointAsync(
        this TenancyFixture fx, Guid tenant, string url, string[]? eventTypes, string? kind = null)
    {
        var admin = await fx.CachedSessionAsync(tenant, Role.Admin);
        var created = await TenancyFixture.ReadAsync(await admin.PostAsJsonAsync("/api/v1/webhooks", new
        {
            url, description = "בדיקות", eventTypes, kind,
        }), "create a webhook endpoint");
        return (created.GetProperty("id").GetGuid(), created.GetProperty("secret").GetString()!);
    }

    public static async Task<Guid> CreateLeadAsync(this TenancyFixture fx, Guid tenant, string? name = null)
    {
        var agent = await fx.CachedSessionAsync(tenant, Role.Agent);
        var lead = await TenancyFixture.ReadAsync(await agent.PostAsJsonAsync("/api/v1/leads", new
        {
            name = name ?? Callers.Unique("ליד"), phone = Callers.UniqueMobile(),
        }), "create a lead");
        return lead.GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement[]> DeliveriesAsync(this TenancyFixture fx, Guid tenant, Guid endpointId)
    {
        var admin = await fx.CachedSessionAsync(tenant, Role.Admin);
        var page = await TenancyFixture.ReadAsync(await admin.GetAsync($"/api/v1/webhooks/{endpointId}/deliveries?limit=100"), "list deliveries");
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    /// <summary>Waits until the endpoint's log has a delivery matching <paramref name="match"/> that satisfies <paramref name="done"/>.</summary>
    public static async Task<JsonElement> WaitForDeliveryAsync(
        this TenancyFixture fx, Guid tenant, Guid endpointId, Func<JsonElement, bool> match, Func<JsonElement, bool> done, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var delivery = (await fx.DeliveriesAsync(tenant, endpointId)).Where(match).ToList();
            if (delivery.Count == 1 && done(delivery[0]))
            {
                return delivery[0];
            }

            delivery.Count.Should().BeLessThanOrEqualTo(1, "one event makes one delivery per endpoint");
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No finished delivery: {JsonSerializer.Serialize(delivery)}");
            }

            await Task.Delay(50);
        }
    }

    public static bool IsAbout(this JsonElement delivery, Guid leadId) =>
        delivery.GetProperty("payload").GetProperty("data").TryGetProperty("leadId", out var id) && id.GetString() == leadId.ToString();

    public static string Status(this JsonElement delivery) => delivery.GetProperty("status").GetString()!;

    public static bool IsAbout(this ReceivedWebhook received, Guid id) => received.Body.Contains(id.ToString(), StringComparison.Ordinal);
}
