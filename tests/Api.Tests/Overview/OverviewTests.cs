using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Api.Tests.Calls;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Api.Tests.Tenancy;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Users.BootstrapSystemAdmin;
using ProSaaS.Testing;

namespace ProSaaS.Api.Tests.Overview;

/// <summary>
/// The real Api and PostgreSQL in sandbox telephony, with a clock the tests move: calls arrive through Twilio's signed
/// inbound webhook and leads through the API at chosen moments, so that what counts as today, this week and each charted
/// day is decided by the business's zone (Israel, UTC+2 in March 2027 until the 26th).
/// </summary>
public sealed class OverviewFixture : IAsyncLifetime
{
    private const string RootEmail = "root@overview.test";

    public PostgresDatabase Database { get; } = new();

    public ShiftedClock Clock { get; } = new(new DateTimeOffset(2027, 3, 11, 12, 0, 0, TimeSpan.FromHours(2)));

    public ApiFactory Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Api = new ApiFactory(
            Database.ConnectionString,
            new Dictionary<string, string?>
            {
                ["Auth:SignInPermitsPerMinute"] = "1000",
                ["Twilio:PublicBaseUrl"] = CallsFixture.PublicBaseUrl,
                ["MediaHost:PublicStreamUrl"] = CallsFixture.StreamUrl,
                ["MediaHost:StreamTokenKey"] = Convert.ToBase64String(CallsFixture.TokenKey),
                ["MediaHost:ServiceKey"] = CallsFixture.ServiceKey,
                ["Calls:ReclaimScanSeconds"] = "0",
            },
            services => services.AddSingleton<TimeProvider>(Clock));
        await using (var scope = Api.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<RequestContext>().CorrelationId = "bootstrap";
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new BootstrapSystemAdmin(RootEmail, "מנהל מערכת", TenancyFixture.Password));
        }
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Database.DisposeAsync();
    }

    public HttpClient NewClient() => Api.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        HandleCookies = true,
        AllowAutoRedirect = false,
    });

    /// <summary>A new business with an agent's API key; with <paramref name="withNumber"/> a number callers reach it on.</summary>
    public async Task<OverviewBusiness> NewBusinessAsync(bool withNumber = true)
    {
        // Signed in afresh: the tests move the clock past a session's lifetime.
        var root = NewClient();
        var signedIn = await TenancyFixture.ReadAsync(
            await root.PostAsJsonAsync("/api/v1/auth/sign-in", new { email = RootEmail, password = TenancyFixture.Password }), "sign in");
        root.DefaultRequestHeaders.Add("X-CSRF-Token", signedIn.GetProperty("csrfToken").GetString());
        var slug = "overview-" + Guid.NewGuid().ToString("N")[..10];
        var created = await TenancyFixture.ReadAsync(
            await root.PostAsJsonAsync("/api/v1/tenants", new { name = "עסק הסקירה", slug }), "create business");
        var id = created.GetProperty("id").GetGuid();
        string? number = null;
        if (withNumber)
        {
            number = Callers.UniqueMobile();
            await TenancyFixture.ReadAsync(await root.PostAsJsonAsync($"/api/v1/tenants/{id}/phone-numbers", new { phoneNumber = number }), "assign a number");
        }

        (await root.PostAsJsonAsync("/api/v1/auth/tenant", new { tenantId = id })).EnsureSuccessStatusCode();
        var key = (await TenancyFixture.ReadAsync(await root.PostAsJsonAsync("/api/v1/api-keys", new { name = "agent", role = "agent" }), "create key"))
            .GetProperty("key").GetString()!;
        var agent = NewClient();
        agent.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return new OverviewBusiness(this, id, number, agent);
    }
}

public sealed record OverviewBusiness(OverviewFixture Fixture, Guid Id, string? Number, HttpClient Agent)
{
    public async Task<Guid> CallAsync() => (await Fixture.Api.CallAsync(Number!, from: Callers.UniqueMobile())).CallId;

    public async Task<Guid> LeadAsync(string name)
    {
        var created = await TenancyFixture.ReadAsync(
            await Agent.PostAsJsonAsync("/api/v1/leads", new { name, phone = Callers.UniqueMobile() }), "create a lead");
        return created.GetProperty("id").GetGuid();
    }

    public async Task<JsonElement> OverviewAsync() => await TenancyFixture.ReadAsync(await Agent.GetAsync("/api/v1/overview"), "read the overview");
}

public sealed class OverviewTests(OverviewFixture fx) : IClassFixture<OverviewFixture>
{
    private static DateTimeOffset Israel(int day, int hour, int minute = 0) => new(2027, 3, day, hour, minute, 0, TimeSpan.FromHours(2));

