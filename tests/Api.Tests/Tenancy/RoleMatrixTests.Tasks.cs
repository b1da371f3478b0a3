using System.Net;
using System.Net.Http.Json;
using ProSaaS.Api.Tests.Crm;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Tenancy;

/// <summary>
/// Reminders, tasks and notifications. A reminder or task a row changes is made by the caller itself in its own business
/// (rights over a reminder or a deletion follow who set it), and by B's owner in the other; a notification is the
/// caller's own, from an unassigned task it created that came due.
/// </summary>
public sealed partial class RoleMatrixTests
{
    [MatrixArea]
    private static readonly EndpointSpec[] TasksEndpoints =
    [
        new("POST /api/v1/leads/{leadId}/reminders", Role.Agent, HttpStatusCode.Created, Targeted: true),
        new("GET /api/v1/leads/{leadId}/reminders", Role.Agent, HttpStatusCode.OK, Targeted: true),
        new("GET /api/v1/reminders", Role.Agent, HttpStatusCode.OK),
        new("GET /api/v1/reminders/{id}", Role.Agent, HttpStatusCode.OK, Targeted: true),
        new("PUT /api/v1/reminders/{id}", Role.Agent, HttpStatusCode.OK, Targeted: true),
        new("POST /api/v1/reminders/{id}/complete", Role.Agent, HttpStatusCode.OK, Targeted: true),
        new("POST /api/v1/reminders/{id}/reopen", Role.Agent, HttpStatusCode.OK, Targeted: true),
        new("DELETE /api/v1/reminders/{id}", Role.Agent, HttpStatusCode.NoContent, Targeted: true),
        new("POST /api/v1/tasks", Role.Agent, HttpStatusCode.Created),
        new("GET /api/v1/tasks", Role.Agent, HttpStatusCode.OK),
        new("GET /api/v1/tasks/board", Role.Agent, HttpStatusCode.OK),
        new("GET /api/v1/tasks/{id}", Role.Agent, HttpStatusCode.OK, Targeted: true),
        new("PUT /api/v1/tasks/{id}", Role.Agent, HttpStatusCode.OK, Targeted: true),
        new("POST /api/v1/tasks/{id}/move", Role.Agent, HttpStatusCode.OK, Targeted: true),
        new("DELETE /api/v1/tasks/{id}", Role.Agent, HttpStatusCode.NoContent, Targeted: true),
        new("GET /api/v1/notifications", Role.Agent, HttpStatusCode.OK),
        new("POST /api/v1/notifications/{id}/read", Role.Agent, HttpStatusCode.NoContent, Targeted: true),
        new("POST /api/v1/notifications/read-all", Role.Agent, HttpStatusCode.OK),
    ];

