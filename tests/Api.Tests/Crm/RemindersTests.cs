using System.Net;
using System.Net.Http.Json;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Api.Tests.Tenancy;
using ProSaaS.Domain.Common;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Crm;

/// <summary>Reminders on leads, their lists and the notifications they cause, on the real Api and PostgreSQL.</summary>
public sealed class RemindersTests(TenancyFixture fx) : IClassFixture<TenancyFixture>
{
    private static readonly TimeZoneInfo Jerusalem = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jerusalem");

    private Guid A => fx.TenantA;

    private Guid B => fx.TenantB;

    [Fact]
    public async Task A_reminder_is_the_callers_by_default_and_comes_back_with_its_lead_and_owner()
    {
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var (leadId, leadName, phone) = await fx.NewLeadAsync(A);
        var response = await agent.PostAsJsonAsync($"/api/v1/leads/{leadId}/reminders",
            new { text = "  לחזור לרות  ", dueAt = "2030-03-01T10:00:00+02:00" });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var reminder = await response.ReadJsonAsync();
        var id = reminder.GetProperty("id").GetGuid();
        response.Headers.Location!.ToString().Should().Be($"/api/v1/reminders/{id}");
        reminder.GetProperty("leadId").GetGuid().Should().Be(leadId);
        reminder.GetProperty("leadName").GetString().Should().Be(leadName);
        reminder.GetProperty("leadPhone").GetString().Should().Be(phone);
        reminder.GetProperty("ownerUserId").GetGuid().Should().Be(fx.Users[(A, Role.Agent)]);
        reminder.GetProperty("ownerName").GetString().Should().NotBeNullOrEmpty();
        reminder.GetProperty("text").GetString().Should().Be("לחזור לרות");
        reminder.GetProperty("dueAt").GetDateTimeOffset().Should().Be(new DateTimeOffset(2030, 3, 1, 8, 0, 0, TimeSpan.Zero));
        reminder.GetProperty("dueAt").GetString().Should().EndWith("+00:00");
        reminder.GetProperty("dueWindow").GetString().Should().Be("upcoming");
        reminder.GetProperty("completedAt").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        reminder.GetProperty("version").GetInt64().Should().Be(1);

        var read = await TenancyFixture.ReadAsync(await agent.GetAsync($"/api/v1/reminders/{id}"), "get the reminder");
        read.GetProperty("text").GetString().Should().Be("לחזור לרות");
        (await fx.Database.ScalarAsync<string>("select type from mt_streams where id = $1", id)).Should().Be("reminder");
        (await fx.Database.ScalarAsync<string>("select data->>'leadId' from mt_events where stream_id = $1", id)).Should().Be(leadId.ToString());
    }

    [Fact]
    public async Task The_owner_must_be_an_enabled_user_of_the_same_business()
    {
        var owner = await fx.CachedSessionAsync(A, Role.Owner);
        var (leadId, _, _) = await fx.NewLeadAsync(A);
        var disabled = await fx.NewUserAsync(A, disabled: true);
        var text = Callers.Unique("תזכורת");

        foreach (var stranger in new[] { fx.Users[(B, Role.Agent)], disabled, Guid.NewGuid() })
        {
            var problem = await (await owner.PostAsJsonAsync($"/api/v1/leads/{leadId}/reminders",
                new { text, dueAt = "2030-03-01T10:00:00Z", ownerUserId = stranger })).ShouldBeProblemAsync(422);
            problem.GetProperty("code").GetString().Should().Be("reminder.owner_unknown");
        }

        // An API key is nobody: it names the owner.
        var key = fx.ApiKeyClient(A, Role.Agent);
        var required = await (await key.PostAsJsonAsync($"/api/v1/leads/{leadId}/reminders", new { text, dueAt = "2030-03-01T10:00:00Z" }))
            .ShouldBeProblemAsync(422);
        required.GetProperty("code").GetString().Should().Be("reminder.owner_required");
        (await fx.Database.ScalarAsync<long>("select count(*) from lead_reminders where text = $1", text)).Should().Be(0);

        var byKey = await WorkItems.SetReminderAsync(key, leadId, text, DateTimeOffset.UtcNow.AddDays(1), fx.Users[(A, Role.Admin)]);
        byKey.GetProperty("ownerUserId").GetGuid().Should().Be(fx.Users[(A, Role.Admin)]);
    }

