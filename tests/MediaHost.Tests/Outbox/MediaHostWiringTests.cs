using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Sandbox;
using ProSaaS.MediaHost.Calls;
using ProSaaS.MediaHost.Outbox;

namespace ProSaaS.MediaHost.Tests.Outbox;

/// <summary>The outbox as the media host wires it: what a previous run left in the journal is sent when the host starts.</summary>
/// <remarks>
/// Alone, not beside other classes: WebApplicationFactory finds the host it starts through process-wide diagnostics, so
/// two factories of the same Program starting at once may take each other's host.
/// </remarks>
[Collection(MediaHostWiringTests.Alone)]
public sealed class MediaHostWiringTests : FakeApiTests
{
    public const string Alone = "MediaHost wiring, alone";

    [Fact]
    public async Task The_host_sends_what_the_journal_holds_as_soon_as_it_starts()
    {
        var call = Guid.NewGuid();
        Api.AddCall(Tenant, call);
        await Api.GoDownAsync();
        var sent = new[] { Commands.Turn(1), Commands.Turn(2) };
        await using (var previous = OutboxTestHost.Create(Api, Folder.Path))
        {
            foreach (var command in sent)
            {
                await previous.Port.EnqueueAsync(Tenant, call, command);
            }
        }

        await Api.ComeUpAsync();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("Api:BaseUrl", Api.BaseAddress.ToString())
            .UseSetting("Api:ServiceKey", Api.ServiceKey)
            .UseSetting("Outbox:Path", Folder.Path));
        using var client = factory.CreateClient();

        await Api.WaitForCommandsAsync(call, 2);
        Api.CommandsOf(call).Select(c => c.Command).Should().Equal(sent);
        factory.Services.GetRequiredService<ICallOutbox>().Should().BeOfType<CallOutbox>();
        factory.Services.GetRequiredService<ICallConfigSource>().Should().BeOfType<ApiCallConfigSource>();
        factory.Services.GetRequiredService<ILiveCalls>().Should().BeOfType<CallHeartbeats>();
    }

    [Fact]
    public async Task Without_a_journal_the_host_starts_without_touching_the_outbox_folder()
    {
        var folder = Path.Combine(Folder.Path, "never-used");
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web.UseSetting("Outbox:Path", folder));
        using var client = factory.CreateClient();

        (await client.GetAsync("/health/live")).IsSuccessStatusCode.Should().BeTrue();
        Directory.Exists(folder).Should().BeFalse("the folder is made at the first command");
    }
}

[CollectionDefinition(MediaHostWiringTests.Alone, DisableParallelization = true)]
public sealed class MediaHostWiringCollection;
