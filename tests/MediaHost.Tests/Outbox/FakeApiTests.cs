using ProSaaS.Sandbox;

namespace ProSaaS.MediaHost.Tests.Outbox;

/// <summary>A test class with a fresh fake Api and a temporary folder for the outbox, both gone after each test.</summary>
public abstract class FakeApiTests : IAsyncLifetime
{
    protected const string Tenant = "biz-a";

    private protected TempFolder Folder { get; } = new();

    protected FakeMediaHostApi Api { get; private set; } = null!;

    public async Task InitializeAsync() => Api = await FakeMediaHostApi.StartAsync();

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        Folder.Dispose();
    }
}
