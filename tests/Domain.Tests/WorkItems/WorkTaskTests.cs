using ProSaaS.Domain.Common;
using ProSaaS.Domain.WorkTasks;

namespace ProSaaS.Domain.Tests.WorkItems;

public sealed class WorkTaskTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly Guid Assignee = Guid.NewGuid();
    private static readonly Guid Creator = Guid.NewGuid();

    private static WorkTask NewTask(DateTimeOffset? due = null, Guid? assignee = null, Guid? lead = null)
    {
        var task = WorkTask.Create(Guid.NewGuid(), lead, " להכין הסכם ", null, WorkTaskStatus.Open, due, assignee, 1000, Creator.ToString(), Now);
        task.MarkCommitted();
        return task;
    }

    [Fact]
    public void Creating_a_task_trims_its_title_and_drops_an_empty_description()
    {
        var task = WorkTask.Create(Guid.NewGuid(), null, " להכין הסכם ", "   ", WorkTaskStatus.InProgress, null, null, 1000, "creator", Now);
        var created = task.UncommittedEvents.Should().ContainSingle().Which.Should().BeOfType<TaskCreated>().Subject;
        created.Title.Should().Be("להכין הסכם");
        created.Description.Should().BeNull();
        created.Status.Should().Be(WorkTaskStatus.InProgress);
        created.LeadId.Should().BeNull();
    }

    [Fact]
    public void A_task_needs_a_title_a_known_status_and_a_finite_position()
    {
        FluentActions.Invoking(() => WorkTask.Create(Guid.NewGuid(), null, " ", null, WorkTaskStatus.Open, null, null, 0, null, Now))
            .Should().Throw<DomainException>().Which.Code.Should().Be("task.title_required");
        FluentActions.Invoking(() => WorkTask.Create(Guid.NewGuid(), null, new string('x', WorkTask.MaxTitleLength + 1), null, WorkTaskStatus.Open, null, null, 0, null, Now))
            .Should().Throw<DomainException>().Which.Code.Should().Be("task.title_too_long");
        FluentActions.Invoking(() => WorkTask.Create(Guid.NewGuid(), null, "x", null, (WorkTaskStatus)7, null, null, 0, null, Now))
            .Should().Throw<DomainException>().Which.Code.Should().Be("task.status_unknown");
        FluentActions.Invoking(() => WorkTask.Create(Guid.NewGuid(), null, "x", null, WorkTaskStatus.Open, null, null, double.NaN, null, Now))
            .Should().Throw<DomainException>().Which.Code.Should().Be("task.position_invalid");
    }

    [Fact]
    public void An_update_with_the_same_values_changes_nothing()
    {
        var task = NewTask(Now.AddDays(1));
        task.Update("להכין הסכם", null, Now.AddDays(1), Now);
        task.Assign(null, Now);
        task.Move(WorkTaskStatus.Open, 1000, Now);
        task.UncommittedEvents.Should().BeEmpty();
    }

    [Fact]
    public void Moving_records_the_column_it_left()
    {
        var task = NewTask();
        task.Move(WorkTaskStatus.Done, 500, Now);
        var moved = task.UncommittedEvents.Should().ContainSingle().Which.Should().BeOfType<TaskMoved>().Subject;
        moved.FromStatus.Should().Be(WorkTaskStatus.Open);
        moved.Status.Should().Be(WorkTaskStatus.Done);
        task.Position.Should().Be(500);
    }

    [Fact]
    public void A_due_task_notifies_its_assignee_once()
    {
        var task = NewTask(Now.AddMinutes(-1), Assignee);
        task.ComeDue(Now).Should().BeTrue();
        task.UncommittedEvents.OfType<TaskCameDue>().Single().Recipient.Should().Be(Assignee.ToString());
        task.ComeDue(Now).Should().BeFalse();
    }

    [Fact]
    public void An_unassigned_due_task_notifies_its_creator()
    {
        var task = NewTask(Now.AddMinutes(-1));
        task.ComeDue(Now).Should().BeTrue();
        task.UncommittedEvents.OfType<TaskCameDue>().Single().Recipient.Should().Be(Creator.ToString());
    }

    [Fact]
    public void Undated_done_future_and_deleted_tasks_do_not_come_due()
    {
        NewTask().ComeDue(Now).Should().BeFalse();
        NewTask(Now.AddMinutes(1)).ComeDue(Now).Should().BeFalse();

        var done = NewTask(Now.AddMinutes(-1));
        done.Move(WorkTaskStatus.Done, 1, Now);
        done.ComeDue(Now).Should().BeFalse();

        var deleted = NewTask(Now.AddMinutes(-1));
        deleted.Delete(Now);
        deleted.ComeDue(Now).Should().BeFalse();
    }

    [Fact]
    public void A_new_due_time_or_assignee_re_arms_the_notification_and_a_new_title_does_not()
    {
        var task = NewTask(Now.AddMinutes(-1), Assignee);
        task.ComeDue(Now).Should().BeTrue();

        task.Update("כותרת אחרת", "פרטים", task.DueAt, Now);
        task.ComeDue(Now).Should().BeFalse();
        task.UncommittedEvents.OfType<TaskUpdated>().Single().MovesDueTime().Should().BeFalse();

        task.Update("כותרת אחרת", "פרטים", Now.AddMinutes(-0.5), Now);
        task.ComeDue(Now).Should().BeTrue();

        task.Assign(Guid.NewGuid(), Now);
        task.ComeDue(Now).Should().BeTrue();
    }

    [Fact]
    public void It_knows_its_creator_and_assignee()
    {
        var task = NewTask(assignee: Assignee);
        task.WasCreatedBy(Creator.ToString()).Should().BeTrue();
        task.IsAssignedTo(Assignee.ToString()).Should().BeTrue();
        task.IsAssignedTo(Creator.ToString()).Should().BeFalse();
        task.WasCreatedBy(null).Should().BeFalse();
    }

    [Fact]
    public void Every_event_of_a_task_on_a_lead_carries_the_lead()
    {
        var lead = Guid.NewGuid();
        var task = WorkTask.Create(Guid.NewGuid(), lead, "x", null, WorkTaskStatus.Open, Now.AddMinutes(-1), null, 1, "c", Now);
        task.Update("y", null, Now.AddMinutes(-2), Now);
        task.Assign(Assignee, Now);
        task.ComeDue(Now);
        task.Move(WorkTaskStatus.InProgress, 2, Now);
        task.Delete(Now);
        task.UncommittedEvents.Should().HaveCount(6);
        foreach (var @event in task.UncommittedEvents)
        {
            @event.GetType().GetProperty("LeadId")!.GetValue(@event).Should().Be(lead);
        }
    }
}
