using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Api.Tests.Tenancy;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Webhooks;

/// <summary>Configuring endpoints on an Api with the production address policy: https only, no private targets.</summary>
public sealed class WebhookConfigurationTests(TenancyFixture fx) : IClassFixture<TenancyFixture>
{
    private Guid A => fx.TenantA;

    private static string NewUrl() => $"https://{Callers.Unique("hooks")}.example.invalid/prosaas";

    private Task<HttpClient> Admin() => fx.CachedSessionAsync(A, Role.Admin);

    [Fact]
    public async Task The_secret_is_shown_on_creation_and_rotation_only()
    {
        var admin = await Admin();
        var url = NewUrl();
        var response = await admin.PostAsJsonAsync("/api/v1/webhooks", new { url, description = "n8n", eventTypes = new[] { "lead.created", "lead.updated" } });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = await response.ReadJsonAsync();
        var id = created.GetProperty("id").GetGuid();
        response.Headers.Location!.ToString().Should().Be($"/api/v1/webhooks/{id}");
        var secret = created.GetProperty("secret").GetString()!;
        secret.Should().StartWith("whsec_");
        Convert.FromBase64String(secret["whsec_".Length..]).Length.Should().BeInRange(24, 32);
        created.GetProperty("secretHint").GetString().Should().Be("whsec_…" + secret[^4..]);
        created.GetProperty("url").GetString().Should().Be(url);
        created.GetProperty("kind").GetString().Should().Be("generic");
        created.GetProperty("enabled").GetBoolean().Should().BeTrue();
        created.GetProperty("eventTypes").EnumerateArray().Select(e => e.GetString()).Should().Equal("lead.created", "lead.updated");

        var rotated = await TenancyFixture.ReadAsync(await admin.PostAsync($"/api/v1/webhooks/{id}/rotate-secret", null), "rotate");
        var newSecret = rotated.GetProperty("secret").GetString()!;
        newSecret.Should().StartWith("whsec_").And.NotBe(secret);
        rotated.GetProperty("secretHint").GetString().Should().Be("whsec_…" + newSecret[^4..]);

        var answers = new List<string>
        {
            await (await admin.GetAsync($"/api/v1/webhooks/{id}")).Content.ReadAsStringAsync(),
            await (await admin.GetAsync("/api/v1/webhooks?limit=100")).Content.ReadAsStringAsync(),
            await (await admin.PutAsJsonAsync($"/api/v1/webhooks/{id}", new { url, eventTypes = new[] { "lead.created" }, enabled = true }))
                .Content.ReadAsStringAsync(),
            await (await admin.GetAsync($"/api/v1/webhooks/{id}/deliveries")).Content.ReadAsStringAsync(),
        };
        foreach (var answer in answers)
        {
            answer.Should().NotContain(secret[6..]).And.NotContain(newSecret[6..]);
            JsonDocument.Parse(answer).RootElement.ToString().Should().NotContain("\"secret\"");
        }

        JsonDocument.Parse(answers[0]).RootElement.GetProperty("secretHint").GetString().Should().Be("whsec_…" + newSecret[^4..]);
        // Nor is it kept in the clear anywhere: not in the events, not in the read model.
        (await fx.Database.ScalarAsync<long>("select count(*) from mt_events where stream_id = $1 and (data::text like '%' || $2 || '%' or data::text like '%' || $3 || '%')",
            id, secret[6..], newSecret[6..])).Should().Be(0);
        (await fx.Database.ScalarAsync<long>("select count(*) from mt_events where stream_id = $1", id)).Should().Be(3);
        (await fx.Database.ScalarAsync<string>("select secret_protected from webhook_endpoints where id = $1", id))
            .Should().NotContain(newSecret[6..]).And.NotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("http://hooks.example.com/prosaas", "webhook.url_not_https")]
    [InlineData("https://127.0.0.1/prosaas", "webhook.url_private_target")]
    [InlineData("https://localhost:5080/prosaas", "webhook.url_private_target")]
    [InlineData("https://169.254.169.254/latest/meta-data", "webhook.url_private_target")]
    [InlineData("https://[::1]/prosaas", "webhook.url_private_target")]
    [InlineData("https://10.1.2.3/prosaas", "webhook.url_private_target")]
    [InlineData("https://user:password@hooks.example.com/prosaas", "webhook.url_credentials")]
    public async Task Insecure_and_private_addresses_are_refused(string url, string code)
    {
        var admin = await Admin();
        var problem = await (await admin.PostAsJsonAsync("/api/v1/webhooks", new { url, eventTypes = new[] { "lead.created" } })).ShouldBeProblemAsync(422);
        problem.GetProperty("code").GetString().Should().Be(code);
        problem.GetProperty("detail").GetString().Should().MatchRegex("[א-ת]");
        (await fx.Database.ScalarAsync<long>("select count(*) from webhook_endpoints where url = $1", url)).Should().Be(0);

        var (id, _) = await fx.CreateEndpointAsync(A, NewUrl(), ["lead.created"]);
        (await (await admin.PutAsJsonAsync($"/api/v1/webhooks/{id}", new { url, eventTypes = new[] { "lead.created" }, enabled = true }))
            .ShouldBeProblemAsync(422)).GetProperty("code").GetString().Should().Be(code);
        (await fx.Database.ScalarAsync<string>("select url from webhook_endpoints where id = $1", id)).Should().NotBe(url);
    }

