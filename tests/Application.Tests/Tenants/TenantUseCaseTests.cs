using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Application.Auth;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Tenants;
using ProSaaS.Application.Tenants.AddWhatsAppIdentifier;
using ProSaaS.Application.Tenants.AssignPhoneNumber;
using ProSaaS.Application.Tenants.ChangeTenantLimits;
using ProSaaS.Application.Tenants.ChangeTenantProfile;
using ProSaaS.Application.Tenants.CreateTenant;
using ProSaaS.Application.Tenants.GetTenantProfile;
using ProSaaS.Application.Tenants.GetTenantSettings;
using ProSaaS.Application.Tenants.ListTenants;
using ProSaaS.Application.Tenants.ReactivateTenant;
using ProSaaS.Application.Tenants.ReleasePhoneNumber;
using ProSaaS.Application.Tenants.RemoveWhatsAppIdentifier;
using ProSaaS.Application.Tenants.ResolveTenantByNumber;
using ProSaaS.Application.Tenants.ResolveTenantByWhatsAppIdentifier;
using ProSaaS.Application.Tenants.SuspendTenant;
using ProSaaS.Application.Tenants.UpdateTenantSettings;
using ProSaaS.Domain.Tenants;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Tests.Tenants;

public sealed class TenantUseCaseTests(ApplicationHost host) : IClassFixture<ApplicationHost>
{
    private static int _numbers = 100;

    /// <summary>A Tel Aviv landline number no other test uses, written as people write it.</summary>
    private static string FreshNumber() => $"03-{Interlocked.Increment(ref _numbers):000}-{Random.Shared.Next(1000, 9999)}";

    private static string FreshSlug(string prefix = "biz") => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    private Task<Guid> CreateTenantAsync(string? slug = null, string name = "שי דירות ומשרדים") =>
        host.AsSystemAdminAsync(new CreateTenant(name, slug ?? FreshSlug()));

    private Task<long> CountAsync(string table) => host.Database.ScalarAsync<long>($"select count(*) from {table}");

    [Fact]
    public async Task A_created_business_resolves_from_its_number_at_once()
    {
        var slug = FreshSlug("shai");
        var id = await CreateTenantAsync(slug);
        var number = FreshNumber();

        var assigned = await host.AsSystemAdminAsync(new AssignPhoneNumber(id, number));
        var resolved = await host.RunAsAsync(new ResolveTenantByNumber("+972 " + number[1..]), role: null);

        assigned.Should().StartWith("+9723").And.HaveLength(12);
        resolved.Should().Be(new ResolvedTenant(id, "שי דירות ומשרדים", TenantStatus.Active, "Asia/Jerusalem"));
        (await host.Database.ScalarAsync<string>("select tenant_id from mt_events where stream_id = $1 and version = 1", id)).Should().Be(id.ToString());
        (await host.Database.ScalarAsync<string>("select type from mt_streams where id = $1", id)).Should().Be("tenant");
        (await host.Database.ScalarAsync<string>("select type from mt_events where stream_id = $1 and version = 2", id)).Should().Be("tenant_phone_number_assigned");
        (await host.Database.ScalarAsync<string>("select slug from tenants where id = $1", id)).Should().Be(slug);
    }

    [Theory]
    [InlineData("03-799-0000")]
    [InlineData("+44 20 7946 0000")]
    [InlineData("not a number")]
    [InlineData("")]
    [InlineData(null)]
    public async Task An_unknown_or_unreadable_number_resolves_to_nothing_and_records_nothing(string? dialled)
    {
        await CreateTenantAsync();
        var events = await CountAsync("mt_events");
        var streams = await CountAsync("mt_streams");
        var tenants = await CountAsync("tenants");

        var resolved = await host.RunAsAsync(new ResolveTenantByNumber(dialled), role: null);

        resolved.Should().BeNull();
        (await CountAsync("mt_events")).Should().Be(events);
        (await CountAsync("mt_streams")).Should().Be(streams);
        (await CountAsync("tenants")).Should().Be(tenants);
    }

