using ProSaaS.Domain.Common;
using ProSaaS.Domain.Outbound;

namespace ProSaaS.Domain.Tests.Outbound;

public sealed class OutboundTemplateTests
{
    private static readonly DateTimeOffset At = new(2026, 5, 3, 9, 0, 0, TimeSpan.Zero);

    private static OutboundTemplate Create(string? name = " חזרה ללידים ", string? greeting = " שלום {lead_name} ", bool active = true) =>
        OutboundTemplate.Create(Guid.NewGuid(), name, "  לידים מהאתר ", " שאלי על התקציב ", greeting, active, "user-1", At);

    private static OutboundTemplate Committed(OutboundTemplate template)
    {
        template.MarkCommitted();
        return template;
    }

    [Fact]
    public void Creation_records_the_trimmed_template()
    {
        var template = Create();

        var created = template.UncommittedEvents.Should().ContainSingle().Which.Should().BeOfType<OutboundTemplateCreated>().Subject;
        created.Should().Be(new OutboundTemplateCreated(template.Id, "חזרה ללידים", "לידים מהאתר", "שאלי על התקציב", "שלום {lead_name}", true, "user-1", At));
        template.IsUsable.Should().BeTrue();
        template.Version.Should().Be(1);
    }

    [Fact]
    public void An_empty_description_or_greeting_is_none()
    {
        var template = OutboundTemplate.Create(Guid.NewGuid(), "שם", "  ", "הנחיות", "   ", true, null, At);

        template.Description.Should().BeNull();
        template.GreetingTemplate.Should().BeNull();
        template.RenderGreeting(null, "שי דירות").Should().Be("שלום, מדברים משי דירות.");
    }

    [Theory]
    [InlineData(null, "הנחיות", null, "outbound.template_name_required")]
    [InlineData("  ", "הנחיות", null, "outbound.template_name_required")]
    [InlineData("שם", " ", null, "outbound.template_prompt_required")]
    [InlineData("שם", "הנחיות", "שלום {name}", "outbound.greeting_placeholder_unknown")]
    [InlineData("שם", "הנחיות", "שלום {lead_name", "outbound.greeting_braces")]
    public void A_template_needs_a_name_a_prompt_and_a_valid_greeting(string? name, string? prompt, string? greeting, string code)
    {
        FluentActions.Invoking(() => OutboundTemplate.Create(Guid.NewGuid(), name, null, prompt, greeting, true, null, At))
            .Should().Throw<DomainException>().Which.Code.Should().Be(code);
    }

    [Fact]
    public void Lengths_are_limited()
    {
        FluentActions.Invoking(() => Create(name: new string('א', OutboundTemplate.MaxNameLength + 1)))
            .Should().Throw<DomainException>().Which.Code.Should().Be("outbound.template_name_too_long");
        FluentActions.Invoking(() => OutboundTemplate.Create(Guid.NewGuid(), "שם", new string('א', OutboundTemplate.MaxDescriptionLength + 1), "הנחיות", null, true, null, At))
            .Should().Throw<DomainException>().Which.Code.Should().Be("outbound.template_description_too_long");
        FluentActions.Invoking(() => OutboundTemplate.Create(Guid.NewGuid(), "שם", null, new string('א', OutboundTemplate.MaxPromptLength + 1), null, true, null, At))
            .Should().Throw<DomainException>().Which.Code.Should().Be("outbound.template_prompt_too_long");
        FluentActions.Invoking(() => OutboundTemplate.Create(Guid.Empty, "שם", null, "הנחיות", null, true, null, At))
            .Should().Throw<DomainException>().Which.Code.Should().Be("outbound.template_id_required");
    }

    [Fact]
    public void A_change_records_all_new_values_and_nothing_when_nothing_changes()
    {
        var template = Committed(Create());

        template.Change("חזרה ללידים", "לידים מהאתר", "שאלי על התקציב", "שלום {lead_name}", "user-2", At.AddHours(1));
        template.UncommittedEvents.Should().BeEmpty();

        template.Change("חזרה ללידים", null, "שאלי על התקציב ועל המועד", " היי {lead_name} ", "user-2", At.AddHours(1));
        template.UncommittedEvents.Should().ContainSingle().Which.Should().Be(new OutboundTemplateChanged(
            template.Id, "חזרה ללידים", null, "שאלי על התקציב ועל המועד", "היי {lead_name}", "user-2", At.AddHours(1)));
        template.Description.Should().BeNull();
        template.GreetingTemplate.Should().Be("היי {lead_name}");
    }

    [Fact]
    public void Activation_is_recorded_only_when_it_changes()
    {
        var template = Committed(Create(active: false));
        template.IsUsable.Should().BeFalse();
        FluentActions.Invoking(template.EnsureUsable).Should().Throw<DomainException>().Which.Code.Should().Be(OutboundTemplate.InactiveCode);

        template.SetActive(false, "user-1", At);
        template.UncommittedEvents.Should().BeEmpty();
        template.SetActive(true, "user-1", At);
        template.SetActive(true, "user-1", At);
        template.SetActive(false, "user-1", At);

        template.UncommittedEvents.Select(e => e.GetType()).Should().Equal(typeof(OutboundTemplateActivated), typeof(OutboundTemplateDeactivated));
        template.IsActive.Should().BeFalse();
    }

    [Fact]
    public void A_deleted_template_cannot_be_used_or_changed_and_deleting_again_records_nothing()
    {
        var template = Committed(Create());

        template.Delete("user-1", At);
        template.Delete("user-1", At);

        template.UncommittedEvents.Should().ContainSingle().Which.Should().Be(new OutboundTemplateDeleted(template.Id, "user-1", At));
        template.IsDeleted.Should().BeTrue();
        template.IsActive.Should().BeTrue("deleting is not deactivating: the template's history stays as it was");
        template.IsUsable.Should().BeFalse();
        FluentActions.Invoking(template.EnsureUsable).Should().Throw<DomainException>().Which.Code.Should().Be(OutboundTemplate.InactiveCode);
        FluentActions.Invoking(() => template.Change("שם", null, "הנחיות", null, null, At)).Should().Throw<DomainException>()
            .Which.Code.Should().Be("outbound.template_deleted");
        FluentActions.Invoking(() => template.SetActive(false, null, At)).Should().Throw<DomainException>()
            .Which.Code.Should().Be("outbound.template_deleted");
    }

    [Fact]
    public void Replaying_the_events_rebuilds_the_same_state()
    {
        var original = Create();
        original.Change("שם חדש", null, "הנחיות חדשות", "שלום {lead_name}, כאן {business}", null, At.AddMinutes(5));
        original.SetActive(false, null, At.AddMinutes(6));
        original.Delete(null, At.AddMinutes(7));

        var replayed = (OutboundTemplate)Activator.CreateInstance(typeof(OutboundTemplate), nonPublic: true)!;
        var version = 0L;
        foreach (var @event in original.UncommittedEvents)
        {
            replayed.ReplayEvent(@event, ++version);
        }

        replayed.Should().BeEquivalentTo(original, options => options.Excluding(t => t.UncommittedEvents).Excluding(t => t.PersistedVersion));
    }
}
