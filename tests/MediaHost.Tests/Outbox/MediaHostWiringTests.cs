using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Fakes;
using ProSaaS.MediaHost.Calls;
using ProSaaS.MediaHost.Outbox;

namespace ProSaaS.MediaHost.Tests.Outbox;

/// <summary>The outbox as the media host wires it: what a previous run left in the journal is sent when the host starts.</summary>
/// <remarks>
/// Alone, not beside other classes: WebApplicationFactory finds the host it starts through process-wide diagnostics, so
/// two factories of the same Program starting at once may take each other's host.
/// </remarks>
[Collection(MediaHostWiringTests.Alone)]
public sealed class MediaHostWiringTests : IAsyncLifetime
{
    public const string Alone = "MediaHost wiring, alone";

    private const string Tenant = "biz-a";

    private readonly TempFolder _folder = new();
    private FakeMediaHostApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeMediaHostApi.StartAsync();

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task The_host_sends_what_the_journal_holds_as_soon_as_it_starts()
    {
        var call = Guid.NewGuid();
        _api.AddCall(Tenant, call);
        await _api.GoDownAsync();
        var sent = new[] { Commands.Turn(1), Commands.Turn(2) };
        await using (var previous = OutboxTestHost.Create(_api, _folder.Path))
        {
            foreach (var command in sent)
            {
                await previous.Port.EnqueueAsync(Tenant, call, command);
            }
        }

        await _api.ComeUpAsync();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("Api:BaseUrl", _api.BaseAddress.ToString())
            .UseSetting("Api:ServiceKey", _api.ServiceKey)
            .UseSetting("Outbox:Path", _folder.Path));
        using var client = factory.CreateClient();

        await _api.WaitForCommandsAsync(call, 2);
        _api.CommandsOf(call).Select(c => c.Command).Should().Equal(sent);
        factory.Services.GetRequiredService<ICallOutbox>().Should().BeOfType<CallOutbox>();
        factory.Services.GetRequiredService<ICallConfigSource>().Should().BeOfType<ApiCallConfigSource>();
        factory.Services.GetRequiredService<ILiveCalls>().Should().BeOfType<CallHeartbeats>();
    }

    [Fact]
    public async Task Without_a_journal_the_host_starts_without_touching_the_outbox_folder()
    {
        var folder = Path.Combine(_folder.Path, "never-used");
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web.UseSetting("Outbox:Path", folder));
        using var client = factory.CreateClient();

        (await client.GetAsync("/health/live")).IsSuccessStatusCode.Should().BeTrue();
        Directory.Exists(folder).Should().BeFalse("the folder is made at the first command");
    }
}

[CollectionDefinition(MediaHostWiringTests.Alone, DisableParallelization = true)]
public sealed class MediaHostWiringCollection;
