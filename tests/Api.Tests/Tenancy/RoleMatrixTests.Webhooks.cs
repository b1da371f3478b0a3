using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Tenancy;

public sealed partial class RoleMatrixTests
{
    [MatrixArea]
    private static readonly EndpointSpec[] WebhookAreaEndpoints =
    [
        new("POST /api/v1/webhooks", Role.Admin, HttpStatusCode.Created),
        new("GET /api/v1/webhooks", Role.Admin, HttpStatusCode.OK),
        new("GET /api/v1/webhooks/{id}", Role.Admin, HttpStatusCode.OK, Targeted: true),
        new("PUT /api/v1/webhooks/{id}", Role.Admin, HttpStatusCode.OK, Targeted: true),
        new("DELETE /api/v1/webhooks/{id}", Role.Admin, HttpStatusCode.NoContent, Targeted: true),
        new("POST /api/v1/webhooks/{id}/rotate-secret", Role.Admin, HttpStatusCode.OK, Targeted: true),
        new("GET /api/v1/webhooks/{id}/deliveries", Role.Admin, HttpStatusCode.OK, Targeted: true),
        new("POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/resend", Role.Admin, HttpStatusCode.Accepted, Targeted: true),
        new("POST /api/v1/webhooks/{id}/test", Role.Admin, HttpStatusCode.Accepted, Targeted: true),
    ];

