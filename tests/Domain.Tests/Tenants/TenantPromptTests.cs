using ProSaaS.Domain.Common;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Domain.Tests.Tenants;

/// <summary>The business's prompts per channel, with versions, on its own stream.</summary>
public sealed class TenantPromptTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly PromptAuthor Dana = new("user-1", "דנה כהן");
    private static readonly PromptAuthor Moshe = new("user-2", "משה לוי");

    private static Tenant NewTenant()
    {
        var tenant = Tenant.Create(Guid.NewGuid(), "שי דירות", "shai", null, null, null, Now);
        tenant.MarkCommitted();
        return tenant;
    }

    [Fact]
    public void Every_channel_starts_at_version_zero_with_its_default_text()
    {
        var tenant = NewTenant();

        tenant.CurrentPrompt(AssistantChannel.InboundCall).Should().Be(new CurrentPrompt(AssistantChannel.InboundCall, 0, TenantSettings.DefaultInboundPrompt));
        tenant.CurrentPrompt(AssistantChannel.OutboundCall).Should().Be(new CurrentPrompt(AssistantChannel.OutboundCall, 0, TenantSettings.DefaultOutboundPrompt));
        tenant.CurrentPrompt(AssistantChannel.Whatsapp).Should().Be(new CurrentPrompt(AssistantChannel.Whatsapp, 0, TenantPrompts.DefaultWhatsappPrompt));
        TenantPrompts.DefaultWhatsappPrompt.Should().Contain(TenantSettings.BusinessPlaceholder).And.Contain("וואטסאפ");
        tenant.PromptText(AssistantChannel.Whatsapp, 0).Should().Be(TenantPrompts.DefaultWhatsappPrompt);
        tenant.PromptText(AssistantChannel.Whatsapp, 1).Should().BeNull();
        tenant.PromptText(AssistantChannel.Whatsapp, -1).Should().BeNull();
    }

    [Fact]
    public void A_save_records_the_next_version_with_its_author_and_the_settings_mirror_the_call_prompts()
    {
        var tenant = NewTenant();

        tenant.SavePrompt(AssistantChannel.InboundCall, " לענות בקצרה.\r\nלהציע פגישה. ", " קיצור ", 0, Dana, Now)
            .Should().Be(PromptSaveOutcome.Saved);
        tenant.SavePrompt(AssistantChannel.Whatsapp, "לענות בוואטסאפ בקצרה.", null, 0, Moshe, Now.AddMinutes(1))
            .Should().Be(PromptSaveOutcome.Saved);

        tenant.UncommittedEvents.Should().Equal(
            new TenantPromptSaved(tenant.Id, AssistantChannel.InboundCall, 1, "לענות בקצרה.\nלהציע פגישה.", "קיצור", null, "user-1", "דנה כהן", Now),
            new TenantPromptSaved(tenant.Id, AssistantChannel.Whatsapp, 1, "לענות בוואטסאפ בקצרה.", null, null, "user-2", "משה לוי", Now.AddMinutes(1)));
        tenant.CurrentPrompt(AssistantChannel.InboundCall).Should().Be(new CurrentPrompt(AssistantChannel.InboundCall, 1, "לענות בקצרה.\nלהציע פגישה."));
        tenant.Settings.InboundPrompt.Should().Be("לענות בקצרה.\nלהציע פגישה.");
        tenant.Settings.OutboundPrompt.Should().Be(TenantSettings.DefaultOutboundPrompt);
        tenant.Version.Should().Be(3);
    }

    [Fact]
    public void The_current_text_again_records_nothing_whatever_version_it_was_made_on()
    {
        var tenant = NewTenant();
        tenant.SavePrompt(AssistantChannel.OutboundCall, "להתקשר בנימוס.", null, 0, Dana, Now);
        tenant.MarkCommitted();

        tenant.SavePrompt(AssistantChannel.OutboundCall, "  להתקשר בנימוס.\r\n", "שוב", 1, Dana, Now).Should().Be(PromptSaveOutcome.Unchanged);
        tenant.SavePrompt(AssistantChannel.OutboundCall, "להתקשר בנימוס.", null, 0, Moshe, Now).Should().Be(PromptSaveOutcome.Unchanged);
        tenant.SavePrompt(AssistantChannel.InboundCall, TenantSettings.DefaultInboundPrompt, null, 0, Moshe, Now).Should().Be(PromptSaveOutcome.Unchanged);

        tenant.UncommittedEvents.Should().BeEmpty();
    }

    [Fact]
    public void A_save_made_on_a_version_that_is_no_longer_current_records_nothing()
    {
        var tenant = NewTenant();
        tenant.SavePrompt(AssistantChannel.InboundCall, "גרסה של דנה", null, 0, Dana, Now);
        tenant.MarkCommitted();

        tenant.SavePrompt(AssistantChannel.InboundCall, "גרסה של משה", null, 0, Moshe, Now).Should().Be(PromptSaveOutcome.Stale);
        tenant.SavePrompt(AssistantChannel.InboundCall, "גרסה של משה", null, 2, Moshe, Now).Should().Be(PromptSaveOutcome.Stale);

        tenant.UncommittedEvents.Should().BeEmpty();
        tenant.CurrentPrompt(AssistantChannel.InboundCall).Text.Should().Be("גרסה של דנה");
        tenant.SavePrompt(AssistantChannel.InboundCall, "גרסה של משה", null, 1, Moshe, Now).Should().Be(PromptSaveOutcome.Saved);
    }

    [Fact]
    public void A_rollback_records_a_new_version_with_the_old_text_and_history_stays()
    {
        var tenant = NewTenant();
        tenant.SavePrompt(AssistantChannel.InboundCall, "ראשונה", null, 0, Dana, Now);
        tenant.SavePrompt(AssistantChannel.InboundCall, "שנייה", null, 1, Dana, Now);
        tenant.MarkCommitted();

        tenant.RestorePrompt(AssistantChannel.InboundCall, 1, null, 2, Moshe, Now).Should().Be(PromptSaveOutcome.Saved);
        tenant.RestorePrompt(AssistantChannel.InboundCall, 0, " חזרה לברירת המחדל ", null, Moshe, Now).Should().Be(PromptSaveOutcome.Saved);

        tenant.UncommittedEvents.Should().Equal(
            new TenantPromptSaved(tenant.Id, AssistantChannel.InboundCall, 3, "ראשונה", "שחזור גרסה 1", 1, "user-2", "משה לוי", Now),
            new TenantPromptSaved(tenant.Id, AssistantChannel.InboundCall, 4, TenantSettings.DefaultInboundPrompt, "חזרה לברירת המחדל", 0, "user-2", "משה לוי", Now));
        tenant.PromptText(AssistantChannel.InboundCall, 2).Should().Be("שנייה");
        tenant.CurrentPrompt(AssistantChannel.InboundCall).Version.Should().Be(4);
        tenant.Settings.InboundPrompt.Should().Be(TenantSettings.DefaultInboundPrompt);
    }

    [Fact]
    public void A_rollback_to_the_current_text_a_stale_base_or_a_missing_version_records_nothing()
    {
        var tenant = NewTenant();
        tenant.SavePrompt(AssistantChannel.Whatsapp, "ראשונה", null, 0, Dana, Now);
        tenant.SavePrompt(AssistantChannel.Whatsapp, "שנייה", null, 1, Dana, Now);
        tenant.MarkCommitted();

        tenant.RestorePrompt(AssistantChannel.Whatsapp, 2, null, null, Moshe, Now).Should().Be(PromptSaveOutcome.Unchanged);
        tenant.RestorePrompt(AssistantChannel.Whatsapp, 1, null, 1, Moshe, Now).Should().Be(PromptSaveOutcome.Stale);
        Refusal(() => tenant.RestorePrompt(AssistantChannel.Whatsapp, 3, null, null, Moshe, Now)).Code.Should().Be("prompt.version_not_found");
        Refusal(() => tenant.RestorePrompt(AssistantChannel.OutboundCall, 1, null, null, Moshe, Now)).Code.Should().Be("prompt.version_not_found");

        tenant.UncommittedEvents.Should().BeEmpty();
    }

    [Fact]
    public void Invalid_prompts_and_notes_are_refused()
    {
        var tenant = NewTenant();

        Refusal(() => tenant.SavePrompt(AssistantChannel.InboundCall, " \r\n ", null, 0, Dana, Now)).Code.Should().Be("prompt.text_required");
        Refusal(() => tenant.SavePrompt(AssistantChannel.InboundCall, new string('א', TenantPrompts.MaxTextLength + 1), null, 0, Dana, Now))
            .Code.Should().Be("prompt.text_too_long");
        Refusal(() => tenant.SavePrompt(AssistantChannel.InboundCall, "טקסט", new string('א', TenantPrompts.MaxNoteLength + 1), 0, Dana, Now))
            .Code.Should().Be("prompt.note_too_long");
        Refusal(() => tenant.SavePrompt((AssistantChannel)7, "טקסט", null, 0, Dana, Now)).Code.Should().Be("prompt.channel_unknown");
        tenant.SavePrompt(AssistantChannel.InboundCall, new string('א', TenantPrompts.MaxTextLength), null, 0, Dana, Now).Should().Be(PromptSaveOutcome.Saved);
    }

    [Fact]
    public void A_prompt_changed_in_the_settings_is_saved_as_its_next_version_and_the_rest_as_a_settings_change()
    {
        var tenant = NewTenant();
        tenant.SavePrompt(AssistantChannel.InboundCall, "ראשונה", null, 0, Dana, Now);
        tenant.MarkCommitted();

        var changed = tenant.ChangeSettings(tenant.Settings with { InboundPrompt = " שנייה ", Voice = "ash", AssistantGender = AssistantGender.Male }, Now, Moshe);

        changed.Should().Equal("voice", "assistantGender", "inboundPrompt");
        tenant.UncommittedEvents.Should().HaveCount(2);
        tenant.UncommittedEvents[0].Should().Be(
            new TenantPromptSaved(tenant.Id, AssistantChannel.InboundCall, 2, "שנייה", TenantPrompts.SettingsNote, null, "user-2", "משה לוי", Now));
        var settingsChanged = tenant.UncommittedEvents[1].Should().BeOfType<TenantSettingsChanged>().Subject;
        settingsChanged.ChangedSettings.Should().Equal("voice", "assistantGender");
        settingsChanged.Settings.InboundPrompt.Should().Be("שנייה");

        tenant.MarkCommitted();
        tenant.ChangeSettings(tenant.Settings with { OutboundPrompt = "יוצאות" }, Now).Should().Equal("outboundPrompt");
        tenant.UncommittedEvents.Should().ContainSingle().Which.Should().Be(
            new TenantPromptSaved(tenant.Id, AssistantChannel.OutboundCall, 1, "יוצאות", TenantPrompts.SettingsNote, null, null, null, Now));
    }

    [Fact]
    public void A_settings_change_recorded_before_prompts_had_versions_counts_as_the_next_version()
    {
        var id = Guid.NewGuid();
        var tenant = (Tenant)Activator.CreateInstance(typeof(Tenant), nonPublic: true)!;
        var legacy = TenantSettings.Default with { InboundPrompt = "ישנה" };
        tenant.ReplayEvent(new TenantCreated(id, "עסק", "biz", "Asia/Jerusalem", TenantLimits.Default, TenantSettings.Default, Now), 1);
        tenant.ReplayEvent(new TenantSettingsChanged(id, legacy, ["inboundPrompt"], Now), 2);
        tenant.ReplayEvent(new TenantSettingsChanged(id, legacy with { Voice = "coral" }, ["voice"], Now), 3);

        tenant.CurrentPrompt(AssistantChannel.InboundCall).Should().Be(new CurrentPrompt(AssistantChannel.InboundCall, 1, "ישנה"));
        tenant.CurrentPrompt(AssistantChannel.OutboundCall).Version.Should().Be(0);
        tenant.SavePrompt(AssistantChannel.InboundCall, "חדשה", null, 1, Dana, Now).Should().Be(PromptSaveOutcome.Saved);
        tenant.CurrentPrompt(AssistantChannel.InboundCall).Version.Should().Be(2);
    }

    [Fact]
    public void A_business_created_with_prompts_of_its_own_starts_with_them_as_version_one()
    {
        var settings = TenantSettings.Default with { OutboundPrompt = "משלנו" };

        var tenant = Tenant.Create(Guid.NewGuid(), "עסק", "biz", null, null, settings, Now);

        tenant.UncommittedEvents.Select(e => e.GetType()).Should().Equal(typeof(TenantCreated), typeof(TenantPromptSaved));
        tenant.UncommittedEvents[1].Should().Be(new TenantPromptSaved(tenant.Id, AssistantChannel.OutboundCall, 1, "משלנו", TenantPrompts.CreationNote, null, null, null, Now));
        tenant.CurrentPrompt(AssistantChannel.OutboundCall).Version.Should().Be(1);
        tenant.CurrentPrompt(AssistantChannel.InboundCall).Version.Should().Be(0);
    }

    [Fact]
    public void Replaying_the_stream_rebuilds_the_same_prompts()
    {
        var original = NewTenant();
        original.SavePrompt(AssistantChannel.InboundCall, "א", null, 0, Dana, Now);
        original.SavePrompt(AssistantChannel.InboundCall, "ב", null, 1, Dana, Now);
        original.RestorePrompt(AssistantChannel.InboundCall, 1, null, 2, Dana, Now);
        original.ChangeSettings(original.Settings with { OutboundPrompt = "ג" }, Now, Dana);
        var events = original.UncommittedEvents.ToList();

        var replayed = (Tenant)Activator.CreateInstance(typeof(Tenant), nonPublic: true)!;
        replayed.ReplayEvent(new TenantCreated(original.Id, original.Name, original.Slug, original.TimeZone, original.Limits, TenantSettings.Default, original.CreatedAt), 1);
        var version = 1;
        foreach (var @event in events)
        {
            replayed.ReplayEvent(@event, ++version);
        }

        foreach (var channel in AssistantChannels.All)
        {
            replayed.CurrentPrompt(channel).Should().Be(original.CurrentPrompt(channel));
            for (var v = 0; v <= original.CurrentPrompt(channel).Version; v++)
            {
                replayed.PromptText(channel, v).Should().Be(original.PromptText(channel, v));
            }
        }

        replayed.Settings.Should().Be(original.Settings);
    }

    [Fact]
    public void The_address_is_part_of_the_profile_trimmed_and_optional()
    {
        var tenant = NewTenant();

        tenant.ChangeProfile("שי דירות", "Asia/Jerusalem", " הרצל 12, חיפה ", Now);
        tenant.ChangeProfile("שי דירות בע\"מ", "Asia/Jerusalem", Now);
        tenant.ChangeProfile("שי דירות בע\"מ", "Asia/Jerusalem", "הרצל 12, חיפה", Now);
        tenant.ChangeProfile("שי דירות בע\"מ", "Asia/Jerusalem", "  ", Now);

        tenant.UncommittedEvents.Should().Equal(
            new TenantProfileChanged(tenant.Id, "שי דירות", "Asia/Jerusalem", Now, "הרצל 12, חיפה"),
            new TenantProfileChanged(tenant.Id, "שי דירות בע\"מ", "Asia/Jerusalem", Now, "הרצל 12, חיפה"),
            new TenantProfileChanged(tenant.Id, "שי דירות בע\"מ", "Asia/Jerusalem", Now));
        tenant.Address.Should().BeNull();
        Refusal(() => tenant.ChangeProfile("שי", "Asia/Jerusalem", new string('א', Tenant.MaxAddressLength + 1), Now)).Code.Should().Be("tenant.address_too_long");
        Refusal(() => tenant.ChangeProfile("שי", "Asia/Jerusalem", "הרצל 12\nחיפה", Now)).Code.Should().Be("tenant.address_multiline");
    }

    private static DomainException Refusal(Action act) => FluentActions.Invoking(act).Should().Throw<DomainException>().Which;
}
