using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Api.Tests.Tenancy;
using ProSaaS.Application.Files;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Crm;

/// <summary>
/// The body limit of the upload endpoints on the real server (Kestrel): a body declared too large is refused with a
/// problem+json 413 before a byte of it is sent (the client waits with <c>Expect: 100-continue</c>), and nothing is stored.
/// </summary>
public sealed class UploadLimitKestrelTests(TenancyFixture fx) : IClassFixture<TenancyFixture>, IAsyncLifetime
{
    private ApiFactory _kestrel = null!;

    public Task InitializeAsync()
    {
        _kestrel = new ApiFactory(fx.Database.ConnectionString);
        _kestrel.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _kestrel.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _kestrel.DisposeAsync();

    [Fact]
    public async Task A_body_declared_over_the_limit_is_refused_before_it_is_sent()
    {
        using var client = Client();
        client.DefaultRequestHeaders.ExpectContinue = true;
        var lead = await NewLeadAsync();

        var response = await client.PostAsync($"/api/v1/leads/{lead}/notes",
            TestFiles.Form("גדול", TestFiles.OversizedPng(FileIntake.MaxBytes + 1), "big.png", "image/png"));

        (await response.ShouldBeProblemAsync(413)).GetProperty("code").GetString().Should().Be("file.too_large");
        await NothingStoredAsync(lead);
    }

    private HttpClient Client()
    {
        var client = _kestrel.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fx.ApiKeys[(fx.TenantA, Role.Agent)]);
        return client;
    }

    private async Task<Guid> NewLeadAsync()
    {
        var owner = await fx.CachedSessionAsync(fx.TenantA, Role.Owner);
        return (await TenancyFixture.ReadAsync(await owner.PostAsJsonAsync("/api/v1/leads", new { name = Callers.Unique("ליד") }), "lead"))
            .GetProperty("id").GetGuid();
    }

    private async Task NothingStoredAsync(Guid lead)
    {
        (await fx.Database.ScalarAsync<long>("select count(*) from lead_notes where lead_id = $1", lead)).Should().Be(0);
        (await fx.Database.ScalarAsync<long>("select count(*) from file_deletions")).Should().Be(0);
        (Directory.Exists(_kestrel.StoragePath) ? Directory.GetFiles(_kestrel.StoragePath, "*", SearchOption.AllDirectories) : [])
            .Should().BeEmpty();
    }
}
