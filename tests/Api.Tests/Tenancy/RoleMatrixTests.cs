using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Tenancy;

/// <summary>What a role matrix row acts on: nothing in particular, a resource of the caller's business, or one of the other business.</summary>
public enum Target
{
    None,
    Own,
    Other,
}

/// <summary>
/// Every endpoint × every caller of business A × a resource of A or of business B. Below the endpoint's minimum role
/// the answer is 403 whatever the target; at or above it, A's resources answer 2xx and B's answer 404 — never 403,
/// which would tell that the id exists. Each row makes its own resource first, so rows do not depend on each other,
/// and checks afterwards that a refused request changed nothing. No answer to a caller of A carries B's data.
/// </summary>
public sealed partial class RoleMatrixTests(TenancyFixture fx) : IClassFixture<TenancyFixture>
{
    /// <param name="Minimum">The lowest role the endpoint admits.</param>
    /// <param name="Targeted">Whether the endpoint acts on a resource named in the route.</param>
    /// <param name="PlatformWide">The system admin's platform endpoints: any business is theirs to act on, B included.</param>
    private sealed record EndpointSpec(string Name, Role Minimum, HttpStatusCode Success, bool Targeted = false, bool PlatformWide = false);

    /// <summary>
    /// Marks, in another file of this partial class, an area's <c>static readonly EndpointSpec[]</c> rows and its row
    /// handler <c>Task&lt;bool&gt; Name(MatrixRow row)</c>, which answers true for the endpoints it knows.
    /// </summary>
    [AttributeUsage(AttributeTargets.Field | AttributeTargets.Method)]
    private sealed class MatrixAreaAttribute : Attribute;

    /// <summary>One row as an area's handler sees it.</summary>
    private sealed record MatrixRow(
        string Endpoint, Caller Caller, Target Target, int Expected, Guid Tenant, HttpClient Client,
        List<string> Foreign, Func<Task<HttpResponseMessage>, Task<string>> Call)
    {
        public bool Allowed => Expected is >= 200 and < 300;
    }

    private static IReadOnlyList<EndpointSpec>? _endpoints;

    private static IReadOnlyList<EndpointSpec> Endpoints => _endpoints ??= CoreEndpoints
        .Concat(typeof(RoleMatrixTests).GetFields(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic)
            .Where(f => f.IsDefined(typeof(MatrixAreaAttribute), false))
            .SelectMany(f => (EndpointSpec[])f.GetValue(null)!))
        .ToList();

    private async Task<bool> AreaRowAsync(MatrixRow row)
    {
        foreach (var handler in typeof(RoleMatrixTests).GetMethods(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)
                     .Where(m => m.IsDefined(typeof(MatrixAreaAttribute), false)))
        {
            if (await (Task<bool>)handler.Invoke(this, [row])!)
            {
                return true;
            }
        }

        return false;
    }

