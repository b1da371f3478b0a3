using ProSaaS.Domain.Common;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Domain.Tests.Tenants;

public sealed class TenantSettingsRulesTests
{
    private static readonly TenantSettings Valid = TenantSettings.Default;

    public static TheoryData<string, Func<TenantSettings, TenantSettings>, string> BrokenSettings => new()
    {
        { "empty assistant name", s => s with { AssistantName = " " }, "assistant_name_invalid" },
        { "long assistant name", s => s with { AssistantName = new string('א', 41) }, "assistant_name_invalid" },
        { "empty greeting", s => s with { Greeting = "" }, "greeting_invalid" },
        { "long greeting", s => s with { Greeting = new string('א', 501) }, "greeting_invalid" },
        { "unknown placeholder", s => s with { Greeting = "שלום {name}" }, "greeting_invalid" },
        { "stray brace", s => s with { Greeting = "שלום {business" }, "greeting_invalid" },
        { "unknown voice", s => s with { Voice = "nova" }, "voice_unknown" },
        { "unknown assistant gender", s => s with { AssistantGender = (AssistantGender)5 }, "assistant_gender_unknown" },
        { "voice in capitals", s => s with { Voice = "Alloy" }, "voice_unknown" },
        { "empty inbound prompt", s => s with { InboundPrompt = " " }, "inbound_prompt_invalid" },
        { "no inbound prompt", s => s with { InboundPrompt = null! }, "inbound_prompt_invalid" },
        { "long inbound prompt", s => s with { InboundPrompt = new string('א', 4001) }, "inbound_prompt_invalid" },
        { "empty outbound prompt", s => s with { OutboundPrompt = "" }, "outbound_prompt_invalid" },
        { "long outbound prompt", s => s with { OutboundPrompt = new string('א', 4001) }, "outbound_prompt_invalid" },
        { "no auto hang-up", s => s with { AutoHangup = null! }, "auto_hangup_required" },
        { "no silence", s => s with { Silence = null! }, "silence_invalid" },
        { "warning at hang-up", s => s with { Silence = new SilenceSettings { WarningAfterSeconds = 20, HangupAfterSeconds = 20 } }, "silence_invalid" },
        { "warning too soon", s => s with { Silence = new SilenceSettings { WarningAfterSeconds = 2 } }, "silence_invalid" },
        { "too many warnings", s => s with { Silence = new SilenceSettings { MaxWarnings = 6 } }, "silence_invalid" },
        { "zero-minute calls", s => s with { MaxCallMinutes = 0 }, "max_call_minutes_invalid" },
        { "endless calls", s => s with { MaxCallMinutes = 121 }, "max_call_minutes_invalid" },
        { "recordings kept no day", s => s with { RecordingRetentionDays = 0 }, "recording_retention_days_invalid" },
        { "recordings kept over a year", s => s with { RecordingRetentionDays = 366 }, "recording_retention_days_invalid" },
        { "no business hours", s => s with { BusinessHours = null! }, "business_hours_invalid" },
        { "missing day", s => s with { BusinessHours = BusinessHours.IsraeliDefault with { Monday = null! } }, "business_hours_invalid" },
        { "malformed time", s => s with { BusinessHours = Hours(new OpeningRange("9:00", "18:00")) }, "business_hours_invalid" },
        { "hour 25", s => s with { BusinessHours = Hours(new OpeningRange("09:00", "25:00")) }, "business_hours_invalid" },
        { "opens at 24:00", s => s with { BusinessHours = Hours(new OpeningRange("24:00", "24:00")) }, "business_hours_invalid" },
        { "closes before opening", s => s with { BusinessHours = Hours(new OpeningRange("18:00", "09:00")) }, "business_hours_invalid" },
        { "empty range", s => s with { BusinessHours = Hours(new OpeningRange("09:00", "09:00")) }, "business_hours_invalid" },
        { "overlap", s => s with { BusinessHours = Hours(new OpeningRange("09:00", "13:00"), new OpeningRange("12:00", "18:00")) }, "business_hours_invalid" },
        { "seven ranges", s => s with { BusinessHours = Hours(Enumerable.Range(1, 7).Select(h => new OpeningRange($"{h:00}:00", $"{h:00}:30")).ToArray()) }, "business_hours_invalid" },
        { "no appointments", s => s with { Appointments = null! }, "appointments_invalid" },
        { "4-minute slots", s => s with { Appointments = new AppointmentSettings { SlotMinutes = 4 } }, "appointments_invalid" },
        { "241-minute slots", s => s with { Appointments = new AppointmentSettings { SlotMinutes = 241 } }, "appointments_invalid" },
        { "negative buffer", s => s with { Appointments = new AppointmentSettings { BufferMinutes = -1 } }, "appointments_invalid" },
        { "zero booking window", s => s with { Appointments = new AppointmentSettings { BookingWindowDays = 0 } }, "appointments_invalid" },
        { "working hours closing before opening", s => s with { Appointments = new AppointmentSettings { WorkingHours = BusinessHours.IsraeliDefault with { Sunday = [new("10:00", "09:00")] } } }, "appointment_hours_invalid" },
        { "working hours missing a day", s => s with { Appointments = new AppointmentSettings { WorkingHours = BusinessHours.IsraeliDefault with { Friday = null! } } }, "appointment_hours_invalid" },
        { "no date override list", s => s with { Appointments = new AppointmentSettings { DateOverrides = null! } }, "date_overrides_invalid" },
        { "override date without leading zeros", s => s with { Appointments = Overrides(new DateOverride("2026-3-3", [])) }, "date_overrides_invalid" },
        { "override on 30 February", s => s with { Appointments = Overrides(new DateOverride("2026-02-30", [])) }, "date_overrides_invalid" },
        { "override date with a time", s => s with { Appointments = Overrides(new DateOverride("2026-03-03T00:00", [])) }, "date_overrides_invalid" },
        { "override without ranges", s => s with { Appointments = Overrides(new DateOverride("2026-03-03", null!)) }, "date_overrides_invalid" },
        { "override with a reversed range", s => s with { Appointments = Overrides(new DateOverride("2026-03-03", [new("13:00", "09:00")])) }, "date_overrides_invalid" },
        { "override with overlapping ranges", s => s with { Appointments = Overrides(new DateOverride("2026-03-03", [new("09:00", "12:00"), new("11:00", "13:00")])) }, "date_overrides_invalid" },
        { "override with a long note", s => s with { Appointments = Overrides(new DateOverride("2026-03-03", [], new string('א', 101))) }, "date_overrides_invalid" },
        { "a date overridden twice", s => s with { Appointments = Overrides(new DateOverride("2026-03-03", []), new DateOverride("2026-03-03", [new("09:00", "12:00")])) }, "date_overrides_invalid" },
        { "a null override", s => s with { Appointments = Overrides(null!) }, "date_overrides_invalid" },
        { "101 overrides", s => s with { Appointments = Overrides([.. Enumerable.Range(0, 101).Select(i => new DateOverride(new DateOnly(2026, 1, 1).AddDays(i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), []))]) }, "date_overrides_invalid" },
        { "no lead statuses", s => s with { LeadStatuses = [] }, "lead_statuses_invalid" },
        { "bad key", s => s with { LeadStatuses = Statuses(new LeadStatusDefinition("New Lead", "חדש", "#000000", IsDefault: true)) }, "lead_statuses_invalid" },
        { "bad color", s => s with { LeadStatuses = Statuses(new LeadStatusDefinition("new", "חדש", "blue", IsDefault: true)) }, "lead_statuses_invalid" },
        { "empty label", s => s with { LeadStatuses = Statuses(new LeadStatusDefinition("new", "", "#000000", IsDefault: true)) }, "lead_statuses_invalid" },
        { "won and lost", s => s with { LeadStatuses = Statuses(new LeadStatusDefinition("new", "חדש", "#000000", IsDefault: true), new LeadStatusDefinition("x", "x", "#000000", IsWon: true, IsLost: true)) }, "lead_statuses_invalid" },
        { "default is won", s => s with { LeadStatuses = Statuses(new LeadStatusDefinition("new", "חדש", "#000000", IsDefault: true, IsWon: true)) }, "lead_statuses_invalid" },
        { "no default", s => s with { LeadStatuses = Statuses(new LeadStatusDefinition("new", "חדש", "#000000")) }, "lead_status_default_invalid" },
        { "two defaults", s => s with { LeadStatuses = Statuses(new LeadStatusDefinition("new", "חדש", "#000000", IsDefault: true), new LeadStatusDefinition("fresh", "טרי", "#000000", IsDefault: true)) }, "lead_status_default_invalid" },
        { "duplicate key", s => s with { LeadStatuses = Statuses(new LeadStatusDefinition("new", "חדש", "#000000", IsDefault: true), new LeadStatusDefinition("new", "שוב", "#000000")) }, "lead_status_key_duplicate" },
        { "two won", s => s with { LeadStatuses = Statuses(new LeadStatusDefinition("new", "חדש", "#000000", IsDefault: true), new LeadStatusDefinition("won", "נסגר", "#000000", IsWon: true), new LeadStatusDefinition("paid", "שולם", "#000000", IsWon: true)) }, "lead_status_outcome_duplicate" },
    };