    [MatrixArea]
    private async Task<bool> TasksRowAsync(MatrixRow row)
    {
        var other = row.Tenant == B;
        switch (row.Endpoint)
        {
            case "POST /api/v1/leads/{leadId}/reminders":
            {
                var (leadId, leadName, _) = await fx.NewLeadAsync(row.Tenant);
                if (other)
                {
                    row.Foreign.AddRange([leadId.ToString(), leadName]);
                }

                var text = Callers.Unique("תזכורת");
                await row.Call(row.Client.PostAsJsonAsync($"/api/v1/leads/{leadId}/reminders",
                    new { text, dueAt = "2030-01-01T10:00:00+02:00", ownerUserId = TasksOwnerFor(row.Caller) }));
                (await Count("select count(*) from lead_reminders where text = $1", text)).Should().Be(row.Allowed ? 1 : 0);
                (await Count("select count(*) from lead_reminders where text = $1 and tenant_id = $2", text, A.ToString())).Should().Be(row.Allowed ? 1 : 0);
                return true;
            }

            case "GET /api/v1/leads/{leadId}/reminders":
            {
                var (leadId, leadName, _) = await fx.NewLeadAsync(row.Tenant);
                var (id, text) = await TasksReminderAsync(row, leadId, byCaller: false);
                if (other)
                {
                    row.Foreign.AddRange([leadId.ToString(), leadName, id.ToString(), text]);
                }

                var body = await row.Call(row.Client.GetAsync($"/api/v1/leads/{leadId}/reminders"));
                if (row.Allowed)
                {
                    Json(body).Ids().Should().Equal(id);
                }

                return true;
            }

            case "GET /api/v1/reminders":
            {
                var (ownLead, _, _) = await fx.NewLeadAsync(A);
                var (otherLead, otherLeadName, _) = await fx.NewLeadAsync(B);
                var owner = await fx.CachedSessionAsync(A, Role.Owner);
                var ownerOfB = await fx.CachedSessionAsync(B, Role.Owner);
                // Due long ago, so that each comes first in its business's earliest-due order.
                var due = new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(Random.Shared.Next(1_000_000));
                var own = (await WorkItems.SetReminderAsync(owner, ownLead, Callers.Unique("תזכורת"), due)).GetProperty("id").GetGuid();
                var foreign = await WorkItems.SetReminderAsync(ownerOfB, otherLead, Callers.Unique("תזכורת"), due);
                row.Foreign.AddRange([foreign.GetProperty("id").GetString()!, foreign.GetProperty("text").GetString()!, otherLead.ToString(), otherLeadName]);

                var body = await row.Call(row.Client.GetAsync("/api/v1/reminders?limit=100"));
                if (row.Allowed)
                {
                    Json(body).Ids().Should().Contain(own);
                }

                return true;
            }

            case "GET /api/v1/reminders/{id}":
            {
                var (leadId, _, _) = await fx.NewLeadAsync(row.Tenant);
                var (id, text) = await TasksReminderAsync(row, leadId, byCaller: false);
                if (other)
                {
                    row.Foreign.AddRange([id.ToString(), text, leadId.ToString()]);
                }

                var body = await row.Call(row.Client.GetAsync($"/api/v1/reminders/{id}"));
                if (row.Allowed)
                {
                    Json(body).GetProperty("text").GetString().Should().Be(text);
                }

                return true;
            }

            case "PUT /api/v1/reminders/{id}":
            {
                var (leadId, _, _) = await fx.NewLeadAsync(row.Tenant);
                var (id, text) = await TasksReminderAsync(row, leadId, byCaller: true);
                if (other)
                {
                    row.Foreign.AddRange([id.ToString(), text, leadId.ToString()]);
                }

                var changed = Callers.Unique("שונתה");
                await row.Call(row.Client.PutAsJsonAsync($"/api/v1/reminders/{id}", new { text = changed, dueAt = "2030-02-01T10:00:00Z" }));
                (await Scalar<string>("select text from lead_reminders where id = $1", id)).Should().Be(row.Allowed ? changed : text);
                return true;
            }

            case "POST /api/v1/reminders/{id}/complete":
            {
                var (leadId, _, _) = await fx.NewLeadAsync(row.Tenant);
                var (id, text) = await TasksReminderAsync(row, leadId, byCaller: true);
                if (other)
                {
                    row.Foreign.AddRange([id.ToString(), text, leadId.ToString()]);
                }

                await row.Call(row.Client.PostAsync($"/api/v1/reminders/{id}/complete", null));
                (await Scalar<DateTime?>("select completed_at from lead_reminders where id = $1", id)).HasValue.Should().Be(row.Allowed);
                return true;
            }

            case "POST /api/v1/reminders/{id}/reopen":
            {
                var (leadId, _, _) = await fx.NewLeadAsync(row.Tenant);
                var (id, text) = await TasksReminderAsync(row, leadId, byCaller: true);
                if (other)
                {
                    row.Foreign.AddRange([id.ToString(), text, leadId.ToString()]);
                }

                await TenancyFixture.ReadAsync(await (await fx.CachedSessionAsync(row.Tenant, Role.Owner)).PostAsync($"/api/v1/reminders/{id}/complete", null),
                    "complete first");
                await row.Call(row.Client.PostAsync($"/api/v1/reminders/{id}/reopen", null));
                (await Scalar<DateTime?>("select completed_at from lead_reminders where id = $1", id)).HasValue.Should().Be(!row.Allowed);
                return true;
            }

            case "DELETE /api/v1/reminders/{id}":
            {
                var (leadId, _, _) = await fx.NewLeadAsync(row.Tenant);
                var (id, text) = await TasksReminderAsync(row, leadId, byCaller: true);
                if (other)
                {
                    row.Foreign.AddRange([id.ToString(), text, leadId.ToString()]);
                }

                await row.Call(row.Client.DeleteAsync($"/api/v1/reminders/{id}"));
                (await Count("select count(*) from lead_reminders where id = $1", id)).Should().Be(row.Allowed ? 0 : 1);
                return true;
            }

            case "POST /api/v1/tasks":
            {
                var title = Callers.Unique("משימה");
                await row.Call(row.Client.PostAsJsonAsync("/api/v1/tasks", new { title, assigneeUserId = fx.Users[(A, Role.Agent)] }));
                (await Count("select count(*) from tasks where title = $1", title)).Should().Be(row.Allowed ? 1 : 0);
                (await Count("select count(*) from tasks where title = $1 and tenant_id = $2", title, A.ToString())).Should().Be(row.Allowed ? 1 : 0);
                return true;
            }

            case "GET /api/v1/tasks":
            case "GET /api/v1/tasks/board":
            {
                var (ownLead, _, _) = await fx.NewLeadAsync(A);
                var (otherLead, otherLeadName, _) = await fx.NewLeadAsync(B);
                var own = (await WorkItems.CreateTaskAsync(await fx.CachedSessionAsync(A, Role.Owner), new { title = Callers.Unique("משימה"), leadId = ownLead }))
                    .GetProperty("id").GetGuid();
                var foreign = await WorkItems.CreateTaskAsync(await fx.CachedSessionAsync(B, Role.Owner), new { title = Callers.Unique("משימה"), leadId = otherLead });
                row.Foreign.AddRange([foreign.GetProperty("id").GetString()!, foreign.GetProperty("title").GetString()!, otherLead.ToString(), otherLeadName]);

                var board = row.Endpoint.EndsWith("/board", StringComparison.Ordinal);
                var path = board ? "/api/v1/tasks/board" : "/api/v1/tasks";
                var body = await row.Call(row.Client.GetAsync($"{path}?leadId={ownLead}"));
                var elsewhere = await row.Call(row.Client.GetAsync($"{path}?leadId={otherLead}&limit=100"));
                await row.Call(row.Client.GetAsync($"{path}?limit=100"));
                if (row.Allowed)
                {
                    var ids = board ? Json(body).GetProperty("columns")[0].Ids() : Json(body).Ids();
                    ids.Should().Equal(own);
                    if (board)
                    {
                        Json(elsewhere).GetProperty("columns").EnumerateArray().Should().OnlyContain(c => c.GetProperty("count").GetInt64() == 0);
                    }
                    else
                    {
                        Json(elsewhere).Items().Should().BeEmpty("a filter must not reach another business's lead");
                    }
                }

                return true;
            }

            case "GET /api/v1/tasks/{id}":
            {
                var (id, title) = await TasksTaskAsync(row, byCaller: false);
                if (other)
                {
                    row.Foreign.AddRange([id.ToString(), title]);
                }

                var body = await row.Call(row.Client.GetAsync($"/api/v1/tasks/{id}"));
                if (row.Allowed)
                {
                    Json(body).GetProperty("title").GetString().Should().Be(title);
                }

                return true;
            }

            case "PUT /api/v1/tasks/{id}":
            {
                var (id, title) = await TasksTaskAsync(row, byCaller: false);
                if (other)
                {
                    row.Foreign.AddRange([id.ToString(), title]);
                }

                var changed = Callers.Unique("שונתה");
                await row.Call(row.Client.PutAsJsonAsync($"/api/v1/tasks/{id}", new { title = changed }));
                (await Scalar<string>("select title from tasks where id = $1", id)).Should().Be(row.Allowed ? changed : title);
                return true;
            }

            case "POST /api/v1/tasks/{id}/move":
            {
                var (id, title) = await TasksTaskAsync(row, byCaller: false);
                if (other)
                {
                    row.Foreign.AddRange([id.ToString(), title]);
                }

                await row.Call(row.Client.PostAsJsonAsync($"/api/v1/tasks/{id}/move", new { status = "in_progress" }));
                (await Scalar<string>("select status from tasks where id = $1", id)).Should().Be(row.Allowed ? "in_progress" : "open");
                return true;
            }

            case "DELETE /api/v1/tasks/{id}":
            {
                var (id, title) = await TasksTaskAsync(row, byCaller: true);
                if (other)
                {
                    row.Foreign.AddRange([id.ToString(), title]);
                }

                await row.Call(row.Client.DeleteAsync($"/api/v1/tasks/{id}"));
                (await Count("select count(*) from tasks where id = $1", id)).Should().Be(row.Allowed ? 0 : 1);
                return true;
            }

            case "GET /api/v1/notifications":
            {
                var own = await TasksNotificationAsync(row.Client);
                var foreign = await TasksNotificationAsync(await fx.CachedSessionAsync(B, Role.Owner));
                row.Foreign.AddRange([foreign.Id.ToString(), foreign.Title]);
                var body = await row.Call(row.Client.GetAsync("/api/v1/notifications?limit=100"));
                if (row.Allowed)
                {
                    Json(body).Ids().Should().Contain(own.Id);
                }

                return true;
            }

            case "POST /api/v1/notifications/{id}/read":
            {
                var (id, title) = await TasksNotificationAsync(other ? await fx.CachedSessionAsync(B, Role.Owner) : row.Client);
                if (other)
                {
                    row.Foreign.AddRange([id.ToString(), title]);
                }

                await row.Call(row.Client.PostAsync($"/api/v1/notifications/{id}/read", null));
                (await Scalar<DateTime?>("select read_at from notifications where id = $1", id)).HasValue.Should().Be(row.Allowed);
                return true;
            }

            case "POST /api/v1/notifications/read-all":
            {
                var own = await TasksNotificationAsync(row.Client);
                var foreign = await TasksNotificationAsync(await fx.CachedSessionAsync(B, Role.Owner));
                await row.Call(row.Client.PostAsync("/api/v1/notifications/read-all", null));
                (await Scalar<DateTime?>("select read_at from notifications where id = $1", own.Id)).HasValue.Should().Be(row.Allowed);
                (await Scalar<DateTime?>("select read_at from notifications where id = $1", foreign.Id)).HasValue.Should().BeFalse();
                return true;
            }

            default:
                return false;
        }
    }