    [Fact]
    public async Task Counts_follow_the_business_days_and_never_include_another_business()
    {
        var business = await fx.NewBusinessAsync();
        var other = await fx.NewBusinessAsync();

        fx.Clock.Set(Israel(11, 12)); // Thursday of the previous week
        await business.CallAsync();
        await business.LeadAsync("ליד מיום חמישי");
        await other.CallAsync();
        await other.LeadAsync("ליד של עסק אחר");

        fx.Clock.Set(Israel(13, 23, 30)); // Saturday night: still the previous week
        await business.CallAsync();
        await business.LeadAsync("ליד ממוצאי שבת");

        fx.Clock.Set(Israel(14, 0, 10)); // Sunday 00:10 local is Saturday 22:10 UTC: this week, yesterday
        await business.CallAsync();
        var sunday = await business.LeadAsync("ליד מיום ראשון");
        await other.CallAsync();

        fx.Clock.Set(Israel(15, 9)); // Monday: today
        await business.CallAsync();
        var monday = await business.LeadAsync("ליד מיום שני");
        (await business.Agent.PostAsJsonAsync($"/api/v1/leads/{monday}/status", new { status = "contacted" })).EnsureSuccessStatusCode();
        await TenancyFixture.ReadAsync(await business.Agent.PostAsJsonAsync("/api/v1/appointments",
            new { leadId = monday, start = "2027-03-16T10:00:00+02:00" }), "book Tuesday");
        await TenancyFixture.ReadAsync(await business.Agent.PostAsJsonAsync("/api/v1/appointments",
            new { leadId = sunday, start = "2027-03-15T11:00:00+02:00", title = "פגישת היכרות" }), "book Monday");
        var cancelled = await TenancyFixture.ReadAsync(await business.Agent.PostAsJsonAsync("/api/v1/appointments",
            new { leadId = sunday, start = "2027-03-17T12:00:00+02:00" }), "book Wednesday");
        (await business.Agent.PostAsJsonAsync($"/api/v1/appointments/{cancelled.GetProperty("id").GetGuid()}/cancel", new { reason = "בוטל" }))
            .EnsureSuccessStatusCode();

        var overview = await business.OverviewAsync();

        overview.GetProperty("timeZone").GetString().Should().Be("Asia/Jerusalem");
        overview.GetProperty("today").GetString().Should().Be("2027-03-15");
        overview.GetProperty("hasPhoneNumber").GetBoolean().Should().BeTrue();
        overview.GetProperty("isEmpty").GetBoolean().Should().BeFalse();

        var calls = overview.GetProperty("calls");
        calls.GetProperty("today").GetInt32().Should().Be(1);
        calls.GetProperty("total").GetInt32().Should().Be(4);
        calls.GetProperty("active").GetInt32().Should().Be(4, "inbound calls that were never ended still hold their lines");
        var latest = calls.GetProperty("latest").EnumerateArray().ToList();
        latest.Should().HaveCount(4);
        latest.Select(c => c.GetProperty("startedAt").GetDateTimeOffset()).Should().BeInDescendingOrder();
        latest[0].GetProperty("direction").GetString().Should().Be("inbound");
        latest[0].GetProperty("isLive").GetBoolean().Should().BeTrue();

        var leads = overview.GetProperty("leads");
        leads.GetProperty("today").GetInt32().Should().Be(1);
        leads.GetProperty("thisWeek").GetInt32().Should().Be(2);
        leads.GetProperty("total").GetInt32().Should().Be(4);

        var appointments = overview.GetProperty("appointments");
        appointments.GetProperty("count").GetInt32().Should().Be(2, "the cancelled one does not count");
        var upcoming = appointments.GetProperty("upcoming").EnumerateArray().ToList();
        upcoming.Select(a => a.GetProperty("start").GetDateTimeOffset()).Should()
            .Equal(DateTimeOffset.Parse("2027-03-15T11:00:00+02:00"), DateTimeOffset.Parse("2027-03-16T10:00:00+02:00"));
        upcoming[0].GetProperty("leadName").GetString().Should().Be("ליד מיום ראשון");
        upcoming[0].GetProperty("title").GetString().Should().Be("פגישת היכרות");

        var days = overview.GetProperty("callsPerDay").EnumerateArray()
            .Select(d => (d.GetProperty("date").GetString(), d.GetProperty("count").GetInt32())).ToList();
        days.Should().HaveCount(14);
        days[0].Item1.Should().Be("2027-03-02");
        days[^1].Should().Be(("2027-03-15", 1));
        days.Where(d => d.Item2 > 0).Should().Equal(("2027-03-11", 1), ("2027-03-13", 1), ("2027-03-14", 1), ("2027-03-15", 1));

        overview.GetProperty("funnel").EnumerateArray()
            .Select(s => (s.GetProperty("status").GetString(), s.GetProperty("label").GetString(), s.GetProperty("count").GetInt32()))
            .Should().Equal(
                ("new", "חדש", 3), ("contacted", "נוצר קשר", 1), ("qualified", "מתאים", 0),
                ("appointment", "נקבעה פגישה", 0), ("won", "נסגר", 0), ("lost", "לא רלוונטי", 0));

        var others = await other.OverviewAsync();
        others.GetProperty("calls").GetProperty("total").GetInt32().Should().Be(2);
        others.GetProperty("leads").GetProperty("total").GetInt32().Should().Be(1);
        others.GetProperty("appointments").GetProperty("count").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task A_new_business_is_empty_with_a_full_chart_of_zeros_and_every_status()
    {
        fx.Clock.Set(Israel(15, 9));
        var business = await fx.NewBusinessAsync(withNumber: false);

        var overview = await business.OverviewAsync();

        overview.GetProperty("isEmpty").GetBoolean().Should().BeTrue();
        overview.GetProperty("hasPhoneNumber").GetBoolean().Should().BeFalse();
        overview.GetProperty("calls").GetProperty("latest").GetArrayLength().Should().Be(0);
        overview.GetProperty("callsPerDay").EnumerateArray().Select(d => d.GetProperty("count").GetInt32()).Should().Equal(Enumerable.Repeat(0, 14));
        overview.GetProperty("funnel").EnumerateArray().Select(s => s.GetProperty("count").GetInt32()).Should().Equal(0, 0, 0, 0, 0, 0);
    }

    [Fact]
    public async Task The_overview_needs_a_signed_in_user()
    {
        var response = await fx.NewClient().GetAsync("/api/v1/overview");
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