    private static readonly EndpointSpec[] CoreEndpoints =
    [
        new("POST /api/v1/leads", Role.Agent, HttpStatusCode.Created),
        new("GET /api/v1/leads/{id}", Role.Agent, HttpStatusCode.OK, Targeted: true),
        new("GET /api/v1/leads", Role.Agent, HttpStatusCode.OK),
        new("POST /api/v1/leads/{id}/status", Role.Agent, HttpStatusCode.OK, Targeted: true),
        new("GET /api/v1/business", Role.Agent, HttpStatusCode.OK),
        new("PUT /api/v1/business", Role.Owner, HttpStatusCode.OK),
        new("GET /api/v1/business/settings", Role.Agent, HttpStatusCode.OK),
        new("PUT /api/v1/business/settings", Role.Admin, HttpStatusCode.OK),
        new("GET /api/v1/business/settings/history", Role.Admin, HttpStatusCode.OK),
        new("POST /api/v1/business/settings/history/{version}/rollback", Role.Admin, HttpStatusCode.OK),
        new("GET /api/v1/users", Role.Admin, HttpStatusCode.OK),
        new("GET /api/v1/users/{id}", Role.Admin, HttpStatusCode.OK, Targeted: true),
        new("POST /api/v1/users", Role.Admin, HttpStatusCode.Created),
        new("PUT /api/v1/users/{id}/role", Role.Admin, HttpStatusCode.OK, Targeted: true),
        new("POST /api/v1/users/{id}/disable", Role.Admin, HttpStatusCode.OK, Targeted: true),
        new("POST /api/v1/users/{id}/enable", Role.Admin, HttpStatusCode.OK, Targeted: true),
        new("GET /api/v1/api-keys", Role.Admin, HttpStatusCode.OK),
        new("POST /api/v1/api-keys", Role.Admin, HttpStatusCode.Created),
        new("DELETE /api/v1/api-keys/{id}", Role.Admin, HttpStatusCode.OK, Targeted: true),
        new("POST /api/v1/tenants", Role.SystemAdmin, HttpStatusCode.Created),
        new("GET /api/v1/tenants", Role.SystemAdmin, HttpStatusCode.OK),
        new("POST /api/v1/tenants/{id}/suspend", Role.SystemAdmin, HttpStatusCode.OK, Targeted: true, PlatformWide: true),
        new("POST /api/v1/tenants/{id}/reactivate", Role.SystemAdmin, HttpStatusCode.OK, Targeted: true, PlatformWide: true),
        new("POST /api/v1/tenants/{id}/phone-numbers", Role.SystemAdmin, HttpStatusCode.OK, Targeted: true, PlatformWide: true),
        new("DELETE /api/v1/tenants/{id}/phone-numbers/{phoneNumber}", Role.SystemAdmin, HttpStatusCode.OK, Targeted: true, PlatformWide: true),
        new("PUT /api/v1/tenants/{id}/limits", Role.SystemAdmin, HttpStatusCode.OK, Targeted: true, PlatformWide: true),
        new("POST /api/v1/tenants/{id}/whatsapp-ids", Role.SystemAdmin, HttpStatusCode.OK, Targeted: true, PlatformWide: true),
        new("DELETE /api/v1/tenants/{id}/whatsapp-ids/{identifier}", Role.SystemAdmin, HttpStatusCode.OK, Targeted: true, PlatformWide: true),
        new("POST /api/v1/auth/tenant", Role.SystemAdmin, HttpStatusCode.NoContent, Targeted: true, PlatformWide: true),
        new("GET /api/v1/auth/me", Role.Agent, HttpStatusCode.OK),
        new("GET /api/v1/auth/csrf", Role.Agent, HttpStatusCode.OK),
        new("POST /api/v1/auth/sign-out", Role.Agent, HttpStatusCode.NoContent),
    ];

    public static TheoryData<string, Caller, Target, int> Rows()
    {
        var rows = new TheoryData<string, Caller, Target, int>();
        foreach (var endpoint in Endpoints)
        {
            foreach (var caller in Callers.All)
            {
                foreach (var target in endpoint.Targeted ? new[] { Target.Own, Target.Other } : [Target.None])
                {
                    rows.Add(endpoint.Name, caller, target, (int)Expected(endpoint, caller, target));
                }
            }
        }

        return rows;
    }

    private static HttpStatusCode Expected(EndpointSpec endpoint, Caller caller, Target target) =>
        !caller.RoleOf().IsAtLeast(endpoint.Minimum) ? HttpStatusCode.Forbidden
        : target == Target.Other && !endpoint.PlatformWide ? HttpStatusCode.NotFound
        : endpoint.Success;

    private static int _limitsSequence;

    private Guid A => fx.TenantA;