    /// <summary>The owner a caller names for a reminder: none for a user of the business (it is theirs), A's agent otherwise.</summary>
    private Guid? TasksOwnerFor(Caller caller) =>
        caller.IsApiKey() || caller == Caller.SystemAdmin ? fx.Users[(A, Role.Agent)] : null;

    /// <summary>
    /// A reminder on <paramref name="leadId"/>: set by the caller itself in its own business when <paramref name="byCaller"/>
    /// (so that it is the caller's to change), otherwise, and always in B, by the business's owner.
    /// </summary>
    private async Task<(Guid Id, string Text)> TasksReminderAsync(MatrixRow row, Guid leadId, bool byCaller)
    {
        var text = Callers.Unique("תזכורת");
        var setter = byCaller && row.Tenant == A ? row.Client : await fx.CachedSessionAsync(row.Tenant, Role.Owner);
        var owner = byCaller && row.Tenant == A ? TasksOwnerFor(row.Caller) : null;
        var reminder = await WorkItems.SetReminderAsync(setter, leadId, text, DateTimeOffset.UtcNow.AddDays(30), owner);
        return (reminder.GetProperty("id").GetGuid(), text);
    }

    /// <summary>A task in the row's business, created by the caller itself in A when <paramref name="byCaller"/>.</summary>
    private async Task<(Guid Id, string Title)> TasksTaskAsync(MatrixRow row, bool byCaller)
    {
        var title = Callers.Unique("משימה");
        var creator = byCaller && row.Tenant == A ? row.Client : await fx.CachedSessionAsync(row.Tenant, Role.Owner);
        var task = await WorkItems.CreateTaskAsync(creator, new { title });
        return (task.GetProperty("id").GetGuid(), title);
    }

    /// <summary>A notification of whoever <paramref name="creator"/> is: an unassigned task it creates, already due, scanned.</summary>
    private async Task<(Guid Id, string Title)> TasksNotificationAsync(HttpClient creator)
    {
        var title = Callers.Unique("התראה");
        var task = await WorkItems.CreateTaskAsync(creator, new { title, dueAt = WorkItems.Iso(DateTimeOffset.UtcNow.AddMinutes(-1)) });
        await fx.ScanDueAsync();
        var id = await Scalar<Guid>("select id from notifications where subject_id = $1", task.GetProperty("id").GetGuid());
        id.Should().NotBeEmpty("the scan notifies the task's creator");
        return (id, title);
    }
}
