using MediatR;
using ProSaaS.Application.Notifications;
using ProSaaS.Application.Notifications.ListNotifications;
using ProSaaS.Application.Notifications.MarkAllNotificationsRead;
using ProSaaS.Application.Notifications.MarkNotificationRead;
using ProSaaS.Application.Reminders;
using ProSaaS.Application.Reminders.ChangeReminder;
using ProSaaS.Application.Reminders.CompleteReminder;
using ProSaaS.Application.Reminders.DeleteReminder;
using ProSaaS.Application.Reminders.GetReminder;
using ProSaaS.Application.Reminders.ListLeadReminders;
using ProSaaS.Application.Reminders.ListReminders;
using ProSaaS.Application.Reminders.ReopenReminder;
using ProSaaS.Application.Reminders.SetReminder;
using ProSaaS.Application.WorkTasks;
using ProSaaS.Application.WorkTasks.CreateTask;
using ProSaaS.Application.WorkTasks.DeleteTask;
using ProSaaS.Application.WorkTasks.GetTask;
using ProSaaS.Application.WorkTasks.GetTaskBoard;
using ProSaaS.Application.WorkTasks.ListTasks;
using ProSaaS.Application.WorkTasks.MoveTask;
using ProSaaS.Application.WorkTasks.UpdateTask;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Endpoints;

/// <summary>Reminders on leads, the task board and the caller's notifications of what came due.</summary>
public static class WorkItemEndpoints
{
    private const string DueTimes =
        "Due times are ISO-8601 with an offset or `Z` (`2026-03-01T10:00:00+02:00`) and are answered in UTC. " +
        "`dueWindow` places an open item's due time on the business's calendar (its time zone): `overdue` (before now), " +
        "`today` (from now to the end of the business's day) or `upcoming`; null for completed reminders, done tasks and undated tasks.";

    private const string Lists =
        "`limit` is 1–100 (default 25); pass the `next` of a page to get the following one (null on the last page). " +
        "Each item carries its lead's name and phone and its owner's or assignee's display name.";

    private const string ReminderRights =
        "A reminder is personal: its owner, whoever set it, and admins and up may change, complete, reopen or delete it (403 otherwise).";

    private const string TaskRights =
        "The board is shared: agents and up create, edit and move any task. Giving a task that someone else holds to another person, " +
        "and deleting a task, are for its creator, its assignee, and admins and up (403 otherwise).";

    public static IEndpointRouteBuilder MapWorkItemEndpoints(this IEndpointRouteBuilder app)
    {
        MapReminders(app);
        MapTasks(app);
        MapNotifications(app);
        return app;
    }