    [Theory]
    [MemberData(nameof(BrokenSettings))]
    public void Each_broken_rule_is_refused_with_its_code(string rule, Func<TenantSettings, TenantSettings> breakIt, string code)
    {
        var act = () => TenantSettingsRules.EnsureValid(breakIt(Valid));

        act.Should().Throw<DomainException>(rule).Which.Code.Should().Be("tenant.settings." + code);
    }

    public static TheoryData<string, Func<TenantSettings, TenantSettings>> AcceptedSettings => new()
    {
        { "defaults", s => s },
        { "no placeholder", s => s with { Greeting = "שלום!" } },
        { "open till midnight", s => s with { BusinessHours = Hours(new OpeningRange("18:00", "24:00")) } },
        { "touching ranges", s => s with { BusinessHours = Hours(new OpeningRange("09:00", "13:00"), new OpeningRange("13:00", "18:00")) } },
        { "closed every day", s => s with { BusinessHours = new BusinessHours([], [], [], [], [], [], []) } },
        { "ranges out of order", s => s with { BusinessHours = Hours(new OpeningRange("16:00", "19:00"), new OpeningRange("08:00", "12:00")) } },
        { "single default status", s => s with { LeadStatuses = Statuses(new LeadStatusDefinition("new", "חדש", "#abcdef", IsDefault: true)) } },
        { "every voice", s => s with { Voice = "cedar" } },
        { "appointment hours of their own", s => s with { Appointments = new AppointmentSettings { WorkingHours = Hours(new OpeningRange("00:00", "24:00")) } } },
        { "a holiday and a short eve", s => s with { Appointments = Overrides(new DateOverride("2026-04-02", [], "פסח"), new DateOverride("2026-04-01", [new("09:00", "12:00"), new("12:00", "13:00")])) } },
        { "100 overrides", s => s with { Appointments = Overrides([.. Enumerable.Range(0, 100).Select(i => new DateOverride(new DateOnly(2026, 1, 1).AddDays(i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), []))]) } },
        { "recordings kept a day", s => s with { RecordingRetentionDays = 1 } },
        { "recordings kept a year", s => s with { RecordingRetentionDays = 365 } },
        { "edge bounds", s => s with { MaxCallMinutes = 120, Silence = new SilenceSettings { WarningAfterSeconds = 3, HangupAfterSeconds = 600, MaxWarnings = 0 }, Appointments = new AppointmentSettings { SlotMinutes = 240, BufferMinutes = 240, MinNoticeMinutes = 0, BookingWindowDays = 365 } } },
    };

