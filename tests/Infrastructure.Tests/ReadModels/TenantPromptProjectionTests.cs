using ProSaaS.Domain.Tenants;
using ProSaaS.Infrastructure.Projections;
using ProSaaS.Infrastructure.ReadModels.Prompts;
using ProSaaS.Infrastructure.ReadModels.Tenants;
using ProSaaS.Testing;

namespace ProSaaS.Infrastructure.Tests.ReadModels;

/// <summary>The tenants row and the prompt versions against the real schema: several events in one batch, legacy changes, rebuilds.</summary>
public sealed class TenantPromptProjectionTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 5, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly PromptAuthor Dana = new("user-1", "דנה כהן");

    private static IProjection[] Projections => [new TenantProjection(), new PromptVersionProjection()];

    [Fact]
    public async Task One_append_of_a_new_business_with_an_address_prompts_and_settings_lands_as_its_last_state()
    {
        var id = Guid.NewGuid();
        var tenant = Tenant.Create(id, "שי דירות", $"shai-{id:N}"[..20], null, null, null, Now);
        tenant.ChangeProfile("שי דירות", "Asia/Jerusalem", "הרצל 12, חיפה", Now);
        tenant.SavePrompt(AssistantChannel.InboundCall, "נכנסות 1", null, 0, Dana, Now);
        tenant.ChangeSettings(tenant.Settings with { Voice = "coral", OutboundPrompt = "יוצאות 1" }, Now, Dana);
        tenant.SavePrompt(AssistantChannel.InboundCall, "נכנסות 2", "שנייה", 1, Dana, Now);
        tenant.SavePrompt(AssistantChannel.Whatsapp, "וואטסאפ 1", null, 0, Dana, Now);

        await Store(id).SaveAsync(tenant);

        (await Row(id)).Should().Be($"הרצל 12, חיפה|נכנסות 2|יוצאות 1|coral|{tenant.Version}");
        (await Versions(id)).Should().Be("inbound_call:1:נכנסות 1|inbound_call:2:נכנסות 2|outbound_call:1:יוצאות 1|whatsapp:1:וואטסאפ 1");
        (await db.ScalarAsync<string>("select author_name || '/' || note from tenant_prompt_versions where tenant_id = $1 and channel = 'outbound_call'",
            id.ToString())).Should().Be("דנה כהן/" + TenantPrompts.SettingsNote);
    }

    [Fact]
    public async Task Appends_one_by_one_and_a_rebuild_in_batches_give_the_same_rows_legacy_changes_included()
    {
        var id = Guid.NewGuid();
        var store = Store(id);
        var tenant = Tenant.Create(id, "עסק", $"biz-{id:N}"[..20], null, null, null, Now);
        await store.SaveAsync(tenant);
        // Recorded before prompts had versions: the settings document named the prompts it changed.
        await store.AppendAsync(id, tenant.Version,
            [new TenantSettingsChanged(id, TenantSettings.Default with { InboundPrompt = "ישנה 1", OutboundPrompt = "ישנה יוצאות" }, ["inboundPrompt", "outboundPrompt"], Now)]);
        await store.AppendAsync(id, tenant.Version + 1,
            [new TenantSettingsChanged(id, TenantSettings.Default with { InboundPrompt = "ישנה 2", OutboundPrompt = "ישנה יוצאות" }, ["inboundPrompt"], Now)]);
        tenant = (await store.AggregateStreamAsync<Tenant>(id))!;
        tenant.SavePrompt(AssistantChannel.InboundCall, "חדשה", null, 2, Dana, Now).Should().Be(PromptSaveOutcome.Saved);
        tenant.ChangeProfile("עסק", "Asia/Jerusalem", "יפו 1, ירושלים", Now);
        await store.SaveAsync(tenant);

        var row = await Row(id);
        var versions = await Versions(id);
        versions.Should().Be("inbound_call:1:ישנה 1|inbound_call:2:ישנה 2|inbound_call:3:חדשה|outbound_call:1:ישנה יוצאות");
        row.Should().Be($"יפו 1, ירושלים|חדשה|ישנה יוצאות|alloy|{tenant.Version}");

        var daemon = Harness.Daemon(db, projections: Projections);
        await daemon.RebuildAsync("tenants");
        await daemon.RebuildAsync("tenant_prompt_versions");

        (await Row(id)).Should().Be(row);
        (await Versions(id)).Should().Be(versions);
    }

    private Infrastructure.EventStore.PostgresEventStore Store(Guid tenant) => Harness.Store(db, Harness.Context(tenant.ToString()), projections: Projections);

    private Task<string> Row(Guid id) => db.ScalarAsync<string>(
        "select coalesce(address, '-') || '|' || (settings->>'inboundPrompt') || '|' || (settings->>'outboundPrompt') || '|' || (settings->>'voice') || '|' || version from tenants where id = $1",
        id);

    private Task<string> Versions(Guid id) => db.ScalarAsync<string>(
        "select string_agg(channel || ':' || version || ':' || text, '|' order by channel, version) from tenant_prompt_versions where tenant_id = $1",
        id.ToString());
}