    private static void MapReminders(IEndpointRouteBuilder app)
    {
        var leadReminders = app.MapGroup("/api/v1/leads/{leadId:guid}/reminders").WithTags("Reminders");

        leadReminders.MapPost("/", async (Guid leadId, SetReminderRequest body, IMediator mediator, CancellationToken ct) =>
            {
                var id = await mediator.Send(new SetReminder(leadId, body.Text, body.DueAt, body.OwnerUserId), ct);
                return Results.Created($"/api/v1/reminders/{id}", await mediator.Send(new GetReminder(id), ct));
            })
            .ForTenantRole(Role.Agent, "Set a reminder on a lead",
                "The owner must be an enabled user of the business (422 `reminder.owner_unknown`); without `ownerUserId` the reminder " +
                "is the caller's, which an API key must therefore name (422 `reminder.owner_required`). When the due time passes the " +
                "owner gets a `reminder_due` notification. " + DueTimes)
            .Produces<ReminderView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesValidationProblem();

        leadReminders.MapGet("/", (Guid leadId, string? due, bool? completed, int? limit, string? next, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListLeadReminders(leadId, due, completed, limit ?? Application.Common.Paging.PageLimits.Default, next), ct))
            .ForTenantRole(Role.Agent, "List a lead's reminders",
                "Earliest due first. `completed=true|false` keeps completed or open ones; `due=overdue|today|upcoming` keeps open ones in " +
                "that window. " + Lists)
            .Produces<ReminderPage>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();

        var reminders = app.MapGroup("/api/v1/reminders").WithTags("Reminders");

        reminders.MapGet("/", (string? owner, string? due, bool? completed, int? limit, string? next, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListReminders(owner, due, completed, limit ?? Application.Common.Paging.PageLimits.Default, next), ct))
            .ForTenantRole(Role.Agent, "List the business's reminders",
                "Earliest due first. `owner=me` (or a user id) keeps one person's; `completed` and `due` as on a lead's list. " + Lists)
            .Produces<ReminderPage>()
            .ProducesValidationProblem();

        reminders.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetReminder(id), ct))
            .ForTenantRole(Role.Agent, "Get a reminder")
            .Produces<ReminderView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        reminders.MapPut("/{id:guid}", async (Guid id, ChangeReminderRequest body, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new ChangeReminder(id, body.Text, body.DueAt, body.OwnerUserId, body.ExpectedVersion), ct);
                return await mediator.Send(new GetReminder(id), ct);
            })
            .ForTenantRole(Role.Agent, "Change a reminder",
                "Sets the text and due time, and the owner when `ownerUserId` is given. A new due time or owner re-arms the due " +
                "notification. With `expectedVersion` the change applies only if the reminder is still at that version (409 otherwise). " +
                ReminderRights)
            .Produces<ReminderView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesValidationProblem();

        reminders.MapPost("/{id:guid}/complete", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new CompleteReminder(id), ct);
                return await mediator.Send(new GetReminder(id), ct);
            })
            .ForTenantRole(Role.Agent, "Complete a reminder", "Completing a completed reminder changes nothing. " + ReminderRights)
            .Produces<ReminderView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        reminders.MapPost("/{id:guid}/reopen", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new ReopenReminder(id), ct);
                return await mediator.Send(new GetReminder(id), ct);
            })
            .ForTenantRole(Role.Agent, "Reopen a reminder", "Reopening an open reminder changes nothing. " + ReminderRights)
            .Produces<ReminderView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        reminders.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteReminder(id), ct);
                return Results.NoContent();
            })
            .ForTenantRole(Role.Agent, "Delete a reminder", "Its notifications go with it. " + ReminderRights)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static void MapTasks(IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/api/v1/tasks").WithTags("Tasks");

        tasks.MapPost("/", async (CreateTaskRequest body, IMediator mediator, CancellationToken ct) =>
            {
                var id = await mediator.Send(new CreateTask(body.Title, body.Description, body.Status, body.DueAt, body.AssigneeUserId, body.LeadId, body.Position), ct);
                return Results.Created($"/api/v1/tasks/{id}", await mediator.Send(new GetTask(id), ct));
            })
            .ForTenantRole(Role.Agent, "Create a task",
                "`status` is `open` (default), `in_progress` or `done`; without `position` the task goes to the end of its column. " +
                "The assignee must be an enabled user of the business (422 `task.assignee_unknown`); a lead of another business is 404. " +
                "When the due time passes, the assignee — or, for an unassigned task, whoever created it — gets a `task_due` notification. " +
                DueTimes + " " + TaskRights)
            .Produces<WorkTaskView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesValidationProblem();

        tasks.MapGet("/", (string? status, string? assignee, Guid? leadId, string? due, string? sort, int? limit, string? next, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListTasks(status, assignee, leadId, due, sort, limit ?? Application.Common.Paging.PageLimits.Default, next), ct))
            .ForTenantRole(Role.Agent, "List tasks",
                "Filters: `status`, `assignee=me|none|<userId>`, `leadId`, `due=overdue|today|upcoming` (tasks not done, on the business's " +
                "calendar). `sort=due` (default: earliest due first, undated last) or `sort=position` (board order within one `status`). " + Lists)
            .Produces<WorkTaskPage>()
            .ProducesValidationProblem();

        tasks.MapGet("/board", (string? assignee, Guid? leadId, int? limit, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetTaskBoard(assignee, leadId, limit ?? Application.Common.Paging.PageLimits.Default), ct))
            .ForTenantRole(Role.Agent, "Get the task board",
                "The columns `open`, `in_progress` and `done`, each with its task count and its first `limit` tasks (1–100, default 25) " +
                "in board order; a column's `next` continues it with `GET /api/v1/tasks?status=…&sort=position&next=…`. " +
                "Filters: `assignee=me|none|<userId>`, `leadId`.")
            .Produces<TaskBoard>()
            .ProducesValidationProblem();

        tasks.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetTask(id), ct))
            .ForTenantRole(Role.Agent, "Get a task")
            .Produces<WorkTaskView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        tasks.MapPut("/{id:guid}", async (Guid id, UpdateTaskRequest body, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new UpdateTask(id, body.Title, body.Description, body.DueAt, body.AssigneeUserId, body.ExpectedVersion), ct);
                return await mediator.Send(new GetTask(id), ct);
            })
            .ForTenantRole(Role.Agent, "Change a task",
                "Replaces the title, description, due time and assignee (an omitted or null one is cleared); the column and place change with " +
                "`move`. A new due time or assignee re-arms the due notification. With `expectedVersion` the change applies only if the " +
                "task is still at that version (409 otherwise). " + TaskRights)
            .Produces<WorkTaskView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesValidationProblem();

        tasks.MapPost("/{id:guid}/move", async (Guid id, MoveTaskRequest body, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new MoveTask(id, body.Status, body.Position, body.ExpectedVersion), ct);
                return await mediator.Send(new GetTask(id), ct);
            })
            .ForTenantRole(Role.Agent, "Move a task on the board",
                "To a column (`status`) and a place in it (`position`: any number; tasks are ordered by it, so a card dropped between two " +
                "others takes the mean of theirs). Without `position` a task changing column goes to the end of the new one. " +
                "With `expectedVersion` 409 if the task changed meanwhile.")
            .Produces<WorkTaskView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem();

        tasks.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteTask(id), ct);
                return Results.NoContent();
            })
            .ForTenantRole(Role.Agent, "Delete a task", "Its notifications go with it. " + TaskRights)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static void MapNotifications(IEndpointRouteBuilder app)
    {
        var notifications = app.MapGroup("/api/v1/notifications").WithTags("Notifications");

        notifications.MapGet("/", (bool? unread, int? limit, string? next, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListNotifications(unread ?? false, limit ?? Application.Common.Paging.PageLimits.Default, next), ct))
            .ForTenantRole(Role.Agent, "List my notifications",
                "The caller's own, newest first: `reminder_due` for reminders it owns and `task_due` for tasks assigned to it (or unassigned " +
                "tasks it created — an API key included). `unread=true` keeps unread ones. `limit` is 1–100 (default 25); pass `next` for " +
                "the following page.")
            .Produces<NotificationPage>()
            .ProducesValidationProblem();

        notifications.MapPost("/{id:guid}/read", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new MarkNotificationRead(id), ct);
                return Results.NoContent();
            })
            .ForTenantRole(Role.Agent, "Mark a notification read", "Only the caller's own: anyone else's is 404. A read notification keeps its first reading time.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        notifications.MapPost("/read-all", async (IMediator mediator, CancellationToken ct) =>
                new MarkedRead(await mediator.Send(new MarkAllNotificationsRead(), ct)))
            .ForTenantRole(Role.Agent, "Mark all my notifications read")
            .Produces<MarkedRead>();
    }
}

