using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProSaaS.Api.Hosting;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Api.Tests.Tenancy;
using ProSaaS.Domain.Common;
using ProSaaS.Domain.Users;
using Quartz;

namespace ProSaaS.Api.Tests.Crm;

/// <summary>The task board: tasks, their lists and board, their due notifications, on the real Api and PostgreSQL.</summary>
public sealed class TasksTests(TenancyFixture fx) : IClassFixture<TenancyFixture>
{
    private static readonly TimeZoneInfo Jerusalem = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jerusalem");

    private Guid A => fx.TenantA;

    private Guid B => fx.TenantB;

    [Fact]
    public async Task A_task_is_created_open_at_the_end_of_its_column_with_its_lead_and_assignee()
    {
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var (leadId, leadName, phone) = await fx.NewLeadAsync(A);
        var first = await WorkItems.CreateTaskAsync(agent, new { title = Callers.Unique("ראשונה") });
        var response = await agent.PostAsJsonAsync("/api/v1/tasks", new
        {
            title = "  להכין הסכם  ", description = "דירת 4 חדרים", dueAt = "2030-05-01T12:00:00+03:00",
            assigneeUserId = fx.Users[(A, Role.Admin)], leadId,
        });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var task = await response.ReadJsonAsync();
        var id = task.GetProperty("id").GetGuid();
        response.Headers.Location!.ToString().Should().Be($"/api/v1/tasks/{id}");
        task.GetProperty("title").GetString().Should().Be("להכין הסכם");
        task.GetProperty("status").GetString().Should().Be("open");
        task.GetProperty("position").GetDouble().Should().BeGreaterThan(first.GetProperty("position").GetDouble());
        task.GetProperty("dueAt").GetDateTimeOffset().Should().Be(new DateTimeOffset(2030, 5, 1, 9, 0, 0, TimeSpan.Zero));
        task.GetProperty("dueWindow").GetString().Should().Be("upcoming");
        task.GetProperty("assigneeUserId").GetGuid().Should().Be(fx.Users[(A, Role.Admin)]);
        task.GetProperty("assigneeName").GetString().Should().NotBeNullOrEmpty();
        task.GetProperty("leadName").GetString().Should().Be(leadName);
        task.GetProperty("leadPhone").GetString().Should().Be(phone);
        task.GetProperty("createdBy").GetString().Should().Be(fx.Users[(A, Role.Agent)].ToString());

        (await fx.Database.ScalarAsync<string>("select type from mt_streams where id = $1", id)).Should().Be("task");
        (await fx.Database.ScalarAsync<string>("select data->>'leadId' from mt_events where stream_id = $1", id)).Should().Be(leadId.ToString());
        (await TenancyFixture.ReadAsync(await agent.GetAsync($"/api/v1/tasks/{id}"), "get")).GetProperty("description").GetString()
            .Should().Be("דירת 4 חדרים");
    }

    [Fact]
    public async Task Assignees_must_be_enabled_users_of_the_business_and_leads_its_own()
    {
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var disabled = await fx.NewUserAsync(A, disabled: true);
        var (otherLead, _, _) = await fx.NewLeadAsync(B);
        var title = Callers.Unique("משימה");

        foreach (var stranger in new[] { fx.Users[(B, Role.Owner)], disabled, Guid.NewGuid() })
        {
            var problem = await (await agent.PostAsJsonAsync("/api/v1/tasks", new { title, assigneeUserId = stranger })).ShouldBeProblemAsync(422);
            problem.GetProperty("code").GetString().Should().Be("task.assignee_unknown");
        }

        await (await agent.PostAsJsonAsync("/api/v1/tasks", new { title, leadId = otherLead })).ShouldBeProblemAsync(404);
        (await fx.Database.ScalarAsync<long>("select count(*) from tasks where title = $1", title)).Should().Be(0);

        var id = (await WorkItems.CreateTaskAsync(agent, new { title })).GetProperty("id").GetGuid();
        var assign = await (await agent.PutAsJsonAsync($"/api/v1/tasks/{id}", new { title, assigneeUserId = fx.Users[(B, Role.Agent)] }))
            .ShouldBeProblemAsync(422);
        assign.GetProperty("code").GetString().Should().Be("task.assignee_unknown");

        var invalid = await (await agent.PostAsJsonAsync("/api/v1/tasks", new { title = "", status = "later", dueAt = "tomorrow" })).ShouldBeProblemAsync(400);
        invalid.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo(["title", "status", "dueAt"]);
    }

