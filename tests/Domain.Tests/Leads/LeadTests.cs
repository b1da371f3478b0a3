using ProSaaS.Domain.Common;
using ProSaaS.Domain.Leads;

namespace ProSaaS.Domain.Tests.Leads;

public sealed class LeadTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Capture_normalises_the_phone_trims_the_name_and_raises_one_event()
    {
        var id = Guid.NewGuid();
        var lead = Lead.Capture(id, "  שרה לוי ", "052-123-4567", " sara@example.co.il ", LeadSource.WhatsApp,
            new Dictionary<string, string> { ["city"] = "נתניה" }, Now);

        var captured = lead.UncommittedEvents.Should().ContainSingle().Which.Should().BeOfType<LeadCaptured>().Subject;
        captured.LeadId.Should().Be(id);
        captured.Name.Should().Be("שרה לוי");
        captured.Phone.Should().Be("+972521234567");
        captured.Email.Should().Be("sara@example.co.il");
        captured.Status.Should().Be(Lead.DefaultStatus);
        lead.Version.Should().Be(1);
        lead.PersistedVersion.Should().Be(0);
        lead.Fields["city"].Should().Be("נתניה");
    }

    [Theory]
    [InlineData(null, null, "lead.contact_required")]
    [InlineData("  ", "", "lead.contact_required")]
    [InlineData("דני", "12345", "lead.phone_invalid")]
    public void Capture_refuses_leads_without_a_usable_contact(string? name, string? phone, string code)
    {
        var act = () => Lead.Capture(Guid.NewGuid(), name, phone, null, LeadSource.Manual, null, Now);
        act.Should().Throw<DomainException>().Which.Code.Should().Be(code);
    }

    [Fact]
    public void Capture_refuses_an_empty_id_and_an_overlong_name()
    {
        FluentActions.Invoking(() => Lead.Capture(Guid.Empty, "x", null, null, LeadSource.Api, null, Now))
            .Should().Throw<DomainException>().Which.Code.Should().Be("lead.id_required");
        FluentActions.Invoking(() => Lead.Capture(Guid.NewGuid(), new string('א', Lead.MaxNameLength + 1), null, null, LeadSource.Api, null, Now))
            .Should().Throw<DomainException>().Which.Code.Should().Be("lead.name_too_long");
    }

    [Fact]
    public void Changing_status_records_from_and_to_and_the_same_status_changes_nothing()
    {
        var lead = Lead.Capture(Guid.NewGuid(), "משה", null, null, LeadSource.Call, null, Now);
        lead.MarkCommitted();

        lead.ChangeStatus(" contacted ", "התקשר בחזרה", Now.AddHours(1));
        lead.ChangeStatus("contacted", null, Now.AddHours(2));

        var changed = lead.UncommittedEvents.Should().ContainSingle().Which.Should().BeOfType<LeadStatusChanged>().Subject;
        changed.FromStatus.Should().Be("new");
        changed.ToStatus.Should().Be("contacted");
        changed.Reason.Should().Be("התקשר בחזרה");
        lead.Status.Should().Be("contacted");
        lead.StatusChangedAt.Should().Be(Now.AddHours(1));
        lead.Version.Should().Be(2);
        lead.PersistedVersion.Should().Be(1);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a-status-name-that-is-far-too-long-to-keep-around")]
    public void Changing_to_an_invalid_status_is_refused(string status)
    {
        var lead = Lead.Capture(Guid.NewGuid(), "משה", null, null, LeadSource.Call, null, Now);
        FluentActions.Invoking(() => lead.ChangeStatus(status, null, Now)).Should().Throw<DomainException>();
        lead.UncommittedEvents.Should().HaveCount(1);
    }

    [Fact]
    public void Replaying_events_rebuilds_the_same_state_and_rejects_out_of_order_versions()
    {
        var original = Lead.Capture(Guid.NewGuid(), "נועה", "0771234567", null, LeadSource.Api, null, Now);
        original.ChangeStatus("won", null, Now.AddDays(1));
        var events = original.UncommittedEvents.ToList();

        var replayed = (Lead)Activator.CreateInstance(typeof(Lead), nonPublic: true)!;
        replayed.ReplayEvent(events[0], 1);
        replayed.ReplayEvent(events[1], 2);

        replayed.Should().BeEquivalentTo(original, o => o.Excluding(l => l.UncommittedEvents).Excluding(l => l.PersistedVersion));
        replayed.UncommittedEvents.Should().BeEmpty();
        var skipped = (Lead)Activator.CreateInstance(typeof(Lead), nonPublic: true)!;
        FluentActions.Invoking(() => skipped.ReplayEvent(events[1], 2)).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Every_domain_event_has_a_unique_stable_alias()
    {
        var aliases = typeof(IDomainEvent).Assembly.GetTypes()
            .Where(t => typeof(IDomainEvent).IsAssignableFrom(t) && !t.IsInterface)
            .Select(t => (t, Alias: t.GetCustomAttributes(typeof(EventTypeAttribute), false).Cast<EventTypeAttribute>().SingleOrDefault()?.Alias))
            .ToList();

        aliases.Should().NotBeEmpty();
        aliases.Should().OnlyContain(a => a.Alias != null && System.Text.RegularExpressions.Regex.IsMatch(a.Alias, "^[a-z][a-z0-9_]*$"));
        aliases.Select(a => a.Alias).Should().OnlyHaveUniqueItems();
    }
}
