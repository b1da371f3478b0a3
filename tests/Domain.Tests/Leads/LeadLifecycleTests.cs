using ProSaaS.Domain.Common;
using ProSaaS.Domain.Leads;

namespace ProSaaS.Domain.Tests.Leads;

public sealed class LeadLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 2, 10, 0, 0, TimeSpan.Zero);

    private static Lead Captured()
    {
        var lead = Lead.Capture(Guid.NewGuid(), "שרה", "052-123-4567", "sara@example.co.il", LeadSource.Call,
            new Dictionary<string, string> { ["city"] = "נתניה", ["rooms"] = "3" }, Now);
        lead.MarkCommitted();
        return lead;
    }

    [Fact]
    public void Changing_details_records_only_what_changed()
    {
        var lead = Captured();
        lead.ChangeDetails("שרה", "0521234567", null, new Dictionary<string, string> { ["city"] = "נתניה", ["rooms"] = "4" }, ["budget"], Now);
        var changed = lead.UncommittedEvents.Should().ContainSingle().Which.Should().BeOfType<LeadDetailsChanged>().Subject;
        changed.Name.Should().BeNull("the name is the same");
        changed.Phone.Should().BeNull("the same phone in another form");
        changed.SetFields.Should().Equal(new Dictionary<string, string> { ["rooms"] = "4" });
        changed.RemovedFields.Should().BeEmpty("the lead has no budget to remove");
        lead.Fields["rooms"].Should().Be("4");
    }

    [Fact]
    public void Nothing_changed_raises_nothing_and_an_empty_email_removes_it()
    {
        var lead = Captured();
        lead.ChangeDetails(null, null, null, null, null, Now);
        lead.UncommittedEvents.Should().BeEmpty();

        lead.ChangeDetails(" שרה כהן ", "03-555-1234", "", null, ["city"], Now);
        var changed = lead.UncommittedEvents.Should().ContainSingle().Which.Should().BeOfType<LeadDetailsChanged>().Subject;
        changed.Name.Should().Be("שרה כהן");
        changed.Phone.Should().Be("+97235551234");
        changed.Email.Should().BeEmpty();
        changed.RemovedFields.Should().Equal("city");
        lead.Email.Should().BeNull();
        lead.Phone.Should().Be("+97235551234");
        lead.Fields.Should().NotContainKey("city");
    }

    [Theory]
    [InlineData(" ", null, "lead.name_required")]
    [InlineData(null, "123", "lead.phone_invalid")]
    public void Invalid_details_are_refused(string? name, string? phone, string code)
    {
        var lead = Captured();
        var act = () => lead.ChangeDetails(name, phone, null, null, null, Now);
        act.Should().Throw<DomainException>().Which.Code.Should().Be(code);
        lead.UncommittedEvents.Should().BeEmpty();
    }

    [Fact]
    public void Assigning_records_the_previous_assignee_and_repeating_it_changes_nothing()
    {
        var lead = Captured();
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        lead.Assign(first, Now);
        lead.Assign(first, Now);
        lead.Assign(second, Now);
        lead.Assign(null, Now);
        lead.UncommittedEvents.Cast<LeadAssigned>().Select(e => (e.AssigneeUserId, e.PreviousAssigneeUserId))
            .Should().Equal((first, null), (second, first), (null, second));
        lead.AssigneeUserId.Should().BeNull();
    }

    [Fact]
    public void A_deleted_lead_takes_no_further_change_and_deleting_again_is_harmless()
    {
        var lead = Captured();
        lead.ChangeStatus("contacted", null, Now);
        lead.Delete(" בקשת הלקוח ", Now);
        lead.Delete("שוב", Now);
        var deleted = lead.UncommittedEvents.OfType<LeadDeleted>().Should().ContainSingle().Subject;
        deleted.Status.Should().Be("contacted");
        deleted.Reason.Should().Be("בקשת הלקוח");
        lead.IsDeleted.Should().BeTrue();

        new Action[]
        {
            () => lead.ChangeStatus("won", null, Now),
            () => lead.ChangeDetails("x", null, null, null, null, Now),
            () => lead.Assign(Guid.NewGuid(), Now),
            () => lead.MergeCapture("x", null, LeadSource.Call, null, Now),
        }.Should().AllSatisfy(act => act.Should().Throw<DomainException>().Which.Code.Should().Be("lead.deleted"));
    }
}