    [Fact]
    public async Task Another_business_lead_is_not_found_and_nothing_is_stored()
    {
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var (otherLead, _, _) = await fx.NewLeadAsync(B);
        var text = Callers.Unique("תזכורת");
        await (await agent.PostAsJsonAsync($"/api/v1/leads/{otherLead}/reminders", new { text, dueAt = "2030-03-01T10:00:00Z" }))
            .ShouldBeProblemAsync(404);
        await (await agent.GetAsync($"/api/v1/leads/{otherLead}/reminders")).ShouldBeProblemAsync(404);
        (await fx.Database.ScalarAsync<long>("select count(*) from lead_reminders where text = $1", text)).Should().Be(0);
    }

    [Fact]
    public async Task Invalid_input_is_refused_field_by_field()
    {
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var (leadId, _, _) = await fx.NewLeadAsync(A);
        var problem = await (await agent.PostAsJsonAsync($"/api/v1/leads/{leadId}/reminders", new { text = "", dueAt = "2030-03-01T10:00:00" }))
            .ShouldBeProblemAsync(400);
        var errors = problem.GetProperty("errors");
        errors.GetProperty("text").GetArrayLength().Should().BeGreaterThan(0);
        errors.GetProperty("dueAt")[0].GetString().Should().Contain("ISO-8601");

        foreach (var query in new[] { "due=tomorrow", "owner=someone", "limit=0", "limit=101", "next=garbage", "due=today&completed=true" })
        {
            await (await agent.GetAsync($"/api/v1/reminders?{query}")).ShouldBeProblemAsync(400);
        }
    }

    [Fact]
    public async Task Change_complete_reopen_and_delete_follow_the_reminder()
    {
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var (leadId, _, _) = await fx.NewLeadAsync(A);
        var reminder = await WorkItems.SetReminderAsync(agent, leadId, "להתקשר", DateTimeOffset.UtcNow.AddDays(2));
        var id = reminder.GetProperty("id").GetGuid();

        var changed = await TenancyFixture.ReadAsync(await agent.PutAsJsonAsync($"/api/v1/reminders/{id}",
            new { text = "לשלוח הצעה", dueAt = "2031-01-01T09:00:00+02:00", ownerUserId = fx.Users[(A, Role.Admin)], expectedVersion = 1 }), "change");
        changed.GetProperty("text").GetString().Should().Be("לשלוח הצעה");
        changed.GetProperty("dueAt").GetDateTimeOffset().Should().Be(new DateTimeOffset(2031, 1, 1, 7, 0, 0, TimeSpan.Zero));
        changed.GetProperty("ownerUserId").GetGuid().Should().Be(fx.Users[(A, Role.Admin)]);
        changed.GetProperty("version").GetInt64().Should().Be(4, "text, due time and owner are one event each");

        // A stale version is a conflict; the agent who set it still manages it after handing it over.
        await (await agent.PutAsJsonAsync($"/api/v1/reminders/{id}", new { text = "x", dueAt = "2031-01-01T09:00:00Z", expectedVersion = 1 }))
            .ShouldBeProblemAsync(409);

        var completed = await TenancyFixture.ReadAsync(await agent.PostAsync($"/api/v1/reminders/{id}/complete", null), "complete");
        completed.GetProperty("completedAt").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        completed.GetProperty("dueWindow").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        (await TenancyFixture.ReadAsync(await agent.PostAsync($"/api/v1/reminders/{id}/complete", null), "complete again"))
            .GetProperty("version").GetInt64().Should().Be(5, "completing a completed reminder changes nothing");

        var reopened = await TenancyFixture.ReadAsync(await agent.PostAsync($"/api/v1/reminders/{id}/reopen", null), "reopen");
        reopened.GetProperty("completedAt").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);