    [Fact]
    public async Task Update_replaces_the_fields_move_changes_the_column_and_delete_removes_the_card()
    {
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var task = await WorkItems.CreateTaskAsync(agent, new { title = "לבדוק", description = "פרטים", dueAt = "2030-01-01T10:00:00Z", assigneeUserId = fx.Users[(A, Role.Agent)] });
        var id = task.GetProperty("id").GetGuid();

        var updated = await TenancyFixture.ReadAsync(await agent.PutAsJsonAsync($"/api/v1/tasks/{id}", new { title = "לבדוק שוב", expectedVersion = 1 }), "update");
        updated.GetProperty("title").GetString().Should().Be("לבדוק שוב");
        updated.GetProperty("description").ValueKind.Should().Be(JsonValueKind.Null, "PUT replaces: an omitted description is cleared");
        updated.GetProperty("dueAt").ValueKind.Should().Be(JsonValueKind.Null);
        updated.GetProperty("assigneeUserId").ValueKind.Should().Be(JsonValueKind.Null);
        updated.GetProperty("version").GetInt64().Should().Be(3);
        await (await agent.PutAsJsonAsync($"/api/v1/tasks/{id}", new { title = "x", expectedVersion = 1 })).ShouldBeProblemAsync(409);

        var moved = await TenancyFixture.ReadAsync(await agent.PostAsJsonAsync($"/api/v1/tasks/{id}/move", new { status = "in_progress" }), "move");
        moved.GetProperty("status").GetString().Should().Be("in_progress");
        var placed = await TenancyFixture.ReadAsync(await agent.PostAsJsonAsync($"/api/v1/tasks/{id}/move", new { status = "in_progress", position = -5.5 }), "place");
        placed.GetProperty("position").GetDouble().Should().Be(-5.5);
        await (await agent.PostAsJsonAsync($"/api/v1/tasks/{id}/move", new { status = "archived" })).ShouldBeProblemAsync(400);

        (await agent.DeleteAsync($"/api/v1/tasks/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await (await agent.GetAsync($"/api/v1/tasks/{id}")).ShouldBeProblemAsync(404);
        await (await agent.PostAsJsonAsync($"/api/v1/tasks/{id}/move", new { status = "done" })).ShouldBeProblemAsync(404);
        (await fx.Database.ScalarAsync<long>("select count(*) from tasks where id = $1", id)).Should().Be(0);
    }

    [Fact]
    public async Task Reassigning_and_deleting_someone_elses_task_is_for_its_creator_assignee_and_admins()
    {
        var owner = await fx.CachedSessionAsync(A, Role.Owner);
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var admin = await fx.CachedSessionAsync(A, Role.Admin);
        var colleague = await fx.NewUserAsync(A);
        var id = (await WorkItems.CreateTaskAsync(owner, new { title = "של עמית", assigneeUserId = colleague })).GetProperty("id").GetGuid();

        // Everyone edits and moves the shared board's cards...
        (await agent.PutAsJsonAsync($"/api/v1/tasks/{id}", new { title = "של עמית — עודכן", assigneeUserId = colleague })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await agent.PostAsJsonAsync($"/api/v1/tasks/{id}/move", new { status = "in_progress" })).StatusCode.Should().Be(HttpStatusCode.OK);
        // ...but does not take a colleague's task away or delete it.
        await (await agent.PutAsJsonAsync($"/api/v1/tasks/{id}", new { title = "שלי", assigneeUserId = fx.Users[(A, Role.Agent)] })).ShouldBeProblemAsync(403);
        await (await agent.DeleteAsync($"/api/v1/tasks/{id}")).ShouldBeProblemAsync(403);
        (await fx.Database.ScalarAsync<Guid>("select assignee_user_id from tasks where id = $1", id)).Should().Be(colleague);

        // An unassigned task is anyone's to take; an agent deletes what it created or holds.
        var open = (await WorkItems.CreateTaskAsync(owner, new { title = "פתוחה לכולם" })).GetProperty("id").GetGuid();
        (await agent.PutAsJsonAsync($"/api/v1/tasks/{open}", new { title = "פתוחה לכולם", assigneeUserId = fx.Users[(A, Role.Agent)] }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await agent.DeleteAsync($"/api/v1/tasks/{open}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await admin.PutAsJsonAsync($"/api/v1/tasks/{id}", new { title = "למנהל", assigneeUserId = fx.Users[(A, Role.Admin)] })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await admin.DeleteAsync($"/api/v1/tasks/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task The_board_shows_each_column_with_its_count_and_first_tasks_and_a_cursor_for_the_rest()
    {
        var owner = await fx.CachedSessionAsync(A, Role.Owner);
        var (leadId, leadName, _) = await fx.NewLeadAsync(A);
        var open = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            open.Add((await WorkItems.CreateTaskAsync(owner, new { title = $"פתוחה {i}", leadId, position = 10 - i })).GetProperty("id").GetGuid());
        }

        var doing = (await WorkItems.CreateTaskAsync(owner, new { title = "בעבודה", leadId, status = "in_progress" })).GetProperty("id").GetGuid();

        var board = await TenancyFixture.ReadAsync(await owner.GetAsync($"/api/v1/tasks/board?leadId={leadId}&limit=2"), "board");
        var columns = board.GetProperty("columns").EnumerateArray().ToList();
        columns.Select(c => c.GetProperty("status").GetString()).Should().Equal("open", "in_progress", "done");
        columns[0].GetProperty("count").GetInt64().Should().Be(5);
        columns[0].Ids().Should().Equal(open[4], open[3]);
        columns[0].Items().Should().OnlyContain(t => t.GetProperty("leadName").GetString() == leadName);
        columns[1].GetProperty("count").GetInt64().Should().Be(1);
        columns[1].Ids().Should().Equal(doing);
        columns[1].GetProperty("next").ValueKind.Should().Be(JsonValueKind.Null);
        columns[2].GetProperty("count").GetInt64().Should().Be(0);
        columns[2].Items().Should().BeEmpty();

        // The column goes on, in board order, through the task list.
        var next = columns[0].GetProperty("next").GetString();
        var rest = new List<Guid>();
        while (next is not null)
        {
            var page = await TenancyFixture.ReadAsync(await owner.GetAsync($"/api/v1/tasks?status=open&leadId={leadId}&sort=position&limit=2&next={next}"), "rest");
            rest.AddRange(page.Ids());
            next = page.GetProperty("next").GetString();
        }

        rest.Should().Equal(open[2], open[1], open[0]);
        await (await owner.GetAsync($"/api/v1/tasks?status=open&sort=due&next={columns[0].GetProperty("next").GetString()}")).ShouldBeProblemAsync(400);
        await (await owner.GetAsync("/api/v1/tasks?sort=position")).ShouldBeProblemAsync(400);
    }

    [Fact]
    public async Task Lists_filter_by_status_assignee_lead_and_due_window_and_page_undated_tasks_last()
    {
        var owner = await fx.CachedSessionAsync(A, Role.Owner);
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var (leadId, _, _) = await fx.NewLeadAsync(A);
        var now = DateTimeOffset.UtcNow;
        var dues = new DateTimeOffset?[] { null, now.AddDays(-2), now.AddMinutes(5), now.AddDays(5), null };
        var ids = new List<Guid>();
        foreach (var due in dues)
        {
            ids.Add((await WorkItems.CreateTaskAsync(owner, new
            {
                title = Callers.Unique("משימה"), leadId, dueAt = due is null ? null : WorkItems.Iso(due.Value),
                assigneeUserId = ids.Count % 2 == 0 ? fx.Users[(A, Role.Agent)] : (Guid?)null,
            })).GetProperty("id").GetGuid());
        }

        var done = (await WorkItems.CreateTaskAsync(owner, new { title = "הושלמה", leadId, status = "done", dueAt = WorkItems.Iso(now.AddDays(-1)) }))
            .GetProperty("id").GetGuid();

        // Earliest due first, undated last (by id), two at a time.
        var seen = new List<Guid>();
        string? next = null;
        do
        {
            var page = await TenancyFixture.ReadAsync(await owner.GetAsync($"/api/v1/tasks?leadId={leadId}&limit=2{(next is null ? "" : "&next=" + next)}"), "page");
            seen.AddRange(page.Ids());
            next = page.GetProperty("next").GetString();
        }
        while (next is not null);

        seen.Should().Equal(ids[1], done, ids[2], ids[3], ids[0], ids[4]);

        var mine = await TenancyFixture.ReadAsync(await agent.GetAsync($"/api/v1/tasks?leadId={leadId}&assignee=me"), "mine");
        mine.Ids().Should().BeEquivalentTo([ids[0], ids[2], ids[4]]);
        var nobodys = await TenancyFixture.ReadAsync(await agent.GetAsync($"/api/v1/tasks?leadId={leadId}&assignee=none"), "unassigned");
        nobodys.Ids().Should().BeEquivalentTo([ids[1], ids[3], done]);
        var finished = await TenancyFixture.ReadAsync(await agent.GetAsync($"/api/v1/tasks?leadId={leadId}&status=done"), "done");
        finished.Ids().Should().Equal(done);
        finished.Items().Single().GetProperty("dueWindow").ValueKind.Should().Be(JsonValueKind.Null);

        foreach (var window in new[] { "overdue", "today", "upcoming" })
        {
            var page = await TenancyFixture.ReadAsync(await agent.GetAsync($"/api/v1/tasks?leadId={leadId}&due={window}"), window);
            var expected = ids.Zip(dues)
                .Where(x => x.Second is { } d && DueWindows.Classify(d, DateTimeOffset.UtcNow, Jerusalem).ToString().Equals(window, StringComparison.OrdinalIgnoreCase))
                .Select(x => x.First);
            page.Ids().Should().Equal(expected, $"due={window} keeps dated tasks that are not done");
        }

        await (await agent.GetAsync("/api/v1/tasks?due=overdue&status=done")).ShouldBeProblemAsync(400);
        await (await agent.GetAsync("/api/v1/tasks?assignee=everyone")).ShouldBeProblemAsync(400);
        var elsewhere = await TenancyFixture.ReadAsync(await agent.GetAsync($"/api/v1/tasks?leadId={(await fx.NewLeadAsync(B)).Id}"), "B's lead");
        elsewhere.Items().Should().BeEmpty();
    }

    [Fact]
    public async Task Due_tasks_notify_the_assignee_or_else_the_creator_once_and_done_tasks_nobody()
    {
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var key = fx.ApiKeyClient(A, Role.Agent);
        var past = WorkItems.Iso(DateTimeOffset.UtcNow.AddMinutes(-1));
        var assigned = (await WorkItems.CreateTaskAsync(key, new { title = Callers.Unique("למנהל"), dueAt = past, assigneeUserId = fx.Users[(A, Role.Admin)] }))
            .GetProperty("id").GetGuid();
        var byKey = (await WorkItems.CreateTaskAsync(key, new { title = Callers.Unique("של המפתח"), dueAt = past })).GetProperty("id").GetGuid();
        var done = (await WorkItems.CreateTaskAsync(agent, new { title = "הושלמה", dueAt = past, status = "done" })).GetProperty("id").GetGuid();
        var undated = (await WorkItems.CreateTaskAsync(agent, new { title = "ללא מועד" })).GetProperty("id").GetGuid();

        await Task.WhenAll(fx.ScanDueAsync(), fx.ScanDueAsync());

        (await fx.Database.ScalarAsync<long>("select count(*) from notifications where subject_id = $1", assigned)).Should().Be(1);
        (await fx.Database.ScalarAsync<string>("select recipient_id from notifications where subject_id = $1", assigned)).Should().Be(fx.Users[(A, Role.Admin)].ToString());
        (await fx.Database.ScalarAsync<long>("select count(*) from notifications where subject_id = any($1)", new[] { done, undated })).Should().Be(0);

        // An integration that created an unassigned task reads its notification with its key.
        var inbox = await TenancyFixture.ReadAsync(await key.GetAsync("/api/v1/notifications?limit=100"), "the key's inbox");
        var notification = inbox.Items().Single(n => n.GetProperty("subjectId").GetGuid() == byKey);
        notification.GetProperty("kind").GetString().Should().Be("task_due");
        var notificationId = notification.GetProperty("id").GetGuid();
        (await key.PostAsync($"/api/v1/notifications/{notificationId}/read", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await (await agent.PostAsync($"/api/v1/notifications/{notificationId}/read", null)).ShouldBeProblemAsync(404);

        // A new assignee is owed a notification of their own; finishing the task and deleting it clear the way.
        await TenancyFixture.ReadAsync(await agent.PutAsJsonAsync($"/api/v1/tasks/{byKey}",
            new { title = "למשתמש", dueAt = past, assigneeUserId = fx.Users[(A, Role.Agent)] }), "assign");
        await fx.ScanDueAsync();
        (await fx.Database.ScalarAsync<string>("select recipient_id from notifications where subject_id = $1 order by created_at desc limit 1", byKey))
            .Should().Be(fx.Users[(A, Role.Agent)].ToString());
        (await agent.DeleteAsync($"/api/v1/tasks/{byKey}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await fx.Database.ScalarAsync<long>("select count(*) from notifications where subject_id = $1", byKey)).Should().Be(0);
    }

    [Fact]
    public async Task Deleting_the_lead_removes_its_tasks_and_leaves_other_tasks()
    {
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var (leadId, _, _) = await fx.NewLeadAsync(A);
        var onLead = (await WorkItems.CreateTaskAsync(agent, new { title = "על הליד", leadId })).GetProperty("id").GetGuid();
        var free = (await WorkItems.CreateTaskAsync(agent, new { title = "בלי ליד" })).GetProperty("id").GetGuid();

        await fx.DeleteLeadAsync(A, leadId);

        (await fx.Database.ScalarAsync<long>("select count(*) from tasks where id = $1", onLead)).Should().Be(0);
        (await fx.Database.ScalarAsync<long>("select count(*) from tasks where id = $1", free)).Should().Be(1);
        await (await agent.GetAsync($"/api/v1/tasks/{onLead}")).ShouldBeProblemAsync(404);
        await (await agent.PutAsJsonAsync($"/api/v1/tasks/{onLead}", new { title = "x" })).ShouldBeProblemAsync(404);
        await (await agent.PostAsJsonAsync("/api/v1/tasks", new { title = "x", leadId })).ShouldBeProblemAsync(404);
    }

    [Fact]
    public async Task Task_lists_and_the_board_cost_the_same_number_of_queries_for_5_items_as_for_50()
    {
        var owner = await fx.CachedSessionAsync(A, Role.Owner);
        var assignees = new[] { fx.Users[(A, Role.Agent)], fx.Users[(A, Role.Admin)], fx.Users[(A, Role.Owner)], await fx.NewUserAsync(A) };
        var marker = await fx.NewUserAsync(A);
        for (var i = 0; i < 50; i++)
        {
            // Each on a lead of its own; the column of the board gets 50 cards of one fresh assignee.
            var (leadId, _, _) = await fx.NewLeadAsync(A);
            await WorkItems.CreateTaskAsync(owner, new { title = $"משימה {i}", leadId, assigneeUserId = marker, dueAt = WorkItems.Iso(DateTimeOffset.UtcNow.AddDays(10 + i)) });
            if (i < 8)
            {
                await WorkItems.CreateTaskAsync(owner, new { title = $"אחרת {i}", leadId, assigneeUserId = assignees[i % assignees.Length] });
            }
        }

        using var counter = new SqlCommandCounter();
        foreach (var (url, items) in new (string, Func<JsonElement, IReadOnlyList<JsonElement>>)[]
                 {
                     ("/api/v1/tasks?limit={0}", page => page.Items()),
                     ($"/api/v1/tasks?assignee={marker}&status=open&sort=position&limit={{0}}", page => page.Items()),
                     ($"/api/v1/tasks/board?assignee={marker}&limit={{0}}", board => board.GetProperty("columns")[0].Items()),
                 })
        {
            await counter.GetAsync(owner, string.Format(url, 1)); // warm-up
            var (five, fiveCommands) = await counter.GetAsync(owner, string.Format(url, 5));
            var (fifty, fiftyCommands) = await counter.GetAsync(owner, string.Format(url, 50));
            items(await TenancyFixture.ReadAsync(five, url)).Should().HaveCount(5, url);
            var listed = items(await TenancyFixture.ReadAsync(fifty, url));
            listed.Should().HaveCount(50, url);
            listed.Should().OnlyContain(t => t.GetProperty("assigneeName").GetString() != null);
            fiveCommands.Should().NotBeEmpty();
            fiftyCommands.Should().HaveCount(fiveCommands.Count, $"{url} must not run a query per item: {string.Join(" | ", fiftyCommands)}");
        }
    }

    [Fact]
    public void The_due_scan_is_scheduled_once_and_the_scheduler_hosted_once_whoever_else_schedules_jobs()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Notifications:DueScanSeconds"] = "5" }).Build();
        var services = new ServiceCollection();
        services.AddDueNotificationScan(configuration);
        // Another area with a job of its own, registering the hosted service the same way.
        services.AddQuartz(q => q.ScheduleJob<DueScanJob>(t => t.WithIdentity("another-job").WithSimpleSchedule(TimeSpan.FromMinutes(1))));
        services.AddQuartzHostedServiceOnce();
        services.AddQuartzHostedServiceOnce();

        services.Count(d => d.ServiceType == typeof(IHostedService)).Should().Be(1);

        var off = new ServiceCollection();
        off.AddDueNotificationScan(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Notifications:DueScanSeconds"] = "0" }).Build());
        off.Should().BeEmpty("0 turns the scan off");
        FluentActions.Invoking(() => new ServiceCollection().AddDueNotificationScan(
                new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Notifications:DueScanSeconds"] = "-1" }).Build()))
            .Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public async Task The_running_api_schedules_the_due_scan_job()
    {
        var scheduler = await fx.Api.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        (await scheduler.Exists(new JobKey(DueScanJob.Name))).Should().BeTrue();
        var trigger = (ISimpleTrigger)(await scheduler.GetTrigger(new TriggerKey(DueScanJob.Name)))!;
        trigger.RepeatInterval.Should().Be(TimeSpan.FromSeconds(30));
    }
}
