using ProSaaS.Domain.Common;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Domain.Tests.Tenants;

public sealed class TenantTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 2, 10, 0, 0, TimeSpan.Zero);

    private static Tenant NewTenant(string slug = "shai-apartments")
    {
        var tenant = Tenant.Create(Guid.NewGuid(), "שי דירות ומשרדים", slug, null, null, null, Now);
        tenant.MarkCommitted();
        return tenant;
    }

    private static DomainException Refusal(Action act) => act.Should().Throw<DomainException>().Which;

    [Fact]
    public void Create_applies_the_defaults_and_raises_one_event()
    {
        var id = Guid.NewGuid();
        var tenant = Tenant.Create(id, "  שי דירות ומשרדים ", " Shai-Apartments ", null, null, null, Now);

        var created = tenant.UncommittedEvents.Should().ContainSingle().Which.Should().BeOfType<TenantCreated>().Subject;
        created.TenantId.Should().Be(id);
        created.Name.Should().Be("שי דירות ומשרדים");
        created.Slug.Should().Be("shai-apartments");
        created.TimeZone.Should().Be("Asia/Jerusalem");
        created.Limits.Should().Be(new TenantLimits(5, 3));
        created.Settings.Should().Be(TenantSettings.Default);
        tenant.Status.Should().Be(TenantStatus.Active);
        tenant.TenantKey.Should().Be(id.ToString());
        tenant.Version.Should().Be(1);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("-shai")]
    [InlineData("shai-")]
    [InlineData("שי")]
    [InlineData("shai apartments")]
    [InlineData("shai_apartments")]
    [InlineData("a1111111111111111111111111111111111111111")]
    [InlineData("")]
    public void Create_refuses_a_malformed_slug(string slug)
    {
        Refusal(() => Tenant.Create(Guid.NewGuid(), "עסק", slug, null, null, null, Now)).Code.Should().Be("tenant.slug_invalid");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("a-b")]
    [InlineData("123")]
    [InlineData("a222222222222222222222222222222222222222")]
    public void Create_accepts_slugs_of_three_to_forty_characters(string slug)
    {
        Tenant.Create(Guid.NewGuid(), "עסק", slug, null, null, null, Now).Slug.Should().Be(slug);
    }

    [Theory]
    [InlineData("Mars/Olympus")]
    [InlineData("Israel Standard Time")]
    [InlineData("../../etc/passwd")]
    [InlineData("")]
    public void Create_refuses_an_unknown_or_non_IANA_time_zone(string timeZone)
    {
        Refusal(() => Tenant.Create(Guid.NewGuid(), "עסק", "biz", timeZone, null, null, Now)).Code.Should().Be("tenant.time_zone_invalid");
    }

    [Fact]
    public void Create_accepts_another_IANA_time_zone()
    {
        Tenant.Create(Guid.NewGuid(), "עסק", "biz", "Europe/London", null, null, Now).TimeZone.Should().Be("Europe/London");
    }

    [Fact]
    public void Create_refuses_an_empty_id_and_a_missing_or_overlong_name()
    {
        Refusal(() => Tenant.Create(Guid.Empty, "עסק", "biz", null, null, null, Now)).Code.Should().Be("tenant.id_required");
        Refusal(() => Tenant.Create(Guid.NewGuid(), "  ", "biz", null, null, null, Now)).Code.Should().Be("tenant.name_required");
        Refusal(() => Tenant.Create(Guid.NewGuid(), new string('א', Tenant.MaxNameLength + 1), "biz", null, null, null, Now))
            .Code.Should().Be("tenant.name_too_long");
    }

    [Theory]
    [InlineData(0, 0, "tenant.max_concurrent_calls_invalid")]
    [InlineData(101, 3, "tenant.max_concurrent_calls_invalid")]
    [InlineData(5, 0, "tenant.max_outbound_calls_invalid")]
    [InlineData(5, 6, "tenant.max_outbound_calls_above_total")]
    public void Limits_stay_within_one_to_a_hundred_with_outbound_within_the_total(int total, int outbound, string code)
    {
        Refusal(() => Tenant.Create(Guid.NewGuid(), "עסק", "biz", null, new TenantLimits(total, outbound), null, Now)).Code.Should().Be(code);
        var tenant = NewTenant();
        Refusal(() => tenant.ChangeLimits(new TenantLimits(total, outbound), Now)).Code.Should().Be(code);
    }

    [Fact]
    public void Changing_limits_records_them_and_the_same_limits_change_nothing()
    {
        var tenant = NewTenant();
        tenant.ChangeLimits(new TenantLimits(100, 100), Now);
        tenant.ChangeLimits(new TenantLimits(100, 100), Now);

        tenant.UncommittedEvents.Should().ContainSingle().Which.Should().BeOfType<TenantLimitsChanged>()
            .Which.Limits.Should().Be(new TenantLimits(100, 100));
        tenant.Limits.MaxOutboundCalls.Should().Be(100);
    }

    [Fact]
    public void Assigning_a_number_normalises_it_and_refuses_it_twice_in_any_form()
    {
        var tenant = NewTenant();

        tenant.AssignPhoneNumber("03-555-1234", Now).Should().Be("+97235551234");
        Refusal(() => tenant.AssignPhoneNumber("+972 3 555 1234", Now)).Code.Should().Be("tenant.number_already_assigned");

        tenant.UncommittedEvents.Should().ContainSingle().Which.Should().Be(new TenantPhoneNumberAssigned(tenant.Id, "+97235551234", Now));
        tenant.PhoneNumbers.Should().Equal("+97235551234");
    }

    [Fact]
    public void An_invalid_number_is_refused()
    {
        Refusal(() => NewTenant().AssignPhoneNumber("12345", Now)).Code.Should().Be("tenant.phone_invalid");
    }

    [Fact]
    public void Releasing_a_number_frees_it_and_only_an_assigned_number_can_be_released()
    {
        var tenant = NewTenant();
        tenant.AssignPhoneNumber("0525550000", Now);

        tenant.ReleasePhoneNumber("052-555-0000", Now).Should().Be("+972525550000");
        Refusal(() => tenant.ReleasePhoneNumber("0525550000", Now)).Code.Should().Be("tenant.number_not_assigned");
        tenant.PhoneNumbers.Should().BeEmpty();
        tenant.AssignPhoneNumber("0525550000", Now).Should().Be("+972525550000");
    }

    [Theory]
    [InlineData("whatsapp:+972525550000", "+972525550000")]
    [InlineData("052-555-0000", "+972525550000")]
    [InlineData("972525550000:7@s.whatsapp.net", "+972525550000")]
    [InlineData(" 109876543210987 ", "109876543210987")]
    public void WhatsApp_identifiers_are_stored_normalised(string input, string stored)
    {
        var tenant = NewTenant();
        tenant.AddWhatsAppIdentifier(input, Now).Should().Be(stored);
        tenant.WhatsAppIdentifiers.Should().Equal(stored);
        Refusal(() => tenant.AddWhatsAppIdentifier(stored, Now)).Code.Should().Be("tenant.whatsapp_already_added");
        tenant.RemoveWhatsAppIdentifier(input, Now).Should().Be(stored);
        tenant.WhatsAppIdentifiers.Should().BeEmpty();
        Refusal(() => tenant.RemoveWhatsAppIdentifier(input, Now)).Code.Should().Be("tenant.whatsapp_not_found");
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a number")]
    [InlineData("+abc@s.whatsapp.net")]
    public void Unreadable_WhatsApp_identifiers_are_refused(string input)
    {
        Refusal(() => NewTenant().AddWhatsAppIdentifier(input, Now)).Code.Should().Be("tenant.whatsapp_invalid");
    }

    [Fact]
    public void Suspending_needs_a_reason_and_cannot_happen_twice_and_reactivating_clears_it()
    {
        var tenant = NewTenant();
        Refusal(() => tenant.Suspend(" ", Now)).Code.Should().Be("tenant.suspension_reason_required");
        Refusal(() => tenant.Suspend(new string('x', Tenant.MaxSuspensionReasonLength + 1), Now)).Code.Should().Be("tenant.suspension_reason_too_long");
        Refusal(() => tenant.Reactivate(Now)).Code.Should().Be("tenant.not_suspended");

        tenant.Suspend(" חוב פתוח ", Now);
        tenant.Status.Should().Be(TenantStatus.Suspended);
        tenant.SuspensionReason.Should().Be("חוב פתוח");
        Refusal(() => tenant.Suspend("שוב", Now)).Code.Should().Be("tenant.already_suspended");

        tenant.Reactivate(Now.AddDays(1));
        tenant.Status.Should().Be(TenantStatus.Active);
        tenant.SuspensionReason.Should().BeNull();
        tenant.UncommittedEvents.Select(e => e.GetType()).Should().Equal(typeof(TenantSuspended), typeof(TenantReactivated));
    }

    [Fact]
    public void Changing_settings_names_the_changed_top_level_settings_and_an_equal_document_changes_nothing()
    {
        var tenant = NewTenant();
        var settings = TenantSettings.Default with
        {
            Voice = "coral",
            Silence = new SilenceSettings { WarningAfterSeconds = 6, HangupAfterSeconds = 20, MaxWarnings = 2 },
            LeadStatuses = [.. LeadStatusDefinition.Defaults.Take(5), new("lost", "אבוד", "#000000", IsLost: true)],
        };

        tenant.ChangeSettings(settings, Now).Should().Equal("voice", "silence", "leadStatuses");
        tenant.ChangeSettings(settings with { LeadStatuses = settings.LeadStatuses.ToList() }, Now).Should().BeEmpty();

        var changed = tenant.UncommittedEvents.Should().ContainSingle().Which.Should().BeOfType<TenantSettingsChanged>().Subject;
        changed.ChangedSettings.Should().Equal("voice", "silence", "leadStatuses");
        changed.Settings.Should().Be(settings);
        tenant.Settings.Voice.Should().Be("coral");
    }

    [Fact]
    public void Business_hours_compare_by_their_ranges()
    {
        var tenant = NewTenant();
        var sameHours = BusinessHours.IsraeliDefault with { Friday = [new OpeningRange("09:00", "13:00")] };
        tenant.ChangeSettings(TenantSettings.Default with { BusinessHours = sameHours }, Now).Should().BeEmpty();

        var shorterFriday = BusinessHours.IsraeliDefault with { Friday = [new OpeningRange("09:00", "12:00")] };
        tenant.ChangeSettings(TenantSettings.Default with { BusinessHours = shorterFriday }, Now).Should().Equal("businessHours");
    }

    [Fact]
    public void Invalid_settings_are_refused_by_the_aggregate()
    {
        var tenant = NewTenant();
        Refusal(() => tenant.ChangeSettings(TenantSettings.Default with { Voice = "robot" }, Now)).Code.Should().Be("tenant.settings.voice_unknown");
        Refusal(() => tenant.ChangeSettings(null!, Now)).Code.Should().Be("tenant.settings.settings_required");
        Refusal(() => Tenant.Create(Guid.NewGuid(), "עסק", "biz", null, null, TenantSettings.Default with { MaxCallMinutes = 0 }, Now))
            .Code.Should().Be("tenant.settings.max_call_minutes_invalid");
        tenant.UncommittedEvents.Should().BeEmpty();
    }

    [Fact]
    public void Changing_the_profile_trims_validates_and_ignores_no_change()
    {
        var tenant = NewTenant();
        tenant.ChangeProfile(" שי נדל\"ן ", "Asia/Jerusalem", Now);
        tenant.ChangeProfile("שי נדל\"ן", "Asia/Jerusalem", Now);
        Refusal(() => tenant.ChangeProfile("שי", "Nowhere/Land", Now)).Code.Should().Be("tenant.time_zone_invalid");

        tenant.UncommittedEvents.Should().ContainSingle().Which.Should().Be(new TenantProfileChanged(tenant.Id, "שי נדל\"ן", "Asia/Jerusalem", Now));
        tenant.Name.Should().Be("שי נדל\"ן");
    }

    [Fact]
    public void Replaying_the_stream_rebuilds_the_same_state()
    {
        var original = Tenant.Create(Guid.NewGuid(), "עסק", "biz", null, null, null, Now);
        original.AssignPhoneNumber("0771234567", Now);
        original.AddWhatsAppIdentifier("0525550000", Now);
        original.Suspend("בדיקה", Now);
        original.ChangeLimits(new TenantLimits(10, 4), Now);

        var replayed = (Tenant)Activator.CreateInstance(typeof(Tenant), nonPublic: true)!;
        var version = 0;
        foreach (var @event in original.UncommittedEvents)
        {
            replayed.ReplayEvent(@event, ++version);
        }

        replayed.Should().BeEquivalentTo(original, o => o.Excluding(t => t.UncommittedEvents).Excluding(t => t.PersistedVersion));
        replayed.PhoneNumbers.Should().Equal("+972771234567");
        replayed.Status.Should().Be(TenantStatus.Suspended);
    }
}