/// <param name="Text">What to do, e.g. "לחזור לרות לגבי הדירה בחיפה".</param>
/// <param name="DueAt">When: ISO-8601 with an offset, e.g. 2026-03-01T10:00:00+02:00.</param>
/// <param name="OwnerUserId">Whose reminder it is: an enabled user of the business. Default: the calling user.</param>
public sealed record SetReminderRequest(string? Text, string? DueAt, Guid? OwnerUserId);

/// <param name="Text">What to do.</param>
/// <param name="DueAt">When: ISO-8601 with an offset.</param>
/// <param name="OwnerUserId">A new owner; omitted keeps the current one.</param>
/// <param name="ExpectedVersion">The reminder's version as the caller last read it.</param>
public sealed record ChangeReminderRequest(string? Text, string? DueAt, Guid? OwnerUserId, long? ExpectedVersion);

/// <param name="Title">The card's title.</param>
/// <param name="Description">Details, up to 4000 characters.</param>
/// <param name="Status">open (default), in_progress or done.</param>
/// <param name="DueAt">When it is due: ISO-8601 with an offset.</param>
/// <param name="AssigneeUserId">Who does it: an enabled user of the business.</param>
/// <param name="LeadId">The lead it is about.</param>
/// <param name="Position">Its place in the column (default: the end).</param>
public sealed record CreateTaskRequest(
    string? Title, string? Description, string? Status, string? DueAt, Guid? AssigneeUserId, Guid? LeadId, double? Position);

/// <param name="Title">The card's title.</param>
/// <param name="Description">Details; null clears them.</param>
/// <param name="DueAt">When it is due; null clears it.</param>
/// <param name="AssigneeUserId">Who does it; null unassigns.</param>
/// <param name="ExpectedVersion">The task's version as the caller last read it.</param>
public sealed record UpdateTaskRequest(string? Title, string? Description, string? DueAt, Guid? AssigneeUserId, long? ExpectedVersion);

/// <param name="Status">The column: open, in_progress or done.</param>
/// <param name="Position">The place in the column; omitted keeps it, or puts a task changing column at the end.</param>
/// <param name="ExpectedVersion">The task's version as the caller last read it.</param>
public sealed record MoveTaskRequest(string? Status, double? Position, long? ExpectedVersion);

/// <param name="Marked">How many notifications were marked read.</param>
public sealed record MarkedRead(int Marked);