    [Fact]
    public async Task A_number_given_to_one_business_cannot_be_given_to_another_until_released()
    {
        var first = await CreateTenantAsync();
        var second = await CreateTenantAsync();
        var number = FreshNumber();
        await host.AsSystemAdminAsync(new AssignPhoneNumber(first, number));

        var toAnother = () => host.AsSystemAdminAsync(new AssignPhoneNumber(second, "+972" + number[1..].Replace("-", "")));
        var again = () => host.AsSystemAdminAsync(new AssignPhoneNumber(first, number));

        (await toAnother.Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("tenant.number_taken");
        (await again.Should().ThrowAsync<BusinessRuleException>()).Which.Code.Should().Be("tenant.number_already_assigned");
        (await host.RunAsAsync(new ResolveTenantByNumber(number), role: null))!.TenantId.Should().Be(first);

        await host.AsSystemAdminAsync(new ReleasePhoneNumber(first, number));
        (await host.RunAsAsync(new ResolveTenantByNumber(number), role: null)).Should().BeNull();
        await host.AsSystemAdminAsync(new AssignPhoneNumber(second, number));
        (await host.RunAsAsync(new ResolveTenantByNumber(number), role: null))!.TenantId.Should().Be(second);
    }

    [Fact]
    public async Task Businesses_racing_for_one_number_get_it_exactly_once()
    {
        var contenders = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            contenders.Add(await CreateTenantAsync());
        }

        var number = FreshNumber();
        using var start = new ManualResetEventSlim(false);
        var attempts = contenders.Select(id => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                await host.AsSystemAdminAsync(new AssignPhoneNumber(id, number));
                return (Id: id, Error: (Exception?)null);
            }
            catch (Exception ex)
            {
                return (Id: id, Error: ex);
            }
        })).ToList();
        start.Set();
        var outcomes = await Task.WhenAll(attempts);

        var winner = outcomes.Should().ContainSingle(o => o.Error == null).Which.Id;
        outcomes.Where(o => o.Error != null).Should().OnlyContain(o => o.Error is ConflictException && ((ConflictException)o.Error).Code == "tenant.number_taken");
        (await host.RunAsAsync(new ResolveTenantByNumber(number), role: null))!.TenantId.Should().Be(winner);
        var e164 = (await host.AsMemberAsync(new GetTenantProfile(), winner, Role.Agent)).PhoneNumbers.Should().ContainSingle().Subject;
        (await host.Database.ScalarAsync<long>(
            "select count(*) from mt_events where type = 'tenant_phone_number_assigned' and data->>'phoneNumber' = $1", e164)).Should().Be(1);
    }

    [Fact]
    public async Task The_database_refuses_a_second_owner_even_past_the_read_model_check_and_keeps_no_event()
    {
        var owner = await CreateTenantAsync();
        var intruder = await CreateTenantAsync();
        var number = await host.AsSystemAdminAsync(new AssignPhoneNumber(owner, FreshNumber()));

        await using var scope = host.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.Role = Role.SystemAdmin;
        var stream = scope.ServiceProvider.GetRequiredService<IEventStore>().ForTenant(intruder.ToString());
        var append = () => stream.AppendAsync(intruder, 1, [new TenantPhoneNumberAssigned(intruder, number, DateTimeOffset.UtcNow)]);

        (await append.Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("tenant.number_taken");
        (await stream.FetchStreamStateAsync(intruder))!.Version.Should().Be(1);
        (await host.Database.ScalarAsync<long>("select count(*) from mt_events where stream_id = $1", intruder)).Should().Be(1);
        (await host.RunAsAsync(new ResolveTenantByNumber(number), role: null))!.TenantId.Should().Be(owner);
    }

    [Fact]
    public async Task A_slug_belongs_to_one_business_even_when_two_are_created_at_once()
    {
        var slug = FreshSlug();
        await CreateTenantAsync(slug);

        var taken = () => CreateTenantAsync(slug.ToUpperInvariant());
        (await taken.Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("tenant.slug_taken");

        var raced = FreshSlug();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            try
            {
                await CreateTenantAsync(raced);
                return null;
            }
            catch (Exception ex)
            {
                return ex;
            }
        })));
        outcomes.Should().ContainSingle(e => e == null);
        outcomes.Where(e => e != null).Should().OnlyContain(e => e is ConflictException && ((ConflictException)e).Code == "tenant.slug_taken");
        (await host.Database.ScalarAsync<long>("select count(*) from tenants where slug = $1", raced)).Should().Be(1);
    }

    [Theory]
    [InlineData(Role.Owner)]
    [InlineData(Role.Admin)]
    [InlineData(Role.Agent)]
    [InlineData(null)]
    public async Task Only_the_system_admin_runs_the_platform(Role? role)
    {
        var id = await CreateTenantAsync();
        var tenant = id.ToString();

        await FluentActions.Invoking(() => host.RunAsAsync(new CreateTenant("עסק", FreshSlug()), role, tenant)).Should().ThrowAsync<ForbiddenException>();
        await FluentActions.Invoking(() => host.RunAsAsync(new ListTenants(), role, tenant)).Should().ThrowAsync<ForbiddenException>();
        await FluentActions.Invoking(() => host.RunAsAsync(new SuspendTenant(id, "סתם"), role, tenant)).Should().ThrowAsync<ForbiddenException>();
        await FluentActions.Invoking(() => host.RunAsAsync(new ReactivateTenant(id), role, tenant)).Should().ThrowAsync<ForbiddenException>();
        await FluentActions.Invoking(() => host.RunAsAsync(new AssignPhoneNumber(id, FreshNumber()), role, tenant)).Should().ThrowAsync<ForbiddenException>();
        await FluentActions.Invoking(() => host.RunAsAsync(new ReleasePhoneNumber(id, FreshNumber()), role, tenant)).Should().ThrowAsync<ForbiddenException>();
        await FluentActions.Invoking(() => host.RunAsAsync(new AddWhatsAppIdentifier(id, "123456789012345"), role, tenant)).Should().ThrowAsync<ForbiddenException>();
        await FluentActions.Invoking(() => host.RunAsAsync(new ChangeTenantLimits(id, 10, 5), role, tenant)).Should().ThrowAsync<ForbiddenException>();
        (await host.Database.ScalarAsync<long>("select count(*) from mt_events where stream_id = $1", id)).Should().Be(1);
    }

    [Fact]
    public async Task The_system_admin_lists_every_business_with_its_numbers()
    {
        var first = await CreateTenantAsync(name: "ראשון");
        var second = await CreateTenantAsync(name: "שני");
        var number = await host.AsSystemAdminAsync(new AssignPhoneNumber(second, FreshNumber()));
        var line = await host.AsSystemAdminAsync(new AddWhatsAppIdentifier(second, "whatsapp:" + FreshNumber()));
        await host.AsSystemAdminAsync(new SuspendTenant(first, "לא שולם"));

        var tenants = await host.AsSystemAdminAsync(new ListTenants());

        tenants.Should().ContainSingle(t => t.Id == first).Which.Status.Should().Be(TenantStatus.Suspended);
        var listed = tenants.Should().ContainSingle(t => t.Id == second).Subject;
        listed.Name.Should().Be("שני");
        listed.Status.Should().Be(TenantStatus.Active);
        listed.PhoneNumbers.Should().Equal(number);
        listed.WhatsAppIdentifiers.Should().Equal(line);
        listed.CreatedAt.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        tenants.Select(t => t.CreatedAt).Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task A_suspended_business_still_resolves_showing_its_status_until_reactivated()
    {
        var id = await CreateTenantAsync();
        var number = await host.AsSystemAdminAsync(new AssignPhoneNumber(id, FreshNumber()));

        await host.AsSystemAdminAsync(new SuspendTenant(id, "  חוב פתוח  "));

        (await host.RunAsAsync(new ResolveTenantByNumber(number), role: null))!.Status.Should().Be(TenantStatus.Suspended);
        var profile = await host.AsMemberAsync(new GetTenantProfile(), id, Role.Owner);
        profile.Status.Should().Be(TenantStatus.Suspended);
        profile.SuspensionReason.Should().Be("חוב פתוח");
        (await FluentActions.Invoking(() => host.AsSystemAdminAsync(new SuspendTenant(id, "שוב"))).Should().ThrowAsync<BusinessRuleException>())
            .Which.Code.Should().Be("tenant.already_suspended");

        await host.AsSystemAdminAsync(new ReactivateTenant(id));

        (await host.RunAsAsync(new ResolveTenantByNumber(number), role: null))!.Status.Should().Be(TenantStatus.Active);
        (await host.AsMemberAsync(new GetTenantProfile(), id, Role.Owner)).SuspensionReason.Should().BeNull();
    }

    [Fact]
    public async Task Every_role_of_the_business_reads_its_settings_starting_from_the_defaults()
    {
        var id = await CreateTenantAsync();

        foreach (var role in new[] { Role.Agent, Role.Admin, Role.Owner, Role.SystemAdmin })
        {
            var view = await host.AsMemberAsync(new GetTenantSettings(), id, role);
            view.TenantId.Should().Be(id);
            view.Settings.Should().Be(TenantSettings.Default);
            view.Version.Should().Be(1);
        }
    }

    [Fact]
    public async Task An_agent_cannot_change_the_settings()
    {
        var id = await CreateTenantAsync();

        var act = () => host.AsMemberAsync(new UpdateTenantSettings(TenantSettings.Default with { Voice = "ash" }), id, Role.Agent);

        await act.Should().ThrowAsync<ForbiddenException>();
        (await host.AsMemberAsync(new GetTenantSettings(), id, Role.Agent)).Settings.Voice.Should().Be("alloy");
    }

    [Fact]
    public async Task An_admin_changes_the_settings_and_the_event_records_who_changed_what()
    {
        var id = await CreateTenantAsync();
        var settings = TenantSettings.Default with
        {
            Greeting = "היי, כאן {business}!",
            AutoHangup = new AutoHangupSettings { OnLeadCaptured = true, OnGoodbye = true },
            BusinessHours = BusinessHours.IsraeliDefault with { Saturday = [new OpeningRange("20:00", "23:00")] },
        };

        var updated = await host.AsMemberAsync(new UpdateTenantSettings(settings, ExpectedVersion: 1), id, Role.Admin, user: "dana@shai.co.il");

        updated.Version.Should().Be(2);
        updated.ChangedSettings.Should().Equal("greeting", "autoHangup", "businessHours");
        var view = await host.AsMemberAsync(new GetTenantSettings(), id, Role.Agent);
        view.Settings.Should().Be(settings);
        view.Version.Should().Be(2);
        view.Settings.BusinessHours.Saturday.Should().Equal(new OpeningRange("20:00", "23:00"));
        (await host.Database.ScalarAsync<string>("select type from mt_events where stream_id = $1 and version = 2", id)).Should().Be("tenant_settings_changed");
        (await host.Database.ScalarAsync<string>("select user_name from mt_events where stream_id = $1 and version = 2", id)).Should().Be("dana@shai.co.il");
        (await host.Database.ScalarAsync<bool>(
            """select data->'changedSettings' = '["greeting", "autoHangup", "businessHours"]'::jsonb from mt_events where stream_id = $1 and version = 2""", id))
            .Should().BeTrue();
        (await host.Database.ScalarAsync<string>("select settings->>'greeting' from tenants where id = $1", id)).Should().Be("היי, כאן {business}!");

        var unchanged = await host.AsMemberAsync(new UpdateTenantSettings(settings), id, Role.Owner);
        unchanged.Should().BeEquivalentTo(new TenantSettingsUpdated(2, []));
    }

    [Fact]
    public async Task A_settings_update_based_on_a_stale_version_is_refused()
    {
        var id = await CreateTenantAsync();
        await host.AsMemberAsync(new UpdateTenantSettings(TenantSettings.Default with { Voice = "sage" }), id, Role.Owner);

        var stale = () => host.AsMemberAsync(new UpdateTenantSettings(TenantSettings.Default with { Voice = "echo" }, ExpectedVersion: 1), id, Role.Admin);

        (await stale.Should().ThrowAsync<ConcurrencyException>()).Which.ActualVersion.Should().Be(2);
        (await host.AsMemberAsync(new GetTenantSettings(), id, Role.Agent)).Settings.Voice.Should().Be("sage");
    }

    [Fact]
    public async Task Invalid_settings_are_refused_listing_every_invalid_field()
    {
        var id = await CreateTenantAsync();
        var settings = new TenantSettings
        {
            AssistantName = "",
            Greeting = "שלום {name}",
            Voice = "robot",
            AutoHangup = null!,
            Silence = new SilenceSettings { WarningAfterSeconds = 30, HangupAfterSeconds = 10, MaxWarnings = 9 },
            MaxCallMinutes = 0,
            BusinessHours = BusinessHours.IsraeliDefault with
            {
                Sunday = [new OpeningRange("09:00", "13:00"), new OpeningRange("12:00", "18:00")],
                Monday = [new OpeningRange("18:00", "09:00")],
                Tuesday = [new OpeningRange("9am", "25:00")],
                Friday = null!,
            },
            Appointments = new AppointmentSettings { SlotMinutes = 1, BufferMinutes = -5, MinNoticeMinutes = -1, BookingWindowDays = 0 },
            LeadStatuses =
            [
                new LeadStatusDefinition("new", "חדש", "#3B82F6", IsDefault: true),
                new LeadStatusDefinition("new", "", "red"),
                new LeadStatusDefinition("Won Deal", "נסגר", "#22C55E", IsWon: true, IsLost: true, IsDefault: true),
            ],
        };

        var act = () => host.AsMemberAsync(new UpdateTenantSettings(settings, ExpectedVersion: 0), id, Role.Admin);

        var errors = (await act.Should().ThrowAsync<ValidationFailedException>()).Which.Errors;
        errors.Keys.Should().BeEquivalentTo(
            "settings.assistantName",
            "settings.greeting",
            "settings.voice",
            "settings.autoHangup",
            "settings.silence.hangupAfterSeconds",
            "settings.silence.maxWarnings",
            "settings.maxCallMinutes",
            "settings.businessHours.sunday",
            "settings.businessHours.monday[0].close",
            "settings.businessHours.tuesday[0].open",
            "settings.businessHours.tuesday[0].close",
            "settings.businessHours.friday",
            "settings.appointments.slotMinutes",
            "settings.appointments.bufferMinutes",
            "settings.appointments.minNoticeMinutes",
            "settings.appointments.bookingWindowDays",
            "settings.leadStatuses",
            "settings.leadStatuses[1].label",
            "settings.leadStatuses[1].color",
            "settings.leadStatuses[2].key",
            "settings.leadStatuses[2].isLost",
            "settings.leadStatuses[2].isDefault",
            "expectedVersion");
        errors["settings.voice"].Should().ContainSingle().Which.Should().StartWith("הקול אינו מוכר");
        errors["settings.businessHours.sunday"].Should().ContainSingle().Which.Should().Be("טווחי השעות ביום ראשון חופפים.");
        (await host.Database.ScalarAsync<long>("select count(*) from mt_events where stream_id = $1", id)).Should().Be(1);
    }

    [Fact]
    public async Task Settings_and_profile_are_read_in_the_current_business_only()
    {
        var mine = await CreateTenantAsync(name: "שלי");
        var theirs = await CreateTenantAsync(name: "שלהם");
        await host.AsMemberAsync(new UpdateTenantSettings(TenantSettings.Default with { AssistantName = "רוני" }), theirs, Role.Owner);

        (await host.AsMemberAsync(new GetTenantSettings(), mine, Role.Owner)).Settings.AssistantName.Should().Be("נועה");
        (await host.AsMemberAsync(new GetTenantProfile(), mine, Role.Owner)).Name.Should().Be("שלי");
        await FluentActions.Invoking(() => host.RunAsAsync(new GetTenantSettings(), Role.Owner, "tenant-a")).Should().ThrowAsync<NotFoundException>();
        await FluentActions.Invoking(() => host.RunAsAsync(new GetTenantSettings(), Role.Owner, Guid.NewGuid().ToString())).Should().ThrowAsync<NotFoundException>();
        await FluentActions.Invoking(() => host.RunAsAsync(new GetTenantSettings(), Role.Owner, tenant: null)).Should().ThrowAsync<TenantRequiredException>();
        await FluentActions.Invoking(() => host.RunAsAsync(new GetTenantSettings(), role: null, mine.ToString())).Should().ThrowAsync<ForbiddenException>();
    }

    [Fact]
    public async Task Limits_and_profile_changes_show_in_the_profile()
    {
        var id = await CreateTenantAsync();
        await host.AsSystemAdminAsync(new ChangeTenantLimits(id, 12, 6));
        await host.AsMemberAsync(new ChangeTenantProfile("שי נדל\"ן", "Europe/London"), id, Role.Owner);

        var profile = await host.AsMemberAsync(new GetTenantProfile(), id, Role.Agent);

        profile.Limits.Should().Be(new TenantLimits(12, 6));
        profile.Name.Should().Be("שי נדל\"ן");
        profile.TimeZone.Should().Be("Europe/London");
        profile.Version.Should().Be(3);
        await FluentActions.Invoking(() => host.AsMemberAsync(new ChangeTenantProfile("x"), id, Role.Admin)).Should().ThrowAsync<ForbiddenException>();
        (await FluentActions.Invoking(() => host.AsSystemAdminAsync(new ChangeTenantLimits(id, 3, 4))).Should().ThrowAsync<ValidationFailedException>())
            .Which.Errors.Keys.Should().Equal("maxOutboundCalls");
    }

    [Fact]
    public async Task Create_applies_requested_limits_time_zone_and_initial_settings()
    {
        var settings = TenantSettings.Default with { AssistantName = "מיכל", Voice = "marin" };
        var id = await host.AsSystemAdminAsync(new CreateTenant("מרפאת שיניים", FreshSlug(), "Asia/Jerusalem", 8, 2, settings));

        var profile = await host.AsMemberAsync(new GetTenantProfile(), id, Role.Owner);
        profile.Limits.Should().Be(new TenantLimits(8, 2));
        (await host.AsMemberAsync(new GetTenantSettings(), id, Role.Owner)).Settings.Should().Be(settings);

        var invalid = () => host.AsSystemAdminAsync(new CreateTenant(" ", "-bad-", "Mars/Base", 0, 200, settings with { Voice = "x" }));
        (await invalid.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Keys.Should()
            .BeEquivalentTo("name", "slug", "timeZone", "maxConcurrentCalls", "maxOutboundCalls", "settings.voice");
    }

    [Fact]
    public async Task WhatsApp_lines_resolve_to_their_business_and_belong_to_one_only()
    {
        var first = await CreateTenantAsync();
        var second = await CreateTenantAsync();
        var phoneNumberId = Random.Shared.NextInt64(100_000_000_000_000, 999_999_999_999_999).ToString();

        await host.AsSystemAdminAsync(new AddWhatsAppIdentifier(first, phoneNumberId));

        (await host.RunAsAsync(new ResolveTenantByWhatsAppIdentifier(phoneNumberId), role: null))!.TenantId.Should().Be(first);
        (await host.RunAsAsync(new ResolveTenantByWhatsAppIdentifier("999"), role: null)).Should().BeNull();
        (await FluentActions.Invoking(() => host.AsSystemAdminAsync(new AddWhatsAppIdentifier(second, phoneNumberId))).Should().ThrowAsync<ConflictException>())
            .Which.Code.Should().Be("tenant.whatsapp_taken");

        await host.AsSystemAdminAsync(new RemoveWhatsAppIdentifier(first, phoneNumberId));
        (await host.RunAsAsync(new ResolveTenantByWhatsAppIdentifier(phoneNumberId), role: null)).Should().BeNull();
    }

    [Fact]
    public async Task The_tenant_access_check_follows_the_business_status()
    {
        var id = await CreateTenantAsync();
        var check = host.Services.GetRequiredService<ITenantAccessCheck>();

        (await check.CheckAsync(id.ToString(), CancellationToken.None)).Should().Be(TenantAccessStatus.Active);
        await host.AsSystemAdminAsync(new SuspendTenant(id, "בדיקה"));
        (await check.CheckAsync(id.ToString(), CancellationToken.None)).Should().Be(TenantAccessStatus.Suspended);
        (await check.CheckAsync(Guid.NewGuid().ToString(), CancellationToken.None)).Should().Be(TenantAccessStatus.Unknown);
        (await check.CheckAsync("*", CancellationToken.None)).Should().Be(TenantAccessStatus.Unknown);
    }

    [Fact]
    public async Task Commands_on_a_business_that_does_not_exist_are_not_found()
    {
        var missing = Guid.NewGuid();
        await FluentActions.Invoking(() => host.AsSystemAdminAsync(new SuspendTenant(missing, "x"))).Should().ThrowAsync<NotFoundException>();
        await FluentActions.Invoking(() => host.AsSystemAdminAsync(new AssignPhoneNumber(missing, FreshNumber()))).Should().ThrowAsync<NotFoundException>();
        (await host.Database.ScalarAsync<long>("select count(*) from mt_streams where id = $1", missing)).Should().Be(0);
    }
}