    [Theory]
    [MemberData(nameof(AcceptedSettings))]
    public void Sensible_settings_are_accepted(string rule, Func<TenantSettings, TenantSettings> change)
    {
        var act = () => TenantSettingsRules.EnsureValid(change(Valid));
        act.Should().NotThrow(rule);
    }

    [Fact]
    public void Defaults_are_the_Israeli_business_week_and_hebrew_pipeline()
    {
        var settings = TenantSettings.Default;

        settings.AssistantName.Should().Be("נועה");
        settings.GreetingFor("שי דירות").Should().Be("שלום, הגעתם לשי דירות. במה אפשר לעזור?");
        settings.Voice.Should().Be("alloy");
        settings.BotSpeaksFirst.Should().BeTrue();
        settings.AutoHangup.Should().Be(new AutoHangupSettings { OnLeadCaptured = false, OnGoodbye = true });
        settings.Silence.Should().Be(new SilenceSettings { WarningAfterSeconds = 8, HangupAfterSeconds = 20, MaxWarnings = 2 });
        settings.MaxCallMinutes.Should().Be(15);
        settings.RecordingRetentionDays.Should().Be(7);
        settings.BusinessHours[DayOfWeek.Sunday].Should().Equal(new OpeningRange("09:00", "18:00"));
        settings.BusinessHours[DayOfWeek.Thursday].Should().Equal(new OpeningRange("09:00", "18:00"));
        settings.BusinessHours[DayOfWeek.Friday].Should().Equal(new OpeningRange("09:00", "13:00"));
        settings.BusinessHours[DayOfWeek.Saturday].Should().BeEmpty();
        settings.Appointments.Should().Be(new AppointmentSettings { SlotMinutes = 30, BufferMinutes = 0, MinNoticeMinutes = 60, BookingWindowDays = 30 });
        settings.LeadStatuses.Select(s => s.Key).Should().Equal("new", "contacted", "qualified", "appointment", "won", "lost");
        settings.LeadStatuses.Should().ContainSingle(s => s.IsDefault).Which.Label.Should().Be("חדש");
        settings.LeadStatuses.Should().ContainSingle(s => s.IsWon).Which.Key.Should().Be("won");
        settings.LeadStatuses.Should().ContainSingle(s => s.IsLost).Which.Label.Should().Be("לא רלוונטי");
    }

