using ProSaaS.Domain.Common;
using ProSaaS.Domain.Reminders;

namespace ProSaaS.Domain.Tests.WorkItems;

public sealed class ReminderTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly Guid Lead = Guid.NewGuid();
    private static readonly Guid Owner = Guid.NewGuid();

    private static Reminder NewReminder(DateTimeOffset? due = null, string? createdBy = "creator")
    {
        var reminder = Reminder.Set(Guid.NewGuid(), Lead, Owner, "  לחזור לרות  ", due ?? Now.AddHours(2), createdBy, Now);
        reminder.MarkCommitted();
        return reminder;
    }

    [Fact]
    public void Setting_a_reminder_trims_its_text_and_keeps_the_due_time_in_utc()
    {
        var id = Guid.NewGuid();
        var reminder = Reminder.Set(id, Lead, Owner, "  לחזור לרות  ", new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.FromHours(2)), "creator", Now);
        var set = reminder.UncommittedEvents.Should().ContainSingle().Which.Should().BeOfType<ReminderSet>().Subject;
        set.ReminderId.Should().Be(id);
        set.LeadId.Should().Be(Lead);
        set.Text.Should().Be("לחזור לרות");
        set.DueAt.Should().Be(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));
        set.DueAt.Offset.Should().Be(TimeSpan.Zero);
    }

    [Theory]
    [InlineData(null, "reminder.text_required")]
    [InlineData("   ", "reminder.text_required")]
    public void A_reminder_needs_text(string? text, string code)
    {
        FluentActions.Invoking(() => Reminder.Set(Guid.NewGuid(), Lead, Owner, text, Now, null, Now))
            .Should().Throw<DomainException>().Which.Code.Should().Be(code);
    }

    [Fact]
    public void A_reminder_needs_an_owner_and_a_short_enough_text()
    {
        FluentActions.Invoking(() => Reminder.Set(Guid.NewGuid(), Lead, Guid.Empty, "x", Now, null, Now))
            .Should().Throw<DomainException>().Which.Code.Should().Be("reminder.owner_required");
        FluentActions.Invoking(() => Reminder.Set(Guid.NewGuid(), Lead, Owner, new string('א', Reminder.MaxTextLength + 1), Now, null, Now))
            .Should().Throw<DomainException>().Which.Code.Should().Be("reminder.text_too_long");
    }

    [Fact]
    public void A_change_raises_an_event_for_each_part_that_changed_and_none_for_the_same_values()
    {
        var reminder = NewReminder();
        reminder.Change("לחזור לרות", reminder.DueAt, Owner, Now);
        reminder.UncommittedEvents.Should().BeEmpty();

        var newOwner = Guid.NewGuid();
        reminder.Change("לשלוח הצעה", Now.AddDays(1), newOwner, Now);
        reminder.UncommittedEvents.Select(e => e.GetType()).Should().Equal(
            typeof(ReminderTextChanged), typeof(ReminderRescheduled), typeof(ReminderReassigned));
        reminder.UncommittedEvents.OfType<ReminderRescheduled>().Single().FromDueAt.Should().Be(Now.AddHours(2));
        reminder.OwnerUserId.Should().Be(newOwner);
    }

    [Fact]
    public void It_comes_due_once_when_its_time_has_passed()
    {
        var reminder = NewReminder(Now.AddMinutes(10));
        reminder.ComeDue(Now).Should().BeFalse("it is not due yet");
        reminder.ComeDue(Now.AddMinutes(10)).Should().BeTrue();
        var due = reminder.UncommittedEvents.Should().ContainSingle().Which.Should().BeOfType<ReminderCameDue>().Subject;
        due.OwnerUserId.Should().Be(Owner);
        due.LeadId.Should().Be(Lead);
        reminder.ComeDue(Now.AddHours(5)).Should().BeFalse("its owner was notified already");
    }

    [Fact]
    public void Rescheduling_or_reassigning_a_notified_reminder_re_arms_it()
    {
        var reminder = NewReminder(Now.AddMinutes(-1));
        reminder.ComeDue(Now).Should().BeTrue();

        reminder.Change(reminder.Text, Now.AddHours(1), Owner, Now);
        reminder.ComeDue(Now).Should().BeFalse("the new due time is later");
        reminder.ComeDue(Now.AddHours(1)).Should().BeTrue();

        reminder.Change(reminder.Text, reminder.DueAt, Guid.NewGuid(), Now.AddHours(1));
        reminder.ComeDue(Now.AddHours(1)).Should().BeTrue("the new owner is owed a notification of their own");
    }

    [Fact]
    public void A_completed_or_deleted_reminder_never_comes_due()
    {
        var completed = NewReminder(Now.AddMinutes(-5));
        completed.Complete(Now);
        completed.ComeDue(Now).Should().BeFalse();

        var deleted = NewReminder(Now.AddMinutes(-5));
        deleted.Delete(Now);
        deleted.ComeDue(Now).Should().BeFalse();
    }

    [Fact]
    public void Completing_and_reopening_are_idempotent()
    {
        var reminder = NewReminder();
        reminder.Reopen(Now);
        reminder.UncommittedEvents.Should().BeEmpty();
        reminder.Complete(Now);
        reminder.Complete(Now);
        reminder.UncommittedEvents.Should().ContainSingle().Which.Should().BeOfType<ReminderCompleted>();
        reminder.Reopen(Now);
        reminder.IsCompleted.Should().BeFalse();
        reminder.UncommittedEvents.Should().HaveCount(2);
    }

    [Fact]
    public void A_deleted_reminder_takes_no_changes()
    {
        var reminder = NewReminder();
        reminder.Delete(Now);
        reminder.Delete(Now);
        reminder.UncommittedEvents.Should().ContainSingle().Which.Should().BeOfType<ReminderDeleted>();
        FluentActions.Invoking(() => reminder.Complete(Now)).Should().Throw<DomainException>().Which.Code.Should().Be("reminder.deleted");
    }

    [Fact]
    public void It_belongs_to_its_owner_and_to_whoever_set_it()
    {
        var reminder = NewReminder(createdBy: "key-1");
        reminder.BelongsTo(Owner.ToString()).Should().BeTrue();
        reminder.BelongsTo(Owner.ToString().ToUpperInvariant()).Should().BeTrue();
        reminder.BelongsTo("key-1").Should().BeTrue();
        reminder.BelongsTo(Guid.NewGuid().ToString()).Should().BeFalse();
        reminder.BelongsTo(null).Should().BeFalse();
    }

    [Fact]
    public void Every_event_carries_the_lead()
    {
        var reminder = Reminder.Set(Guid.NewGuid(), Lead, Owner, "x", Now.AddMinutes(-1), null, Now);
        reminder.Change("y", Now.AddMinutes(-2), Guid.NewGuid(), Now);
        reminder.ComeDue(Now);
        reminder.Complete(Now);
        reminder.Reopen(Now);
        reminder.Delete(Now);
        reminder.UncommittedEvents.Should().HaveCount(8);
        foreach (var @event in reminder.UncommittedEvents)
        {
            @event.GetType().GetProperty("LeadId")!.GetValue(@event).Should().Be(Lead);
        }
    }
}
