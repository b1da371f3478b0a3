using ProSaaS.Application.Common.Behaviours;
using ProSaaS.Application.Tenants;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Tests.Tenants;

public sealed class TenantSettingsValidatorTests
{
    private static readonly TenantSettingsValidator Validator = new();

    public static TheoryData<Func<TenantSettings, TenantSettings>, string[]> BrokenSettings => new()
    {
        { s => s with { AssistantName = null! }, ["assistantName"] },
        { s => s with { Greeting = "  " }, ["greeting"] },
        { s => s with { Greeting = "שלום {business} ו{owner}" }, ["greeting"] },
        { s => s with { Voice = "nova" }, ["voice"] },
        { s => s with { InboundPrompt = " " }, ["inboundPrompt"] },
        { s => s with { OutboundPrompt = null! }, ["outboundPrompt"] },
        { s => s with { InboundPrompt = new string('א', TenantSettingsRules.MaxPromptLength + 1), OutboundPrompt = "" }, ["inboundPrompt", "outboundPrompt"] },
        { s => s with { AutoHangup = null! }, ["autoHangup"] },
        { s => s with { Silence = null! }, ["silence"] },
        { s => s with { Silence = new SilenceSettings { WarningAfterSeconds = 1, HangupAfterSeconds = 700, MaxWarnings = -1 } },
            ["silence.warningAfterSeconds", "silence.hangupAfterSeconds", "silence.maxWarnings"] },
        { s => s with { Silence = new SilenceSettings { WarningAfterSeconds = 25, HangupAfterSeconds = 20 } }, ["silence.hangupAfterSeconds"] },
        { s => s with { MaxCallMinutes = 121 }, ["maxCallMinutes"] },
        { s => s with { RecordingRetentionDays = 0 }, ["recordingRetentionDays"] },
        { s => s with { RecordingRetentionDays = 366 }, ["recordingRetentionDays"] },
        { s => s with { BusinessHours = null! }, ["businessHours"] },
        { s => s with { BusinessHours = BusinessHours.IsraeliDefault with { Saturday = null! } }, ["businessHours.saturday"] },
        { s => s with { BusinessHours = BusinessHours.IsraeliDefault with { Wednesday = [null!] } }, ["businessHours.wednesday[0]"] },
        { s => s with { BusinessHours = BusinessHours.IsraeliDefault with { Thursday = [new("08:00", "12:00"), new("11:59", "14:00")] } }, ["businessHours.thursday"] },
        { s => s with { BusinessHours = BusinessHours.IsraeliDefault with { Sunday = [new("24:00", "24:00")] } }, ["businessHours.sunday[0].open"] },
        { s => s with { BusinessHours = BusinessHours.IsraeliDefault with { Sunday = [new("10:00", "10:00")] } }, ["businessHours.sunday[0].close"] },
        { s => s with { Appointments = null! }, ["appointments"] },
        { s => s with { Appointments = new AppointmentSettings { SlotMinutes = 241, BookingWindowDays = 366 } },
            ["appointments.slotMinutes", "appointments.bookingWindowDays"] },
        { s => s with { Appointments = new AppointmentSettings { MinNoticeMinutes = TenantSettingsRules.MaxMinNoticeMinutes + 1 } }, ["appointments.minNoticeMinutes"] },
        { s => s with { Appointments = new AppointmentSettings { WorkingHours = BusinessHours.IsraeliDefault with { Friday = [new("13:00", "09:00")], Saturday = null! } } },
            ["appointments.workingHours.friday[0].close", "appointments.workingHours.saturday"] },
        { s => s with { Appointments = new AppointmentSettings { DateOverrides = null! } }, ["appointments.dateOverrides"] },
        { s => s with { Appointments = new AppointmentSettings { DateOverrides = [new("2026-02-30", [new("09:00", "08:00")], new string('א', 101)), null!] } },
            ["appointments.dateOverrides[0].date", "appointments.dateOverrides[0].ranges[0].close", "appointments.dateOverrides[0].note", "appointments.dateOverrides[1]"] },
        { s => s with { Appointments = new AppointmentSettings { DateOverrides = [new("2026-04-02", null!)] } }, ["appointments.dateOverrides[0].ranges"] },
        { s => s with { Appointments = new AppointmentSettings { DateOverrides = [new("2026-04-02", [new("09:00", "12:00"), new("11:00", "13:00")])] } },
            ["appointments.dateOverrides[0].ranges"] },
        { s => s with { Appointments = new AppointmentSettings { DateOverrides = [new("2026-04-02", []), new("2026-04-02", [])] } }, ["appointments.dateOverrides"] },
        { s => s with { LeadStatuses = null! }, ["leadStatuses"] },
        { s => s with { LeadStatuses = [] }, ["leadStatuses"] },
        { s => s with { LeadStatuses = [.. Enumerable.Range(0, 31).Select(i => new LeadStatusDefinition($"s{i}", "ס", "#000000", IsDefault: i == 0))] }, ["leadStatuses"] },
        { s => s with { LeadStatuses = [.. LeadStatusDefinition.Defaults.Select(d => d with { IsDefault = false })] }, ["leadStatuses"] },
        { s => s with { LeadStatuses = [.. LeadStatusDefinition.Defaults, new("won", "שוב", "#000000")] }, ["leadStatuses"] },
        { s => s with { LeadStatuses = [.. LeadStatusDefinition.Defaults, new("paid", "שולם", "#000000", IsWon: true)] }, ["leadStatuses"] },
        { s => s with { LeadStatuses = [.. LeadStatusDefinition.Defaults, null!] }, ["leadStatuses[6]"] },
        { s => s with { LeadStatuses = [.. LeadStatusDefinition.Defaults, new("9lives", new string('א', 41), "#12345", false, false, false)] },
            ["leadStatuses[6].key", "leadStatuses[6].label", "leadStatuses[6].color"] },
    };

    [Theory]
    [MemberData(nameof(BrokenSettings))]
    public void Each_invalid_field_is_reported_by_its_path(Func<TenantSettings, TenantSettings> breakIt, string[] fields)
    {
        var result = Validator.Validate(breakIt(TenantSettings.Default));

        result.Errors.Select(e => ValidationBehaviour<object, object>.ToJsonPath(e.PropertyName)).Distinct()
            .Should().BeEquivalentTo(fields);
        result.Errors.Should().OnlyContain(e => e.ErrorMessage.Any(c => c >= 'א' && c <= 'ת'), "messages are in Hebrew");
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        Validator.Validate(TenantSettings.Default).IsValid.Should().BeTrue();
    }

    [Fact]
    public void The_validator_and_the_aggregate_agree_on_the_table_of_broken_settings()
    {
        foreach (var row in BrokenSettings)
        {
            var settings = ((Func<TenantSettings, TenantSettings>)row[0])(TenantSettings.Default);
            Validator.Validate(settings).IsValid.Should().BeFalse();
            FluentActions.Invoking(() => TenantSettingsRules.EnsureValid(settings)).Should().Throw<Domain.Common.DomainException>();
        }
    }
}