    [Theory]
    [InlineData("00:00", false, 0)]
    [InlineData("23:59", false, 1439)]
    [InlineData("24:00", true, 1440)]
    public void Times_parse_to_minutes_after_midnight(string text, bool closing, int minutes)
    {
        TenantSettingsRules.TryParseTime(text, closing, out var parsed).Should().BeTrue();
        parsed.Should().Be(minutes);
    }

    [Theory]
    [InlineData("24:00", false)]
    [InlineData("24:01", true)]
    [InlineData("9:00", false)]
    [InlineData("09:60", false)]
    [InlineData("09:00\n", false)]
    [InlineData("٠٩:٠٠", false)]
    [InlineData(null, false)]
    public void Malformed_times_do_not_parse(string? text, bool closing)
    {
        TenantSettingsRules.TryParseTime(text, closing, out _).Should().BeFalse();
    }

    [Fact]
    public void Appointment_hours_and_date_overrides_are_part_of_the_appointment_settings_equality()
    {
        var holiday = new AppointmentSettings { DateOverrides = [new DateOverride("2026-04-02", [], "פסח")] };
        var sameHoliday = new AppointmentSettings { DateOverrides = [new DateOverride("2026-04-02", [], "פסח")] };
        var evenings = new AppointmentSettings { WorkingHours = Hours(new OpeningRange("18:00", "20:00")) };

        holiday.Should().Be(sameHoliday);
        holiday.GetHashCode().Should().Be(sameHoliday.GetHashCode());
        holiday.Should().NotBe(new AppointmentSettings());
        holiday.Should().NotBe(new AppointmentSettings { DateOverrides = [new DateOverride("2026-04-02", [], "חג")] });
        holiday.Should().NotBe(new AppointmentSettings { DateOverrides = [new DateOverride("2026-04-02", [new("09:00", "12:00")], "פסח")] });
        evenings.Should().Be(new AppointmentSettings { WorkingHours = Hours(new OpeningRange("18:00", "20:00")) });
        evenings.Should().NotBe(new AppointmentSettings());
        evenings.Should().NotBe(new AppointmentSettings { WorkingHours = BusinessHours.IsraeliDefault }, "null follows the business hours but is a setting of its own");

        (Valid with { Appointments = holiday }).ChangedSince(Valid with { Appointments = sameHoliday }).Should().BeEmpty();
        (Valid with { Appointments = holiday }).ChangedSince(Valid).Should().Equal("appointments");
        (Valid with { Appointments = evenings }).ChangedSince(Valid).Should().Equal("appointments");
        (Valid with { RecordingRetentionDays = 30 }).ChangedSince(Valid).Should().Equal("recordingRetentionDays");
        new AppointmentSettings().WeeklyHours(BusinessHours.IsraeliDefault).Should().BeSameAs(BusinessHours.IsraeliDefault);
        evenings.WeeklyHours(BusinessHours.IsraeliDefault).Should().BeSameAs(evenings.WorkingHours);
    }