    [Fact]
    public async Task Invalid_input_lists_every_field()
    {
        var admin = await Admin();
        var problem = await (await admin.PostAsJsonAsync("/api/v1/webhooks", new
        {
            url = "", description = new string('x', 501), eventTypes = new[] { "lead.created", "lead.exploded" }, kind = "generic",
        })).ShouldBeProblemAsync(400);
        var errors = problem.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Should().Contain(["url", "description", "eventTypes[1]"]);
        errors.GetProperty("eventTypes[1]")[0].GetString().Should().Contain("lead.exploded");

        (await (await admin.PutAsJsonAsync($"/api/v1/webhooks/{Guid.NewGuid()}", new { url = NewUrl(), eventTypes = new[] { "lead.created" } }))
            .ShouldBeProblemAsync(400)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("enabled");
        (await (await admin.GetAsync("/api/v1/webhooks?limit=0&next=not-a-cursor")).ShouldBeProblemAsync(400))
            .GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo(["limit", "next"]);
        (await (await admin.PostAsJsonAsync("/api/v1/webhooks", new { url = NewUrl(), eventTypes = Array.Empty<string>() })).ShouldBeProblemAsync(422))
            .GetProperty("code").GetString().Should().Be("webhook.events_required");
    }

    [Fact]
    public async Task A_monday_transcript_endpoint_is_subscribed_to_completed_calls_only()
    {
        var admin = await Admin();
        var created = await TenancyFixture.ReadAsync(await admin.PostAsJsonAsync("/api/v1/webhooks", new
        {
            url = NewUrl(), description = "Monday — תמלילי שיחות", kind = "monday_transcript",
        }), "create a Monday endpoint");
        created.GetProperty("kind").GetString().Should().Be("monday_transcript");
        created.GetProperty("eventTypes").EnumerateArray().Select(e => e.GetString()).Should().Equal("call.completed");

        (await (await admin.PostAsJsonAsync("/api/v1/webhooks", new { url = NewUrl(), kind = "monday_transcript", eventTypes = new[] { "lead.created" } }))
            .ShouldBeProblemAsync(422)).GetProperty("code").GetString().Should().Be("webhook.kind_events_fixed");
        var id = created.GetProperty("id").GetGuid();
        (await (await admin.PutAsJsonAsync($"/api/v1/webhooks/{id}", new { url = NewUrl(), eventTypes = new[] { "lead.created" }, enabled = true }))
            .ShouldBeProblemAsync(422)).GetProperty("code").GetString().Should().Be("webhook.kind_events_fixed");
    }

    [Fact]
    public async Task Endpoints_are_listed_newest_first_page_by_page()
    {
        var admin = await Admin();
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await fx.CreateEndpointAsync(A, NewUrl(), ["lead.created"])).Id);
        }

        var seen = new List<Guid>();
        string? next = null;
        do
        {
            var page = await TenancyFixture.ReadAsync(
                await admin.GetAsync("/api/v1/webhooks?limit=2" + (next is null ? "" : "&next=" + Uri.EscapeDataString(next))), "a page");
            var items = page.GetProperty("items").EnumerateArray().ToList();
            items.Count.Should().BeLessThanOrEqualTo(2);
            seen.AddRange(items.Select(i => i.GetProperty("id").GetGuid()));
            next = page.GetProperty("next").GetString();
        }
        while (next is not null);

        seen.Should().OnlyHaveUniqueItems();
        seen.Where(ids.Contains).Should().Equal(Enumerable.Reverse(ids));
    }

    [Fact]
    public async Task An_endpoint_is_changed_and_deleted_with_its_log()
    {
        var admin = await Admin();
        var (id, _) = await fx.CreateEndpointAsync(A, NewUrl(), ["lead.created"]);
        var url = NewUrl();
        var changed = await TenancyFixture.ReadAsync(await admin.PutAsJsonAsync($"/api/v1/webhooks/{id}", new
        {
            url, description = "לידים ופגישות", eventTypes = new[] { "appointment.booked", "lead.created" }, enabled = false,
        }), "change");
        changed.GetProperty("url").GetString().Should().Be(url);
        changed.GetProperty("description").GetString().Should().Be("לידים ופגישות");
        changed.GetProperty("eventTypes").EnumerateArray().Select(e => e.GetString()).Should().Equal("lead.created", "appointment.booked");
        changed.GetProperty("enabled").GetBoolean().Should().BeFalse();
        changed.GetProperty("version").GetInt64().Should().Be(2);

        (await admin.DeleteAsync($"/api/v1/webhooks/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await (await admin.GetAsync($"/api/v1/webhooks/{id}")).ShouldBeProblemAsync(404);
        await (await admin.GetAsync($"/api/v1/webhooks/{id}/deliveries")).ShouldBeProblemAsync(404);
        await (await admin.DeleteAsync($"/api/v1/webhooks/{id}")).ShouldBeProblemAsync(404);
        await (await admin.PostAsync($"/api/v1/webhooks/{id}/rotate-secret", null)).ShouldBeProblemAsync(404);
        (await fx.Database.ScalarAsync<long>("select count(*) from webhook_endpoints where id = $1", id)).Should().Be(0);
    }

    [Fact]
    public async Task Unknown_endpoints_and_deliveries_are_not_found()
    {
        var admin = await Admin();
        var unknown = Guid.NewGuid();
        await (await admin.GetAsync($"/api/v1/webhooks/{unknown}")).ShouldBeProblemAsync(404);
        await (await admin.PutAsJsonAsync($"/api/v1/webhooks/{unknown}", new { url = NewUrl(), eventTypes = new[] { "lead.created" }, enabled = true }))
            .ShouldBeProblemAsync(404);
        await (await admin.PostAsync($"/api/v1/webhooks/{unknown}/test", null)).ShouldBeProblemAsync(404);
        await (await admin.PostAsync($"/api/v1/webhooks/{unknown}/deliveries/{Guid.NewGuid()}/resend", null)).ShouldBeProblemAsync(404);
        var (id, _) = await fx.CreateEndpointAsync(A, NewUrl(), ["call.completed"]);
        await (await admin.PostAsync($"/api/v1/webhooks/{id}/deliveries/{Guid.NewGuid()}/resend", null)).ShouldBeProblemAsync(404);
    }

    [Fact]
    public async Task A_name_that_later_resolves_to_a_private_address_is_refused_when_connecting()
    {
        var admin = await Admin();
        var (id, _) = await fx.CreateEndpointAsync(A, NewUrl(), ["call.completed"]);
        // What a changed DNS record does: the saved name now leads to this machine.
        await fx.Database.ExecuteAsync("update webhook_endpoints set url = 'https://127.0.0.1:9/prosaas' where id = $1", id);
        var queued = await TenancyFixture.ReadAsync(await admin.PostAsync($"/api/v1/webhooks/{id}/test", null), "send a test");

        var delivery = await fx.WaitForDeliveryAsync(A, id, d => d.GetProperty("id").GetGuid() == queued.GetProperty("id").GetGuid(),
            d => d.GetProperty("attemptCount").GetInt32() >= 1);
        delivery.Status().Should().Be("failed");
        var attempt = delivery.GetProperty("attempts")[0];
        attempt.GetProperty("statusCode").ValueKind.Should().Be(JsonValueKind.Null);
        attempt.GetProperty("error").GetString().Should().Be(Domain.Webhooks.WebhookTargetRules.PrivateTargetMessage);
    }
}