    [MatrixArea]
    private async Task<bool> WebhookRowAsync(MatrixRow row)
    {
        switch (row.Endpoint)
        {
            case "POST /api/v1/webhooks":
            {
                var url = WebhookUrl();
                var body = await row.Call(row.Client.PostAsJsonAsync("/api/v1/webhooks", new { url, eventTypes = new[] { "call.completed" } }));
                if (row.Allowed)
                {
                    Json(body).GetProperty("secret").GetString().Should().StartWith("whsec_");
                }

                (await Count("select count(*) from webhook_endpoints where url = $1", url)).Should().Be(row.Allowed ? 1 : 0);
                (await Count("select count(*) from webhook_endpoints where url = $1 and tenant_id = $2", url, A.ToString())).Should().Be(row.Allowed ? 1 : 0);
                return true;
            }

            case "GET /api/v1/webhooks":
            {
                var (own, _) = await NewWebhookAsync(A);
                var (other, otherUrl) = await NewWebhookAsync(B);
                row.Foreign.AddRange([other.ToString(), otherUrl]);
                var body = await row.Call(row.Client.GetAsync("/api/v1/webhooks?limit=100"));
                if (row.Allowed)
                {
                    var ids = Json(body).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
                    ids.Should().Contain(own).And.NotContain(other);
                }

                return true;
            }

            case "GET /api/v1/webhooks/{id}":
            {
                var (id, url) = await NewWebhookForRowAsync(row);
                var body = await row.Call(row.Client.GetAsync($"/api/v1/webhooks/{id}"));
                if (row.Allowed)
                {
                    Json(body).GetProperty("url").GetString().Should().Be(url);
                    Json(body).TryGetProperty("secret", out _).Should().BeFalse();
                }

                return true;
            }

            case "PUT /api/v1/webhooks/{id}":
            {
                var (id, url) = await NewWebhookForRowAsync(row);
                var description = Callers.Unique("תיאור");
                await row.Call(row.Client.PutAsJsonAsync($"/api/v1/webhooks/{id}", new { url, description, eventTypes = new[] { "call.completed" }, enabled = true }));
                (await Scalar<string?>("select description from webhook_endpoints where id = $1", id)).Should().Be(row.Allowed ? description : "בדיקת הרשאות");
                return true;
            }

            case "DELETE /api/v1/webhooks/{id}":
            {
                var (id, _) = await NewWebhookForRowAsync(row);
                await row.Call(row.Client.DeleteAsync($"/api/v1/webhooks/{id}"));
                (await Count("select count(*) from webhook_endpoints where id = $1", id)).Should().Be(row.Allowed ? 0 : 1);
                return true;
            }

            case "POST /api/v1/webhooks/{id}/rotate-secret":
            {
                var (id, _) = await NewWebhookForRowAsync(row);
                var body = await row.Call(row.Client.PostAsync($"/api/v1/webhooks/{id}/rotate-secret", null));
                if (row.Allowed)
                {
                    Json(body).GetProperty("secret").GetString().Should().StartWith("whsec_");
                }

                (await Scalar<long>("select version from webhook_endpoints where id = $1", id)).Should().Be(row.Allowed ? 2 : 1);
                return true;
            }

            case "GET /api/v1/webhooks/{id}/deliveries":
            {
                var (id, _) = await NewWebhookForRowAsync(row);
                var delivery = await NewTestDeliveryAsync(row.Tenant, id);
                if (row.Target == Target.Other)
                {
                    row.Foreign.Add(delivery.ToString());
                }

                var body = await row.Call(row.Client.GetAsync($"/api/v1/webhooks/{id}/deliveries"));
                if (row.Allowed)
                {
                    Json(body).GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetGuid()).Should().Equal(delivery);
                }

                return true;
            }

            case "POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/resend":
            {
                var (id, _) = await NewWebhookForRowAsync(row);
                var delivery = await NewTestDeliveryAsync(row.Tenant, id);
                if (row.Target == Target.Other)
                {
                    row.Foreign.Add(delivery.ToString());
                }

                await row.Call(row.Client.PostAsync($"/api/v1/webhooks/{id}/deliveries/{delivery}/resend", null));
                // A refused resend asks for nothing: no resend is pending and none is ever attempted.
                var resends = "select count(*) from webhook_delivery_attempts where delivery_id = $1 and trigger = 'resend'";
                if (row.Allowed)
                {
                    // The delivery worker takes the resend on its next turn: slow on a loaded machine, so wait generously.
                    var deadline = DateTime.UtcNow.AddSeconds(60);
                    while (await Count(resends, delivery) == 0 && DateTime.UtcNow < deadline)
                    {
                        await Task.Delay(50);
                    }

                    (await Count(resends, delivery)).Should().Be(1);
                }
                else
                {
                    (await Scalar<bool>("select resend_requested from webhook_deliveries where id = $1", delivery)).Should().BeFalse();
                    (await Count(resends, delivery)).Should().Be(0);
                }

                return true;
            }

            case "POST /api/v1/webhooks/{id}/test":
            {
                var (id, _) = await NewWebhookForRowAsync(row);
                await row.Call(row.Client.PostAsync($"/api/v1/webhooks/{id}/test", null));
                (await Count("select count(*) from webhook_deliveries where endpoint_id = $1 and event_type = 'webhook.test'", id))
                    .Should().Be(row.Allowed ? 1 : 0);
                return true;
            }

            default:
                return false;
        }
    }

    /// <summary>
    /// An address no test can reach (<c>.invalid</c> never resolves): endpoints of the matrix are subscribed to an event
    /// no row raises, and the test messages the delivery rows need fail at once and wait for their retry.
    /// </summary>
    private static string WebhookUrl() => $"https://{Callers.Unique("matrix")}.example.invalid/prosaas";

    private async Task<(Guid Id, string Url)> NewWebhookAsync(Guid tenant)
    {
        var url = WebhookUrl();
        var owner = await fx.CachedSessionAsync(tenant, Role.Owner);
        var created = await TenancyFixture.ReadAsync(await owner.PostAsJsonAsync("/api/v1/webhooks", new
        {
            url, description = "בדיקת הרשאות", eventTypes = new[] { "call.completed" },
        }), "create a webhook endpoint");
        return (created.GetProperty("id").GetGuid(), url);
    }

    private async Task<(Guid Id, string Url)> NewWebhookForRowAsync(MatrixRow row)
    {
        var (id, url) = await NewWebhookAsync(row.Tenant);
        if (row.Target == Target.Other)
        {
            row.Foreign.AddRange([id.ToString(), url]);
        }

        return (id, url);
    }

    /// <summary>A delivery in the endpoint's log, made by its owner's test message; waits for its first attempt.</summary>
    private async Task<Guid> NewTestDeliveryAsync(Guid tenant, Guid endpointId)
    {
        var owner = await fx.CachedSessionAsync(tenant, Role.Owner);
        var queued = await TenancyFixture.ReadAsync(await owner.PostAsync($"/api/v1/webhooks/{endpointId}/test", null), "send a test message");
        var id = queued.GetProperty("id").GetGuid();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await Scalar<int>("select attempt_count from webhook_deliveries where id = $1", id) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return id;
    }
}