    [Fact]
    public void A_settings_document_stored_before_appointment_hours_existed_reads_with_their_defaults()
    {
        const string stored = """
            { "assistantName": "נועה", "appointments": { "slotMinutes": 45, "bufferMinutes": 5, "minNoticeMinutes": 120, "bookingWindowDays": 14 } }
            """;

        var settings = System.Text.Json.JsonSerializer.Deserialize<TenantSettings>(stored, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;

        settings.Appointments.SlotMinutes.Should().Be(45);
        settings.Appointments.WorkingHours.Should().BeNull("appointments follow the business hours");
        settings.Appointments.DateOverrides.Should().BeEmpty();
        settings.BusinessHours.Should().Be(BusinessHours.IsraeliDefault);
        FluentActions.Invoking(() => TenantSettingsRules.EnsureValid(settings)).Should().NotThrow();
    }

    [Fact]
    public void The_call_prompts_default_to_hebrew_roles_and_are_named_when_changed()
    {
        var settings = TenantSettings.Default;

        settings.InboundPrompt.Should().Contain(TenantSettings.BusinessPlaceholder).And.Contain("שיחות הנכנסות");
        settings.OutboundPrompt.Should().Contain(TenantSettings.BusinessPlaceholder).And.Contain("ללידים");
        (settings with { InboundPrompt = "לענות בקצרה." }).ChangedSince(settings).Should().Equal("inboundPrompt");
        (settings with { OutboundPrompt = "להציע פגישה." }).ChangedSince(settings).Should().Equal("outboundPrompt");
        (settings with { InboundPrompt = "א", OutboundPrompt = "ב" }).Should().NotBe(settings);
        FluentActions.Invoking(() => TenantSettingsRules.EnsureValid(settings with { InboundPrompt = new string('א', 4000), OutboundPrompt = "{lead_name} {x}" }))
            .Should().NotThrow("a prompt is free text up to its limit");
    }

    [Fact]
    public void A_settings_document_stored_before_the_call_prompts_existed_reads_with_their_defaults()
    {
        const string stored = """{ "assistantName": "דנה", "greeting": "שלום מ{business}" }""";

        var settings = System.Text.Json.JsonSerializer.Deserialize<TenantSettings>(stored, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;

        settings.InboundPrompt.Should().Be(TenantSettings.DefaultInboundPrompt);
        settings.OutboundPrompt.Should().Be(TenantSettings.DefaultOutboundPrompt);
        FluentActions.Invoking(() => TenantSettingsRules.EnsureValid(settings)).Should().NotThrow();
    }

    private static AppointmentSettings Overrides(params DateOverride[] overrides) => new() { DateOverrides = overrides };

    private static BusinessHours Hours(params OpeningRange[] sunday) => BusinessHours.IsraeliDefault with { Sunday = sunday };

    private static IReadOnlyList<LeadStatusDefinition> Statuses(params LeadStatusDefinition[] statuses) => statuses;
}