    private Guid B => fx.TenantB;

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Every_endpoint_answers_each_role_for_its_own_and_the_other_business(string endpoint, Caller caller, Target target, int expected)
    {
        var spec = Endpoints.Single(e => e.Name == endpoint);
        var tenant = target == Target.Other ? B : A;
        var allowed = expected is >= 200 and < 300;
        var client = await fx.ClientAsync(A, caller);

        // Markers of this row's own resource of B (besides B's fixed ids, e-mails and key prefixes) that must not leak.
        var foreign = new List<string>();
        async Task<string> Call(Task<HttpResponseMessage> request)
        {
            var response = await request;
            var body = await response.Content.ReadAsStringAsync();
            ((int)response.StatusCode).Should().Be(expected, $"{endpoint} as {caller} on {target} answered {body}");
            if (!allowed)
            {
                response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
                JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32().Should().Be(expected);
            }

            // The platform's own endpoints show the system admin every business, B included.
            if (!allowed || spec.Minimum != Role.SystemAdmin)
            {
                foreach (var marker in ForeignMarkers().Concat(foreign))
                {
                    body.Should().NotContain(marker, $"{endpoint} as {caller} of business A must not return business B's data");
                }
            }

            return body;
        }

        switch (endpoint)
        {
            case "POST /api/v1/leads":
            {
                var name = Callers.Unique("ליד");
                await Call(client.PostAsJsonAsync("/api/v1/leads", new { name, phone = Callers.UniqueMobile() }));
                (await Count("select count(*) from leads where name = $1", name)).Should().Be(allowed ? 1 : 0);
                (await Count("select count(*) from leads where name = $1 and tenant_id = $2", name, A.ToString())).Should().Be(allowed ? 1 : 0);
                break;
            }

            case "GET /api/v1/leads/{id}":
            {
                var (id, name) = await NewLeadAsync(tenant);
                if (target == Target.Other)
                {
                    foreign.AddRange([id.ToString(), name]);
                }

                var body = await Call(client.GetAsync($"/api/v1/leads/{id}"));
                if (allowed)
                {
                    Json(body).GetProperty("id").GetGuid().Should().Be(id);
                    Json(body).GetProperty("name").GetString().Should().Be(name);
                }

                break;
            }

            case "GET /api/v1/leads":
            {
                var (own, _) = await NewLeadAsync(A);
                var (other, otherName) = await NewLeadAsync(B);
                foreign.AddRange([other.ToString(), otherName]);
                var page = await Call(client.GetAsync("/api/v1/leads?limit=100"));
                if (allowed)
                {
                    var ids = Json(page).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
                    ids.Should().Contain(own).And.NotContain(other);
                    var searched = await Call(client.GetAsync($"/api/v1/leads?search={Uri.EscapeDataString(otherName)}"));
                    Json(searched).GetProperty("items").GetArrayLength().Should().Be(0, "a search must not reach another business's leads");
                }

                break;
            }

            case "POST /api/v1/leads/{id}/status":
            {
                var (id, name) = await NewLeadAsync(tenant);
                if (target == Target.Other)
                {
                    foreign.AddRange([id.ToString(), name]);
                }

                await Call(client.PostAsJsonAsync($"/api/v1/leads/{id}/status", new { status = "contacted", reason = "בדיקת הרשאות" }));
                (await Scalar<string>("select status from leads where id = $1", id)).Should().Be(allowed ? "contacted" : "new");
                break;
            }

            case "GET /api/v1/business":
            {
                var body = await Call(client.GetAsync("/api/v1/business"));
                Json(body).GetProperty("id").GetGuid().Should().Be(A);
                Json(body).GetProperty("slug").GetString().Should().Be("business-a");
                break;
            }

            case "PUT /api/v1/business":
            {
                var before = await Scalar<long>("select version from tenants where id = $1", A);
                var name = Callers.Unique("עסק א");
                await Call(client.PutAsJsonAsync("/api/v1/business", new { name, timeZone = "Asia/Jerusalem", expectedVersion = before }));
                (await Scalar<long>("select version from tenants where id = $1", A)).Should().Be(allowed ? before + 1 : before);
                break;
            }

            case "GET /api/v1/business/settings":
            {
                var body = await Call(client.GetAsync("/api/v1/business/settings"));
                Json(body).GetProperty("tenantId").GetGuid().Should().Be(A);
                break;
            }

            case "PUT /api/v1/business/settings":
            {
                var owner = await fx.CachedSessionAsync(A, Role.Owner);
                var current = await TenancyFixture.ReadAsync(await owner.GetAsync("/api/v1/business/settings"), "read settings");
                var version = current.GetProperty("version").GetInt64();
                var settings = JsonNode.Parse(current.GetProperty("settings").GetRawText())!.AsObject();
                settings["botSpeaksFirst"] = !settings["botSpeaksFirst"]!.GetValue<bool>();
                await Call(client.PutAsJsonAsync("/api/v1/business/settings", new { settings, expectedVersion = version }));
                (await Scalar<long>("select version from tenants where id = $1", A)).Should().Be(allowed ? version + 1 : version);
                break;
            }

            case "GET /api/v1/business/settings/history":
            {
                var body = await Call(client.GetAsync("/api/v1/business/settings/history"));
                if (allowed)
                {
                    var items = Json(body).GetProperty("items");
                    items[0].GetProperty("version").GetInt32().Should().Be(Json(body).GetProperty("currentVersion").GetInt32());
                    items[items.GetArrayLength() - 1].GetProperty("version").GetInt32().Should().Be(0);
                }

                break;
            }

            case "POST /api/v1/business/settings/history/{version}/rollback":
            {
                var owner = await fx.CachedSessionAsync(A, Role.Owner);
                var history = await TenancyFixture.ReadAsync(await owner.GetAsync("/api/v1/business/settings/history"), "read history");
                var restoring = history.GetProperty("currentVersion").GetInt32();
                var current = await TenancyFixture.ReadAsync(await owner.GetAsync("/api/v1/business/settings"), "read settings");
                var settings = JsonNode.Parse(current.GetProperty("settings").GetRawText())!.AsObject();
                var greeting = Callers.Unique("שלום מבדיקת ההרשאות");
                settings["greeting"] = greeting;
                await TenancyFixture.ReadAsync(await owner.PutAsJsonAsync("/api/v1/business/settings",
                    new { settings, expectedVersion = current.GetProperty("version").GetInt64() }), "change the greeting");
                var before = await Scalar<long>("select version from tenants where id = $1", A);

                await Call(client.PostAsync($"/api/v1/business/settings/history/{restoring}/rollback", null));

                (await Scalar<long>("select version from tenants where id = $1", A)).Should().Be(allowed ? before + 1 : before);
                var after = await TenancyFixture.ReadAsync(await owner.GetAsync("/api/v1/business/settings"), "read settings");
                (after.GetProperty("settings").GetProperty("greeting").GetString() == greeting).Should().Be(!allowed);
                break;
            }

            case "GET /api/v1/users":
            {
                var body = await Call(client.GetAsync("/api/v1/users"));
                if (allowed)
                {
                    var users = Json(body).EnumerateArray().ToList();
                    users.Select(u => u.GetProperty("email").GetString()).Should().Contain(
                        [TenancyFixture.EmailOf(A, Role.Owner), TenancyFixture.EmailOf(A, Role.Admin), TenancyFixture.EmailOf(A, Role.Agent)]);
                    users.Select(u => u.GetProperty("email").GetString()).Should().NotContain(e => e!.EndsWith($"@{B:N}.test"));
                    users.Should().OnlyContain(u => u.GetProperty("tenantId").GetString() == A.ToString());
                    users.Select(u => u.GetProperty("id").GetGuid()).Should().NotIntersectWith(UsersOf(B));
                }

                break;
            }

            case "GET /api/v1/users/{id}":
            {
                var id = fx.Users[(tenant, Role.Agent)];
                var body = await Call(client.GetAsync($"/api/v1/users/{id}"));
                if (allowed)
                {
                    Json(body).GetProperty("email").GetString().Should().Be(TenancyFixture.EmailOf(A, Role.Agent));
                }

                break;
            }

            case "POST /api/v1/users":
            {
                var email = Callers.Unique("new") + "@matrix.test";
                await Call(client.PostAsJsonAsync("/api/v1/users", new
                {
                    email, displayName = "סוכן חדש", role = "agent", password = TenancyFixture.Password,
                }));
                (await Count("select count(*) from users where email = $1", email)).Should().Be(allowed ? 1 : 0);
                (await Count("select count(*) from users where email = $1 and tenant_id = $2", email, A.ToString())).Should().Be(allowed ? 1 : 0);
                break;
            }

            case "PUT /api/v1/users/{id}/role":
            {
                var id = await fx.NewUserAsync(tenant);
                if (target == Target.Other)
                {
                    foreign.Add(id.ToString());
                }

                // An admin manages agents only: the one role it may give is agent (no change); owners promote to admin.
                var role = caller.RoleOf().IsAtLeast(Role.Owner) ? "admin" : "agent";
                await Call(client.PutAsJsonAsync($"/api/v1/users/{id}/role", new { role }));
                (await Scalar<string>("select role from users where id = $1", id)).Should().Be(allowed ? role : "agent");
                break;
            }

            case "POST /api/v1/users/{id}/disable":
            {
                var id = await fx.NewUserAsync(tenant);
                if (target == Target.Other)
                {
                    foreign.Add(id.ToString());
                }

                await Call(client.PostAsync($"/api/v1/users/{id}/disable", null));
                (await Scalar<bool>("select is_disabled from users where id = $1", id)).Should().Be(allowed);
                break;
            }

            case "POST /api/v1/users/{id}/enable":
            {
                var id = await fx.NewUserAsync(tenant, disabled: true);
                if (target == Target.Other)
                {
                    foreign.Add(id.ToString());
                }

                await Call(client.PostAsync($"/api/v1/users/{id}/enable", null));
                (await Scalar<bool>("select is_disabled from users where id = $1", id)).Should().Be(!allowed);
                break;
            }

            case "GET /api/v1/api-keys":
            {
                var body = await Call(client.GetAsync("/api/v1/api-keys"));
                if (allowed)
                {
                    var keys = Json(body).EnumerateArray().ToList();
                    var prefixes = keys.Select(k => k.GetProperty("prefix").GetString()).ToList();
                    prefixes.Should().Contain(new[] { Role.Owner, Role.Admin, Role.Agent }.Select(r => Callers.PrefixOf(fx.ApiKeys[(A, r)])));
                    prefixes.Should().NotIntersectWith(new[] { Role.Owner, Role.Admin, Role.Agent }.Select(r => Callers.PrefixOf(fx.ApiKeys[(B, r)])));
                    keys.SelectMany(k => k.EnumerateObject().Select(p => p.Name)).Should().NotContain(["key", "keyHash", "hash", "secret"]);
                }

                break;
            }

            case "POST /api/v1/api-keys":
            {
                var name = Callers.Unique("מפתח");
                var body = await Call(client.PostAsJsonAsync("/api/v1/api-keys", new { name, role = "agent" }));
                if (allowed)
                {
                    Json(body).GetProperty("key").GetString().Should().StartWith("psk_");
                }

                (await Count("select count(*) from api_keys where name = $1", name)).Should().Be(allowed ? 1 : 0);
                (await Count("select count(*) from api_keys where name = $1 and tenant_id = $2", name, A.ToString())).Should().Be(allowed ? 1 : 0);
                break;
            }

            case "DELETE /api/v1/api-keys/{id}":
            {
                var (id, key) = await fx.NewApiKeyAsync(tenant);
                if (target == Target.Other)
                {
                    foreign.AddRange([id.ToString(), Callers.PrefixOf(key)]);
                }

                await Call(client.DeleteAsync($"/api/v1/api-keys/{id}"));
                using var holder = fx.NewClient();
                holder.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
                (await holder.GetAsync("/api/v1/auth/me")).StatusCode.Should().Be(allowed ? HttpStatusCode.Unauthorized : HttpStatusCode.OK);
                break;
            }

            case "POST /api/v1/tenants":
            {
                var slug = Callers.Unique("matrix");
                await Call(client.PostAsJsonAsync("/api/v1/tenants", new { name = "עסק חדש", slug }));
                (await Count("select count(*) from tenants where slug = $1", slug)).Should().Be(allowed ? 1 : 0);
                break;
            }

            case "GET /api/v1/tenants":
            {
                var body = await Call(client.GetAsync("/api/v1/tenants"));
                if (allowed)
                {
                    Json(body).EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).Should().Contain([A, B]);
                }

                break;
            }

            case "POST /api/v1/tenants/{id}/suspend":
                try
                {
                    await Call(client.PostAsJsonAsync($"/api/v1/tenants/{tenant}/suspend", new { reason = "בדיקת הרשאות" }));
                    (await StatusOf(tenant)).Should().Be(allowed ? "suspended" : "active");
                }
                finally
                {
                    await EnsureActiveAsync(tenant);
                }

                break;

            case "POST /api/v1/tenants/{id}/reactivate":
                try
                {
                    // Suspending the caller's own business would turn its keys away (401) before any role is looked at:
                    // a caller below the minimum tries its active business instead, and the role check answers first.
                    var suspend = allowed || target == Target.Other;
                    if (suspend)
                    {
                        await TenancyFixture.ReadAsync(await (await Root()).PostAsJsonAsync(
                            $"/api/v1/tenants/{tenant}/suspend", new { reason = "לפני הפעלה מחדש" }), "suspend first");
                    }

                    await Call(client.PostAsync($"/api/v1/tenants/{tenant}/reactivate", null));
                    (await StatusOf(tenant)).Should().Be(allowed || !suspend ? "active" : "suspended");
                }
                finally
                {
                    await EnsureActiveAsync(tenant);
                }

                break;

            case "POST /api/v1/tenants/{id}/phone-numbers":
            {
                var number = Callers.UniqueMobile();
                await Call(client.PostAsJsonAsync($"/api/v1/tenants/{tenant}/phone-numbers", new { phoneNumber = number }));
                (await Scalar<string?>("select tenant_id from tenant_phone_numbers where phone = $1", number))
                    .Should().Be(allowed ? tenant.ToString() : null);
                break;
            }

            case "DELETE /api/v1/tenants/{id}/phone-numbers/{phoneNumber}":
            {
                var number = Callers.UniqueMobile();
                await TenancyFixture.ReadAsync(await (await Root()).PostAsJsonAsync(
                    $"/api/v1/tenants/{tenant}/phone-numbers", new { phoneNumber = number }), "assign a number first");
                await Call(client.DeleteAsync($"/api/v1/tenants/{tenant}/phone-numbers/{Uri.EscapeDataString(number)}"));
                (await Count("select count(*) from tenant_phone_numbers where phone = $1", number)).Should().Be(allowed ? 0 : 1);
                break;
            }

            case "PUT /api/v1/tenants/{id}/limits":
            {
                var calls = 5 + (Interlocked.Increment(ref _limitsSequence) % 5);
                var before = await Scalar<int>("select max_concurrent_calls from tenants where id = $1", tenant);
                await Call(client.PutAsJsonAsync($"/api/v1/tenants/{tenant}/limits", new { maxConcurrentCalls = calls == before ? calls + 1 : calls, maxOutboundCalls = 3 }));
                (await Scalar<int>("select max_concurrent_calls from tenants where id = $1", tenant))
                    .Should().Be(allowed ? (calls == before ? calls + 1 : calls) : before);
                break;
            }

            case "POST /api/v1/tenants/{id}/whatsapp-ids":
            {
                var identifier = Callers.UniqueMobile();
                await Call(client.PostAsJsonAsync($"/api/v1/tenants/{tenant}/whatsapp-ids", new { identifier }));
                (await Count("select count(*) from tenant_whatsapp_ids where tenant_id = $1 and identifier = $2", tenant.ToString(), identifier))
                    .Should().Be(allowed ? 1 : 0);
                break;
            }

            case "DELETE /api/v1/tenants/{id}/whatsapp-ids/{identifier}":
            {
                var identifier = Callers.UniqueMobile();
                await TenancyFixture.ReadAsync(await (await Root()).PostAsJsonAsync(
                    $"/api/v1/tenants/{tenant}/whatsapp-ids", new { identifier }), "add an identifier first");
                await Call(client.DeleteAsync($"/api/v1/tenants/{tenant}/whatsapp-ids/{Uri.EscapeDataString(identifier)}"));
                (await Count("select count(*) from tenant_whatsapp_ids where identifier = $1", identifier)).Should().Be(allowed ? 0 : 1);
                break;
            }

            case "POST /api/v1/auth/tenant":
            {
                // The system admin's reused session must stay on A: selecting changes a session of its own.
                var selector = caller == Caller.SystemAdmin ? await fx.FreshSessionAsync(A, caller) : client;
                await Call(selector.PostAsJsonAsync("/api/v1/auth/tenant", new { tenantId = tenant }));
                var profile = await TenancyFixture.ReadAsync(await selector.GetAsync("/api/v1/business"), "the business acted on");
                profile.GetProperty("id").GetGuid().Should().Be(allowed ? tenant : A);
                break;
            }

            case "GET /api/v1/auth/me":
            {
                var me = Json(await Call(client.GetAsync("/api/v1/auth/me")));
                me.GetProperty("tenantId").GetString().Should().Be(A.ToString());
                me.GetProperty("role").GetString().Should().Be(caller.RoleOf().ToWireName());
                me.GetProperty("kind").GetString().Should().Be(caller.IsApiKey() ? "api_key" : "user");
                break;
            }

            case "GET /api/v1/auth/csrf":
                Json(await Call(client.GetAsync("/api/v1/auth/csrf"))).GetProperty("token").GetString().Should().NotBeNullOrEmpty();
                break;

            case "POST /api/v1/auth/sign-out":
            {
                var leaving = caller.IsApiKey() ? client : await fx.FreshSessionAsync(A, caller);
                await Call(leaving.PostAsync("/api/v1/auth/sign-out", null));
                (await leaving.GetAsync("/api/v1/auth/me")).StatusCode.Should().Be(
                    caller.IsApiKey() ? HttpStatusCode.OK : HttpStatusCode.Unauthorized, "a session ends at sign-out; a key has none to end");
                break;
            }

            default:
                if (!await AreaRowAsync(new MatrixRow(endpoint, caller, target, expected, tenant, client, foreign, Call)))
                {
                    throw new InvalidOperationException($"No row for {endpoint}.");
                }

                break;
        }
    }

    [Fact]
    public async Task A_session_change_without_the_csrf_token_is_refused_while_an_api_key_needs_none()
    {
        var session = await fx.FreshSessionAsync(A, Caller.OwnerSession);
        session.DefaultRequestHeaders.Remove("X-CSRF-Token");
        var name = Callers.Unique("בלי אסימון");
        await (await session.PostAsJsonAsync("/api/v1/leads", new { name })).ShouldBeProblemAsync(403);
        session.DefaultRequestHeaders.Add("X-CSRF-Token", "not-the-token");
        await (await session.PostAsJsonAsync("/api/v1/leads", new { name })).ShouldBeProblemAsync(403);
        (await Count("select count(*) from leads where name = $1", name)).Should().Be(0);

        var key = fx.ApiKeyClient(A, Role.Owner);
        key.DefaultRequestHeaders.Contains("X-CSRF-Token").Should().BeFalse();
        (await key.PostAsJsonAsync("/api/v1/leads", new { name })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await Count("select count(*) from leads where name = $1 and tenant_id = $2", name, A.ToString())).Should().Be(1);
    }

    [Fact]
    public void The_matrix_walks_every_endpoint_the_api_maps_with_its_own_minimum_role()
    {
        var mapped = new Dictionary<string, Role>();
        foreach (var endpoint in fx.Api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var path = Regex.Replace("/" + endpoint.RoutePattern.RawText!.TrimStart('/'), @"\{(\w+)(?::[^}]*)?\}", "{$1}").TrimEnd('/');
            if (!path.StartsWith("/api/v1/", StringComparison.Ordinal) || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                continue;
            }

            var policy = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Single().Policy;
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods)
            {
                mapped.Add($"{method} {path}", Enum.GetValues<Role>().Single(r => Auth.AuthSetup.PolicyFor(r) == policy));
            }
        }

        Endpoints.ToDictionary(e => e.Name, e => e.Minimum).Should().BeEquivalentTo(mapped);
    }

    /// <summary>Ids, e-mails and key prefixes of business B that no answer to a caller of A may contain.</summary>
    private IEnumerable<string> ForeignMarkers() =>
        new[] { B.ToString(), $"@{B:N}.test" }
            .Concat(UsersOf(B).Select(id => id.ToString()))
            .Concat(new[] { Role.Owner, Role.Admin, Role.Agent }.Select(r => Callers.PrefixOf(fx.ApiKeys[(B, r)])));

    private IEnumerable<Guid> UsersOf(Guid tenant) => fx.Users.Where(u => u.Key.Tenant == tenant).Select(u => u.Value);

    private Task<HttpClient> Root() => fx.CachedSessionAsync(A, Role.SystemAdmin);

    private async Task<(Guid Id, string Name)> NewLeadAsync(Guid tenant)
    {
        var name = Callers.Unique("ליד");
        var owner = await fx.CachedSessionAsync(tenant, Role.Owner);
        var created = await TenancyFixture.ReadAsync(await owner.PostAsJsonAsync("/api/v1/leads", new { name }), "create a lead");
        return (created.GetProperty("id").GetGuid(), name);
    }

    private Task<string> StatusOf(Guid tenant) => Scalar<string>("select status from tenants where id = $1", tenant);

    private async Task EnsureActiveAsync(Guid tenant)
    {
        if (await StatusOf(tenant) != "active")
        {
            await TenancyFixture.ReadAsync(await (await Root()).PostAsync($"/api/v1/tenants/{tenant}/reactivate", null), "reactivate");
        }
    }

    private Task<long> Count(string sql, params object[] parameters) => fx.Database.ScalarAsync<long>(sql, parameters);

    private Task<T> Scalar<T>(string sql, params object[] parameters) => fx.Database.ScalarAsync<T>(sql, parameters);

    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement.Clone();
}