        (await agent.DeleteAsync($"/api/v1/reminders/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await (await agent.GetAsync($"/api/v1/reminders/{id}")).ShouldBeProblemAsync(404);
        await (await agent.PostAsync($"/api/v1/reminders/{id}/complete", null)).ShouldBeProblemAsync(404);
        await (await agent.DeleteAsync($"/api/v1/reminders/{id}")).ShouldBeProblemAsync(404);
        (await fx.Database.ScalarAsync<long>("select count(*) from mt_events where stream_id = $1", id)).Should().Be(7, "the history stays");
    }

    [Fact]
    public async Task Someone_elses_reminder_is_for_its_owner_its_setter_and_admins()
    {
        var owner = await fx.CachedSessionAsync(A, Role.Owner);
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var admin = await fx.CachedSessionAsync(A, Role.Admin);
        var (leadId, _, _) = await fx.NewLeadAsync(A);
        var reminder = await WorkItems.SetReminderAsync(owner, leadId, "של הבעלים", DateTimeOffset.UtcNow.AddDays(1));
        var id = reminder.GetProperty("id").GetGuid();

        await (await agent.PostAsync($"/api/v1/reminders/{id}/complete", null)).ShouldBeProblemAsync(403);
        await (await agent.PutAsJsonAsync($"/api/v1/reminders/{id}", new { text = "x", dueAt = "2031-01-01T09:00:00Z" })).ShouldBeProblemAsync(403);
        await (await agent.DeleteAsync($"/api/v1/reminders/{id}")).ShouldBeProblemAsync(403);
        (await fx.Database.ScalarAsync<long>("select version from lead_reminders where id = $1", id)).Should().Be(1);

        // Everyone reads it; an admin manages it; handed to the agent, it is the agent's to complete.
        (await agent.GetAsync($"/api/v1/reminders/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        await TenancyFixture.ReadAsync(await admin.PutAsJsonAsync($"/api/v1/reminders/{id}",
            new { text = "לסוכן", dueAt = "2031-01-01T09:00:00Z", ownerUserId = fx.Users[(A, Role.Agent)] }), "hand over");
        (await agent.PostAsync($"/api/v1/reminders/{id}/complete", null)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Lists_page_by_due_time_and_filter_by_owner_lead_state_and_due_window()
    {
        var owner = await fx.CachedSessionAsync(A, Role.Owner);
        var fresh = await fx.NewUserAsync(A);
        var (leadId, leadName, _) = await fx.NewLeadAsync(A);
        var now = DateTimeOffset.UtcNow;
        var dues = new[] { now.AddHours(-30), now.AddHours(-2), now.AddMinutes(5), now.AddDays(3), now.AddDays(40) };
        var ids = new List<Guid>();
        foreach (var due in dues)
        {
            ids.Add((await WorkItems.SetReminderAsync(owner, leadId, Callers.Unique("לחזור"), due, fresh)).GetProperty("id").GetGuid());
        }

        await TenancyFixture.ReadAsync(await owner.PostAsync($"/api/v1/reminders/{ids[0]}/complete", null), "complete the first");

        // Two by two, earliest first, through the cursor.
        var seen = new List<Guid>();
        string? next = null;
        do
        {
            var page = await TenancyFixture.ReadAsync(await owner.GetAsync(
                $"/api/v1/leads/{leadId}/reminders?limit=2{(next is null ? "" : "&next=" + next)}"), "page");
            page.Items().Should().HaveCountLessThanOrEqualTo(2);
            page.Items().Should().OnlyContain(i => i.GetProperty("leadName").GetString() == leadName);
            seen.AddRange(page.Ids());
            next = page.GetProperty("next").GetString();
        }
        while (next is not null);

        seen.Should().Equal(ids);

        var mine = await TenancyFixture.ReadAsync(await owner.GetAsync($"/api/v1/reminders?owner={fresh}&limit=100"), "by owner");
        mine.Ids().Should().Equal(ids);
        mine.Items().Should().OnlyContain(i => i.GetProperty("ownerName").GetString() == "משתמש חדש");
        var open = await TenancyFixture.ReadAsync(await owner.GetAsync($"/api/v1/reminders?owner={fresh}&completed=false"), "open ones");
        open.Ids().Should().Equal(ids.Skip(1));
        var done = await TenancyFixture.ReadAsync(await owner.GetAsync($"/api/v1/leads/{leadId}/reminders?completed=true"), "completed ones");
        done.Ids().Should().Equal(ids[0]);

        foreach (var window in new[] { "overdue", "today", "upcoming" })
        {
            var page = await TenancyFixture.ReadAsync(await owner.GetAsync($"/api/v1/reminders?owner={fresh}&due={window}"), window);
            var expected = ids.Zip(dues).Skip(1)
                .Where(x => DueWindows.Classify(x.Second, DateTimeOffset.UtcNow, Jerusalem).ToString().Equals(window, StringComparison.OrdinalIgnoreCase))
                .Select(x => x.First);
            page.Ids().Should().Equal(expected, $"due={window}");
            page.Items().Should().OnlyContain(i => i.GetProperty("dueWindow").GetString() == window);
        }

        // "me" is the caller: the owner session has none of these.
        var me = await TenancyFixture.ReadAsync(await owner.GetAsync($"/api/v1/reminders?owner=me&limit=100"), "me");
        me.Ids().Should().NotIntersectWith(ids);
    }

    [Fact]
    public async Task A_due_reminder_notifies_its_owner_exactly_once_even_when_two_scans_race()
    {
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var (leadId, leadName, _) = await fx.NewLeadAsync(A);
        var text = Callers.Unique("לחזור עכשיו");
        var id = (await WorkItems.SetReminderAsync(agent, leadId, text, DateTimeOffset.UtcNow.AddMinutes(-1))).GetProperty("id").GetGuid();

        await Task.WhenAll(fx.ScanDueAsync(), fx.ScanDueAsync(), fx.ScanDueAsync());
        await fx.ScanDueAsync();

        (await fx.Database.ScalarAsync<long>("select count(*) from notifications where subject_id = $1", id)).Should().Be(1);
        (await fx.Database.ScalarAsync<long>("select count(*) from mt_events where stream_id = $1 and type = 'reminder_came_due'", id)).Should().Be(1);
        var reminder = await TenancyFixture.ReadAsync(await agent.GetAsync($"/api/v1/reminders/{id}"), "the reminder");
        reminder.GetProperty("notifiedAt").ValueKind.Should().NotBe(System.Text.Json.JsonValueKind.Null);

        var inbox = await TenancyFixture.ReadAsync(await agent.GetAsync("/api/v1/notifications?unread=true&limit=100"), "inbox");
        var notification = inbox.Items().Single(n => n.GetProperty("subjectId").GetGuid() == id);
        notification.GetProperty("kind").GetString().Should().Be("reminder_due");
        notification.GetProperty("title").GetString().Should().Be(text);
        notification.GetProperty("leadId").GetGuid().Should().Be(leadId);
        notification.GetProperty("leadName").GetString().Should().Be(leadName);
    }

    [Fact]
    public async Task Completing_a_reminder_while_scans_notify_it_completes_it()
    {
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var (leadId, _, _) = await fx.NewLeadAsync(A);
        for (var i = 0; i < 5; i++)
        {
            var id = (await WorkItems.SetReminderAsync(agent, leadId, $"מרוץ {i}", DateTimeOffset.UtcNow.AddMinutes(-1))).GetProperty("id").GetGuid();
            var complete = agent.PostAsync($"/api/v1/reminders/{id}/complete", null);
            await Task.WhenAll(complete, fx.ScanDueAsync(), fx.ScanDueAsync());

            // Without an expected version the completion applies to whatever the scan left: never a 409.
            (await complete).StatusCode.Should().Be(HttpStatusCode.OK);
            (await fx.Database.ScalarAsync<DateTime?>("select completed_at from lead_reminders where id = $1", id)).Should().NotBeNull();
            (await fx.Database.ScalarAsync<long>("select count(*) from notifications where subject_id = $1", id)).Should().BeLessThanOrEqualTo(1);
        }
    }

    [Fact]
    public async Task Reminders_not_yet_due_completed_or_deleted_notify_nobody()
    {
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var (leadId, _, _) = await fx.NewLeadAsync(A);
        var future = (await WorkItems.SetReminderAsync(agent, leadId, "בעתיד", DateTimeOffset.UtcNow.AddHours(1))).GetProperty("id").GetGuid();
        var completed = (await WorkItems.SetReminderAsync(agent, leadId, "הושלמה", DateTimeOffset.UtcNow.AddMinutes(-5))).GetProperty("id").GetGuid();
        var deleted = (await WorkItems.SetReminderAsync(agent, leadId, "נמחקה", DateTimeOffset.UtcNow.AddMinutes(-5))).GetProperty("id").GetGuid();
        // The scheduled scan may run between these calls: only what stays open and due may be notified.
        await agent.PostAsync($"/api/v1/reminders/{completed}/complete", null);
        await agent.DeleteAsync($"/api/v1/reminders/{deleted}");
        await fx.Database.ExecuteAsync("delete from notifications where subject_id = $1", completed);

        await fx.ScanDueAsync();

        (await fx.Database.ScalarAsync<long>("select count(*) from notifications where subject_id = any($1)", new[] { future, completed, deleted }))
            .Should().Be(0);
        (await fx.Database.ScalarAsync<long>("select count(*) from mt_events where stream_id = $1 and type = 'reminder_came_due'", future)).Should().Be(0);
    }

    [Fact]
    public async Task Rescheduling_a_notified_reminder_re_arms_it()
    {
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var (leadId, _, _) = await fx.NewLeadAsync(A);
        var id = (await WorkItems.SetReminderAsync(agent, leadId, "שוב", DateTimeOffset.UtcNow.AddMinutes(-10))).GetProperty("id").GetGuid();
        await fx.ScanDueAsync();
        (await fx.Database.ScalarAsync<long>("select count(*) from notifications where subject_id = $1", id)).Should().Be(1);

        // Later, but already due again: a second notification for the new time.
        await TenancyFixture.ReadAsync(await agent.PutAsJsonAsync($"/api/v1/reminders/{id}",
            new { text = "שוב", dueAt = WorkItems.Iso(DateTimeOffset.UtcNow.AddMinutes(-1)) }), "reschedule");
        (await fx.Database.ScalarAsync<DateTime?>("select notified_at from lead_reminders where id = $1", id)).Should().BeNull();
        await fx.ScanDueAsync();
        (await fx.Database.ScalarAsync<long>("select count(*) from notifications where subject_id = $1", id)).Should().Be(2);

        // Moved to the future: nothing more until then.
        await TenancyFixture.ReadAsync(await agent.PutAsJsonAsync($"/api/v1/reminders/{id}",
            new { text = "שוב", dueAt = WorkItems.Iso(DateTimeOffset.UtcNow.AddDays(1)) }), "reschedule again");
        await fx.ScanDueAsync();
        (await fx.Database.ScalarAsync<long>("select count(*) from notifications where subject_id = $1", id)).Should().Be(2);
    }

    [Fact]
    public async Task Notifications_are_the_recipients_own_and_stay_in_their_business()
    {
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var admin = await fx.CachedSessionAsync(A, Role.Admin);
        var agentOfB = await fx.CachedSessionAsync(B, Role.Agent);
        var (leadA, _, _) = await fx.NewLeadAsync(A);
        var (leadB, _, _) = await fx.NewLeadAsync(B);
        var forAgent = (await WorkItems.SetReminderAsync(agent, leadA, Callers.Unique("לסוכן"), DateTimeOffset.UtcNow.AddMinutes(-1))).GetProperty("id").GetGuid();
        var forAdmin = (await WorkItems.SetReminderAsync(admin, leadA, Callers.Unique("למנהל"), DateTimeOffset.UtcNow.AddMinutes(-1))).GetProperty("id").GetGuid();
        var forB = (await WorkItems.SetReminderAsync(agentOfB, leadB, Callers.Unique("לעסק ב"), DateTimeOffset.UtcNow.AddMinutes(-1))).GetProperty("id").GetGuid();
        await fx.ScanDueAsync();

        var agentInbox = await TenancyFixture.ReadAsync(await agent.GetAsync("/api/v1/notifications?limit=100"), "agent inbox");
        var subjects = agentInbox.Items().Select(n => n.GetProperty("subjectId").GetGuid()).ToList();
        subjects.Should().Contain(forAgent).And.NotContain(forAdmin).And.NotContain(forB);
        (await TenancyFixture.ReadAsync(await agentOfB.GetAsync("/api/v1/notifications?limit=100"), "B inbox"))
            .Items().Select(n => n.GetProperty("subjectId").GetGuid()).Should().Contain(forB).And.NotContain(forAgent);
        (await fx.Database.ScalarAsync<string>("select tenant_id from notifications where subject_id = $1", forB)).Should().Be(B.ToString());

        // Someone else's notification, or another business's, is not found; one's own is marked read once.
        var adminNotification = await fx.Database.ScalarAsync<Guid>("select id from notifications where subject_id = $1", forAdmin);
        var bNotification = await fx.Database.ScalarAsync<Guid>("select id from notifications where subject_id = $1", forB);
        await (await agent.PostAsync($"/api/v1/notifications/{adminNotification}/read", null)).ShouldBeProblemAsync(404);
        await (await agent.PostAsync($"/api/v1/notifications/{bNotification}/read", null)).ShouldBeProblemAsync(404);
        (await fx.Database.ScalarAsync<DateTime?>("select read_at from notifications where id = $1", adminNotification)).Should().BeNull();

        var mine = await fx.Database.ScalarAsync<Guid>("select id from notifications where subject_id = $1", forAgent);
        (await agent.PostAsync($"/api/v1/notifications/{mine}/read", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var readAt = await fx.Database.ScalarAsync<DateTime>("select read_at from notifications where id = $1", mine);
        (await agent.PostAsync($"/api/v1/notifications/{mine}/read", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await fx.Database.ScalarAsync<DateTime>("select read_at from notifications where id = $1", mine)).Should().Be(readAt);
        (await TenancyFixture.ReadAsync(await agent.GetAsync("/api/v1/notifications?unread=true&limit=100"), "unread"))
            .Items().Select(n => n.GetProperty("subjectId").GetGuid()).Should().NotContain(forAgent);

        var marked = await TenancyFixture.ReadAsync(await admin.PostAsync("/api/v1/notifications/read-all", null), "read all");
        marked.GetProperty("marked").GetInt32().Should().BeGreaterThanOrEqualTo(1);
        (await fx.Database.ScalarAsync<DateTime?>("select read_at from notifications where id = $1", adminNotification)).Should().NotBeNull();
        (await fx.Database.ScalarAsync<DateTime?>("select read_at from notifications where id = $1", bNotification)).Should().BeNull();
    }

    [Fact]
    public async Task Deleting_the_lead_removes_its_reminders_and_their_notifications()
    {
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var (leadId, _, _) = await fx.NewLeadAsync(A);
        var id = (await WorkItems.SetReminderAsync(agent, leadId, "ליד שיימחק", DateTimeOffset.UtcNow.AddMinutes(-1))).GetProperty("id").GetGuid();
        await fx.ScanDueAsync();
        (await fx.Database.ScalarAsync<long>("select count(*) from notifications where lead_id = $1", leadId)).Should().Be(1);

        await fx.DeleteLeadAsync(A, leadId);

        (await fx.Database.ScalarAsync<long>("select count(*) from lead_reminders where lead_id = $1", leadId)).Should().Be(0);
        (await fx.Database.ScalarAsync<long>("select count(*) from notifications where lead_id = $1", leadId)).Should().Be(0);
        await (await agent.GetAsync($"/api/v1/reminders/{id}")).ShouldBeProblemAsync(404);
        await (await agent.PostAsync($"/api/v1/reminders/{id}/complete", null)).ShouldBeProblemAsync(404);
        await (await agent.PostAsJsonAsync($"/api/v1/leads/{leadId}/reminders", new { text = "x", dueAt = "2030-01-01T00:00:00Z" })).ShouldBeProblemAsync(404);
    }

    [Fact]
    public async Task Reminder_lists_and_notifications_cost_the_same_number_of_queries_for_5_items_as_for_50()
    {
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        for (var i = 0; i < 50; i++)
        {
            // Every reminder on a lead of its own and already due, so that each also lands in the agent's inbox.
            var (leadId, _, _) = await fx.NewLeadAsync(A);
            await WorkItems.SetReminderAsync(agent, leadId, $"לחזור {i}", DateTimeOffset.UtcNow.AddDays(-1).AddMinutes(i));
        }

        await fx.ScanDueAsync();
        using var counter = new SqlCommandCounter();
        foreach (var url in new[] { "/api/v1/reminders?limit={0}", "/api/v1/notifications?limit={0}" })
        {
            await counter.GetAsync(agent, string.Format(url, 1)); // warm-up
            var (five, fiveCommands) = await counter.GetAsync(agent, string.Format(url, 5));
            var (fifty, fiftyCommands) = await counter.GetAsync(agent, string.Format(url, 50));
            (await TenancyFixture.ReadAsync(five, url)).Items().Should().HaveCount(5);
            var items = (await TenancyFixture.ReadAsync(fifty, url)).Items();
            items.Should().HaveCount(50, url);
            fiveCommands.Should().NotBeEmpty();
            fiftyCommands.Should().HaveCount(fiveCommands.Count, $"{url} must not run a query per item: {string.Join(" | ", fiftyCommands)}");
            if (url.Contains("reminders", StringComparison.Ordinal))
            {
                items.Should().OnlyContain(i => i.GetProperty("leadName").GetString() != null && i.GetProperty("ownerName").GetString() != null);
                items.Select(i => i.GetProperty("leadId").GetGuid()).Distinct().Should().HaveCountGreaterThan(40);
            }
        }
    }
}
