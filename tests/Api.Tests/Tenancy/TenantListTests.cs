using System.Net.Http.Json;
using System.Text.Json;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Tenancy;

/// <summary>The platform's list of businesses, on the real Api and PostgreSQL: what the system admin manages from it.</summary>
public sealed class TenantListTests(TenancyFixture fx) : IClassFixture<TenancyFixture>
{
    private const string Tenants = "/api/v1/tenants";

    [Fact]
    public async Task Each_business_is_listed_with_its_limits_phone_numbers_time_zone_and_version_as_they_change()
    {
        var root = await fx.CachedSessionAsync(fx.TenantA, Role.SystemAdmin);
        var slug = Callers.Unique("limits").ToLowerInvariant();
        var created = await TenancyFixture.ReadAsync(await root.PostAsJsonAsync(Tenants,
            new { name = "עסק המגבלות", slug, timeZone = "Europe/London", maxConcurrentCalls = 7, maxOutboundCalls = 2 }), "create");
        var id = created.GetProperty("id").GetGuid();
        var number = Callers.UniqueMobile();
        await TenancyFixture.ReadAsync(await root.PostAsJsonAsync($"{Tenants}/{id}/phone-numbers", new { phoneNumber = number }), "assign");

        var listed = await FindAsync(root, id);
        listed.GetProperty("slug").GetString().Should().Be(slug);
        listed.GetProperty("limits").GetProperty("maxConcurrentCalls").GetInt32().Should().Be(7);
        listed.GetProperty("limits").GetProperty("maxOutboundCalls").GetInt32().Should().Be(2);
        listed.GetProperty("phoneNumbers").EnumerateArray().Select(p => p.GetString()).Should().Equal(number);
        listed.GetProperty("timeZone").GetString().Should().Be("Europe/London");

        var changed = await TenancyFixture.ReadAsync(await root.PutAsJsonAsync($"{Tenants}/{id}/limits",
            new { maxConcurrentCalls = 9, maxOutboundCalls = 4 }), "change limits");

        var after = await FindAsync(root, id);
        after.GetProperty("limits").GetProperty("maxConcurrentCalls").GetInt32().Should().Be(9);
        after.GetProperty("limits").GetProperty("maxOutboundCalls").GetInt32().Should().Be(4);
        after.GetProperty("version").GetInt64().Should().Be(changed.GetProperty("version").GetInt64())
            .And.BeGreaterThan(listed.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task A_business_created_without_limits_is_listed_with_the_defaults_and_no_numbers()
    {
        var root = await fx.CachedSessionAsync(fx.TenantA, Role.SystemAdmin);
        var created = await TenancyFixture.ReadAsync(await root.PostAsJsonAsync(Tenants,
            new { name = "עסק בלי מגבלות", slug = Callers.Unique("defaults").ToLowerInvariant() }), "create");

        var listed = await FindAsync(root, created.GetProperty("id").GetGuid());

        listed.GetProperty("limits").GetProperty("maxConcurrentCalls").GetInt32().Should().Be(5);
        listed.GetProperty("limits").GetProperty("maxOutboundCalls").GetInt32().Should().Be(3);
        listed.GetProperty("phoneNumbers").GetArrayLength().Should().Be(0);
        listed.GetProperty("timeZone").GetString().Should().Be("Asia/Jerusalem");
    }

    private static async Task<JsonElement> FindAsync(HttpClient root, Guid id)
    {
        var list = await TenancyFixture.ReadAsync(await root.GetAsync(Tenants), "list");
        return list.EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == id);
    }
}
