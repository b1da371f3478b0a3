using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Api.Tests.Tenancy;
using ProSaaS.Domain.Users;
using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Leads;
using ProSaaS.Infrastructure.Projections;

namespace ProSaaS.Api.Tests.Webhooks;

/// <summary>Events of the real stack delivered to real HTTP receivers by the projection daemon and the dispatcher.</summary>
public sealed class WebhookDeliveryTests(WebhookFixture fx) : IClassFixture<WebhookFixture>
{
    private Guid A => fx.TenantA;

    private Guid B => fx.TenantB;

    [Fact]
    public async Task A_receiver_that_fails_twice_then_succeeds_gets_the_event_once_signed_and_the_log_shows_three_attempts()
    {
        await using var receiver = await WebhookReceiver.StartAsync(n => n <= 2 ? 500 : 200);
        var (endpointId, secret) = await fx.CreateEndpointAsync(A, receiver.Url, ["lead.created"]);
        var name = Callers.Unique("רות לוי");
        var leadId = await fx.CreateLeadAsync(A, name);

        var requests = await receiver.WaitForAsync(3, r => r.IsAbout(leadId));
        await Task.Delay(300); // nothing more may follow the accepted attempt
        requests = receiver.Received.Where(r => r.IsAbout(leadId)).ToList();
        requests.Should().HaveCount(3);
        requests.Select(r => r.Id).Distinct().Should().ContainSingle("every attempt of a message carries the same webhook-id");
        requests.Should().OnlyContain(r => r.IsSignedWith(secret), "each attempt is signed with the endpoint's secret");
        requests.Should().OnlyContain(r => r.Method == "POST" && r.ContentType == "application/json" && r.UserAgent == "ProSaaS-Webhooks/1");
        requests.Count(r => r.Number > 2).Should().Be(1, "exactly one attempt was accepted");

        var accepted = requests[^1].Json;
        accepted.GetProperty("type").GetString().Should().Be("lead.created");
        accepted.GetProperty("timestamp").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        var data = accepted.GetProperty("data");
        data.GetProperty("leadId").GetGuid().Should().Be(leadId);
        data.GetProperty("name").GetString().Should().Be(name);
        data.GetProperty("source").GetString().Should().Be("manual");
        data.GetProperty("status").GetString().Should().Be("new");

        var delivery = await fx.WaitForDeliveryAsync(A, endpointId, d => d.IsAbout(leadId), d => d.Status() == "succeeded");
        delivery.GetProperty("messageId").GetString().Should().Be(requests[0].Id);
        delivery.GetProperty("eventType").GetString().Should().Be("lead.created");
        delivery.GetProperty("attemptCount").GetInt32().Should().Be(3);
        delivery.GetProperty("nextAttemptAt").ValueKind.Should().Be(JsonValueKind.Null);
        var attempts = delivery.GetProperty("attempts").EnumerateArray().ToList();
        attempts.Select(a => a.GetProperty("number").GetInt32()).Should().Equal(1, 2, 3);
        attempts.Select(a => a.GetProperty("statusCode").GetInt32()).Should().Equal(500, 500, 200);
        attempts.Select(a => a.GetProperty("succeeded").GetBoolean()).Should().Equal(false, false, true);
        attempts.Should().OnlyContain(a => a.GetProperty("trigger").GetString() == "scheduled" && a.GetProperty("durationMs").GetInt32() >= 0);
        attempts[0].GetProperty("error").GetString().Should().Contain("500");
        attempts[0].GetProperty("response").GetString().Should().Be("תקלה 1");
        attempts[2].GetProperty("error").ValueKind.Should().Be(JsonValueKind.Null);
        attempts[2].GetProperty("response").GetString().Should().Be("התקבל");
        attempts.Select(a => a.GetProperty("attemptedAt").GetDateTimeOffset()).Should().BeInAscendingOrder();
        (await fx.Database.ScalarAsync<long>("select count(*) from webhook_delivery_attempts where delivery_id = $1", delivery.GetProperty("id").GetGuid()))
            .Should().Be(3);
    }

    [Fact]
    public async Task Only_subscribed_event_types_are_delivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (endpointId, secret) = await fx.CreateEndpointAsync(A, receiver.Url, ["lead.updated"]);
        var leadId = await fx.CreateLeadAsync(A);
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        await TenancyFixture.ReadAsync(await agent.PostAsJsonAsync($"/api/v1/leads/{leadId}/status", new { status = "contacted", reason = "שיחה ראשונה" }),
            "change the status");

        var update = (await receiver.WaitForAsync(1, r => r.IsAbout(leadId))).Single();
        update.IsSignedWith(secret).Should().BeTrue();
        update.Json.GetProperty("type").GetString().Should().Be("lead.updated");
        var data = update.Json.GetProperty("data");
        data.GetProperty("change").GetString().Should().Be("status_changed");
        data.GetProperty("fromStatus").GetString().Should().Be("new");
        data.GetProperty("toStatus").GetString().Should().Be("contacted");

        await ProjectionProgress.WaitForNonStaleAsync(fx.Database.DataSource, ["webhook_deliveries"], TimeSpan.FromSeconds(20));
        await Task.Delay(200);
        receiver.Received.Where(r => r.IsAbout(leadId)).Should().ContainSingle("lead.created was not subscribed");
        (await fx.DeliveriesAsync(A, endpointId)).Select(d => d.GetProperty("eventType").GetString()).Should().OnlyContain(t => t == "lead.updated");
    }

    [Fact]
    public async Task Another_business_events_never_reach_this_business_endpoint()
    {
        await using var receiverA = await WebhookReceiver.StartAsync();
        await using var receiverB = await WebhookReceiver.StartAsync();
        var (endpointA, _) = await fx.CreateEndpointAsync(A, receiverA.Url, ["lead.created"]);
        var (_, secretB) = await fx.CreateEndpointAsync(B, receiverB.Url, ["lead.created"]);

        var leadOfB = await fx.CreateLeadAsync(B);
        var leadOfA = await fx.CreateLeadAsync(A);
        (await receiverB.WaitForAsync(1, r => r.IsAbout(leadOfB))).Single().IsSignedWith(secretB).Should().BeTrue();
        await receiverA.WaitForAsync(1, r => r.IsAbout(leadOfA));
        await ProjectionProgress.WaitForNonStaleAsync(fx.Database.DataSource, ["webhook_deliveries"], TimeSpan.FromSeconds(20));
        await Task.Delay(200);

        receiverA.Received.Should().NotContain(r => r.IsAbout(leadOfB) || r.Body.Contains(B.ToString()));
        receiverB.Received.Should().NotContain(r => r.IsAbout(leadOfA));
        (await fx.DeliveriesAsync(A, endpointA)).Should().NotContain(d => d.IsAbout(leadOfB));
        (await fx.Database.ScalarAsync<long>(
                "select count(*) from webhook_deliveries where endpoint_id = $1 and (tenant_id <> $2 or payload like '%' || $3 || '%')",
                endpointA, A.ToString(), leadOfB.ToString()))
            .Should().Be(0);
    }

    [Fact]
    public async Task A_resend_delivers_the_same_message_again_with_a_fresh_valid_signature()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (endpointId, secret) = await fx.CreateEndpointAsync(A, receiver.Url, ["lead.created"]);
        var leadId = await fx.CreateLeadAsync(A);
        var first = (await receiver.WaitForAsync(1, r => r.IsAbout(leadId))).Single();
        var delivery = await fx.WaitForDeliveryAsync(A, endpointId, d => d.IsAbout(leadId), d => d.Status() == "succeeded");
        await Task.Delay(1100); // a later second, so the timestamp and the signature differ

        var admin = await fx.CachedSessionAsync(A, Role.Admin);
        var resend = await admin.PostAsync($"/api/v1/webhooks/{endpointId}/deliveries/{delivery.GetProperty("id").GetGuid()}/resend", null);
        resend.StatusCode.Should().Be(HttpStatusCode.Accepted, await resend.Content.ReadAsStringAsync());
        (await resend.ReadJsonAsync()).GetProperty("status").GetString().Should().BeOneOf("pending", "succeeded");

        var again = (await receiver.WaitForAsync(2, r => r.IsAbout(leadId)))[1];
        again.Id.Should().Be(first.Id);
        again.Body.Should().Be(first.Body);
        again.Timestamp.Should().NotBe(first.Timestamp);
        again.Signature.Should().NotBe(first.Signature);
        again.IsSignedWith(secret).Should().BeTrue();

        var resent = await fx.WaitForDeliveryAsync(A, endpointId, d => d.IsAbout(leadId),
            d => d.Status() == "succeeded" && d.GetProperty("attemptCount").GetInt32() == 2);
        resent.GetProperty("attempts")[1].GetProperty("trigger").GetString().Should().Be("resend");
    }

    [Fact]
    public async Task A_resend_asked_while_an_attempt_is_on_its_way_is_still_sent_after_it()
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Hold = n => n == 1 ? released.Task : Task.CompletedTask;
        var (endpointId, _) = await fx.CreateEndpointAsync(A, receiver.Url, ["lead.created"]);
        var leadId = await fx.CreateLeadAsync(A);
        await receiver.WaitForAsync(1, r => r.IsAbout(leadId));
        var pending = await fx.WaitForDeliveryAsync(A, endpointId, d => d.IsAbout(leadId), _ => true);

        var admin = await fx.CachedSessionAsync(A, Role.Admin);
        (await admin.PostAsync($"/api/v1/webhooks/{endpointId}/deliveries/{pending.GetProperty("id").GetGuid()}/resend", null))
            .StatusCode.Should().Be(HttpStatusCode.Accepted);
        released.SetResult();

        await receiver.WaitForAsync(2, r => r.IsAbout(leadId));
        var delivery = await fx.WaitForDeliveryAsync(A, endpointId, d => d.IsAbout(leadId),
            d => d.Status() == "succeeded" && d.GetProperty("attemptCount").GetInt32() == 2);
        delivery.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("trigger").GetString()).Should().Equal("scheduled", "resend");
        await Task.Delay(300);
        receiver.Received.Where(r => r.IsAbout(leadId)).Should().HaveCount(2, "the resend is owed once, not forever");
    }

    [Fact]
    public async Task A_receiver_that_always_fails_makes_the_delivery_dead_after_the_last_attempt_and_a_resend_revives_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => 503);
        var (endpointId, secret) = await fx.CreateEndpointAsync(A, receiver.Url, ["lead.created"]);
        var leadId = await fx.CreateLeadAsync(A);

        var dead = await fx.WaitForDeliveryAsync(A, endpointId, d => d.IsAbout(leadId), d => d.Status() == "dead");
        dead.GetProperty("attemptCount").GetInt32().Should().Be(WebhookFixture.MaxAttempts);
        dead.GetProperty("nextAttemptAt").ValueKind.Should().Be(JsonValueKind.Null);
        dead.GetProperty("completedAt").ValueKind.Should().NotBe(JsonValueKind.Null);
        dead.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("statusCode").GetInt32()).Should().Equal(503, 503, 503, 503);
        await Task.Delay(1500); // the retry after a fourth failure would come after ~3 s; none may come at all
        receiver.Received.Where(r => r.IsAbout(leadId)).Should().HaveCount(WebhookFixture.MaxAttempts);
        receiver.Received.Should().OnlyContain(r => r.IsSignedWith(secret));

        receiver.Respond = _ => 204;
        var admin = await fx.CachedSessionAsync(A, Role.Admin);
        (await admin.PostAsync($"/api/v1/webhooks/{endpointId}/deliveries/{dead.GetProperty("id").GetGuid()}/resend", null))
            .StatusCode.Should().Be(HttpStatusCode.Accepted);
        var revived = await fx.WaitForDeliveryAsync(A, endpointId, d => d.IsAbout(leadId), d => d.Status() == "succeeded");
        revived.GetProperty("attemptCount").GetInt32().Should().Be(WebhookFixture.MaxAttempts + 1);
        revived.GetProperty("attempts")[WebhookFixture.MaxAttempts].GetProperty("statusCode").GetInt32().Should().Be(204);
    }

    [Fact]
    public async Task Redirects_are_not_followed()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => 302);
        var (endpointId, _) = await fx.CreateEndpointAsync(A, receiver.Url, ["lead.created"]);
        var leadId = await fx.CreateLeadAsync(A);
        var dead = await fx.WaitForDeliveryAsync(A, endpointId, d => d.IsAbout(leadId), d => d.Status() == "dead");
        var attempt = dead.GetProperty("attempts")[0];
        attempt.GetProperty("statusCode").GetInt32().Should().Be(302);
        attempt.GetProperty("error").GetString().Should().Contain("הפניות אינן נעקבות");
        receiver.Received.Should().OnlyContain(r => r.Path == "/hooks/prosaas");
    }

    [Fact]
    public async Task A_test_message_is_signed_and_logged()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (endpointId, secret) = await fx.CreateEndpointAsync(A, receiver.Url, ["lead.deleted"]);
        var admin = await fx.CachedSessionAsync(A, Role.Admin);
        var response = await admin.PostAsync($"/api/v1/webhooks/{endpointId}/test", null);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var queued = await response.ReadJsonAsync();
        queued.GetProperty("eventType").GetString().Should().Be("webhook.test");

        var message = (await receiver.WaitForAsync(1)).Single();
        message.IsSignedWith(secret).Should().BeTrue();
        message.Id.Should().Be(queued.GetProperty("messageId").GetString());
        message.Json.GetProperty("type").GetString().Should().Be("webhook.test");
        message.Json.GetProperty("data").GetProperty("endpointId").GetGuid().Should().Be(endpointId);
        await fx.WaitForDeliveryAsync(A, endpointId, d => d.GetProperty("id").GetGuid() == queued.GetProperty("id").GetGuid(),
            d => d.Status() == "succeeded");
    }

    [Fact]
    public async Task A_rotated_secret_signs_every_later_attempt_and_the_old_one_no_longer_verifies()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (endpointId, oldSecret) = await fx.CreateEndpointAsync(A, receiver.Url, ["lead.created"]);
        var admin = await fx.CachedSessionAsync(A, Role.Admin);
        var rotated = await TenancyFixture.ReadAsync(await admin.PostAsync($"/api/v1/webhooks/{endpointId}/rotate-secret", null), "rotate");
        var newSecret = rotated.GetProperty("secret").GetString()!;
        newSecret.Should().StartWith("whsec_").And.NotBe(oldSecret);

        var leadId = await fx.CreateLeadAsync(A);
        var message = (await receiver.WaitForAsync(1, r => r.IsAbout(leadId))).Single();
        message.IsSignedWith(newSecret).Should().BeTrue();
        message.IsSignedWith(oldSecret).Should().BeFalse();
    }

    [Fact]
    public async Task Disabled_and_deleted_endpoints_get_nothing_further()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (disabledId, _) = await fx.CreateEndpointAsync(A, receiver.Url + "/disabled", ["lead.created"]);
        var (deletedId, _) = await fx.CreateEndpointAsync(A, receiver.Url + "/deleted", ["lead.created"]);
        var admin = await fx.CachedSessionAsync(A, Role.Admin);
        await TenancyFixture.ReadAsync(await admin.PutAsJsonAsync($"/api/v1/webhooks/{disabledId}", new
        {
            url = receiver.Url + "/disabled", eventTypes = new[] { "lead.created" }, enabled = false,
        }), "disable");
        (await admin.DeleteAsync($"/api/v1/webhooks/{deletedId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var leadId = await fx.CreateLeadAsync(A);
        await ProjectionProgress.WaitForNonStaleAsync(fx.Database.DataSource, ["webhook_deliveries"], TimeSpan.FromSeconds(20));
        await Task.Delay(300);
        receiver.Received.Should().BeEmpty();
        (await fx.DeliveriesAsync(A, disabledId)).Should().BeEmpty();
        (await fx.Database.ScalarAsync<long>("select count(*) from webhook_deliveries where endpoint_id = $1", deletedId)).Should().Be(0);
        (await (await admin.PostAsync($"/api/v1/webhooks/{disabledId}/test", null)).ShouldBeProblemAsync(422))
            .GetProperty("code").GetString().Should().Be("webhook.endpoint_disabled");
        leadId.Should().NotBeEmpty();
    }

    [Fact]
    public async Task A_monday_transcript_endpoint_gets_completed_calls_with_the_transcript_as_text_and_no_lead_events()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (endpointId, secret) = await fx.CreateEndpointAsync(A, receiver.Url, null, kind: "monday_transcript");
        var leadId = await fx.CreateLeadAsync(A);
        var callId = Guid.NewGuid();
        await AppendForeignEventAsync(A, callId, "call", "call_summarized", new
        {
            callId, leadId, direction = "inbound", from = "+972527654321", to = "+972501110001",
            startedAt = DateTimeOffset.UtcNow.AddMinutes(-3), endedAt = DateTimeOffset.UtcNow, durationSeconds = 180,
            endReason = "user_goodbye",
            summary = new { text = "מעוניינת בדירת 4 חדרים בחיפה", nextAction = "call_back", nextActionText = "לחזור אליה עם הצעות" },
            transcript = new[]
            {
                new { speaker = "assistant", text = "שלום, הגעתם לעסק א. במה אפשר לעזור?" },
                new { speaker = "caller", text = "אני מחפשת דירה בחיפה" },
            },
        });

        var message = (await receiver.WaitForAsync(1, r => r.IsAbout(callId))).Single();
        message.IsSignedWith(secret).Should().BeTrue();
        message.Json.GetProperty("type").GetString().Should().Be("call.completed");
        var data = message.Json.GetProperty("data");
        data.GetProperty("callId").GetGuid().Should().Be(callId);
        data.GetProperty("leadId").GetGuid().Should().Be(leadId);
        data.GetProperty("phone").GetString().Should().Be("+972527654321");
        data.GetProperty("durationSeconds").GetInt32().Should().Be(180);
        data.GetProperty("summary").GetString().Should().Be("מעוניינת בדירת 4 חדרים בחיפה");
        data.GetProperty("nextAction").GetString().Should().Be("לחזור אליה עם הצעות");
        data.GetProperty("transcript").GetString().Should().Be("נציג: שלום, הגעתם לעסק א. במה אפשר לעזור?\nלקוח: אני מחפשת דירה בחיפה");
        message.Body.Should().Contain("אני מחפשת דירה", "Hebrew is sent as UTF-8, not escaped");

        var deliveries = await fx.DeliveriesAsync(A, endpointId);
        deliveries.Should().ContainSingle().Which.GetProperty("eventType").GetString().Should().Be("call.completed");
    }

    [Fact]
    public async Task Appointment_events_recorded_by_alias_are_delivered_with_their_public_type()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (_, secret) = await fx.CreateEndpointAsync(A, receiver.Url, ["appointment.booked", "appointment.cancelled"]);
        var appointmentId = Guid.NewGuid();
        var startsAt = DateTimeOffset.UtcNow.AddDays(2);
        await AppendForeignEventAsync(A, appointmentId, "appointment", "appointment_booked",
            new { appointmentId, leadId = Guid.NewGuid(), startsAt, endsAt = startsAt.AddMinutes(30), source = "call" });
        await AppendForeignEventAsync(A, appointmentId, "appointment", "appointment_rescheduled",
            new { appointmentId, startsAt = startsAt.AddDays(1), endsAt = startsAt.AddDays(1).AddMinutes(30) }, version: 2);
        await AppendForeignEventAsync(A, appointmentId, "appointment", "appointment_cancelled",
            new { appointmentId, reason = "הלקוחה ביטלה" }, version: 3);

        var messages = await receiver.WaitForAsync(2, r => r.IsAbout(appointmentId));
        await Task.Delay(300);
        messages = receiver.Received.Where(r => r.IsAbout(appointmentId)).ToList();
        messages.Select(m => m.Json.GetProperty("type").GetString()).Should().BeEquivalentTo(["appointment.booked", "appointment.cancelled"],
            "appointment.rescheduled was not subscribed");
        messages.Should().OnlyContain(m => m.IsSignedWith(secret));
        var booked = messages.Single(m => m.Json.GetProperty("type").GetString() == "appointment.booked").Json.GetProperty("data");
        booked.GetProperty("startsAt").GetDateTimeOffset().Should().BeCloseTo(startsAt, TimeSpan.FromMilliseconds(1));
        messages.Single(m => m.Json.GetProperty("type").GetString() == "appointment.cancelled").Json.GetProperty("data")
            .GetProperty("reason").GetString().Should().Be("הלקוחה ביטלה");
    }

    [Fact]
    public async Task Rebuilding_the_delivery_projection_sends_nothing_twice()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (endpointId, _) = await fx.CreateEndpointAsync(A, receiver.Url, ["lead.created"]);
        var leadId = await fx.CreateLeadAsync(A);
        await fx.WaitForDeliveryAsync(A, endpointId, d => d.IsAbout(leadId), d => d.Status() == "succeeded");

        var daemon = (ProSaaS.Infrastructure.Projections.Daemon.ProjectionDaemon)fx.Api.Services.GetService(
            typeof(ProSaaS.Infrastructure.Projections.Daemon.ProjectionDaemon))!;
        await daemon.RebuildAsync("webhook_deliveries");
        await ProjectionProgress.WaitForNonStaleAsync(fx.Database.DataSource, ["webhook_deliveries"], TimeSpan.FromSeconds(20));
        await Task.Delay(300);
        receiver.Received.Where(r => r.IsAbout(leadId)).Should().ContainSingle();
        (await fx.DeliveriesAsync(A, endpointId)).Should().ContainSingle(d => d.IsAbout(leadId));
    }

    [Fact]
    public async Task A_deleted_lead_is_announced_and_its_earlier_messages_no_longer_carry_its_details()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (endpointId, secret) = await fx.CreateEndpointAsync(A, receiver.Url, ["lead.created", "lead.deleted"]);
        var name = Callers.Unique("נמחקת");
        var leadId = await fx.CreateLeadAsync(A, name);
        await fx.WaitForDeliveryAsync(A, endpointId, d => d.IsAbout(leadId) && d.GetProperty("eventType").GetString() == "lead.created",
            d => d.Status() == "succeeded");

        await using (var scope = fx.Api.Services.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
            context.TenantId = A.ToString();
            var store = scope.ServiceProvider.GetRequiredService<IEventStore>();
            var lead = (await store.AggregateStreamAsync<Lead>(leadId))!;
            lead.Delete("בקשת הלקוחה", DateTimeOffset.UtcNow);
            await store.SaveAsync(lead);
        }

        var deleted = (await receiver.WaitForAsync(1, r => r.IsAbout(leadId) && r.Json.GetProperty("type").GetString() == "lead.deleted")).Single();
        deleted.IsSignedWith(secret).Should().BeTrue();
        deleted.Json.GetProperty("data").GetProperty("reason").GetString().Should().Be("בקשת הלקוחה");
        deleted.Body.Should().NotContain(name);

        var created = await fx.WaitForDeliveryAsync(A, endpointId, d => d.IsAbout(leadId) && d.GetProperty("eventType").GetString() == "lead.created",
            d => d.GetProperty("payload").GetProperty("data").TryGetProperty("erased", out _));
        created.GetProperty("payload").GetProperty("data").GetProperty("erased").GetBoolean().Should().BeTrue();
        (await fx.Database.ScalarAsync<long>("select count(*) from webhook_deliveries where lead_id = $1 and payload like '%' || $2 || '%'", leadId, name))
            .Should().Be(0);
    }

    /// <summary>Records an event of an aggregate this build does not contain, as its own code will: by alias, with JSON data.</summary>
    private async Task AppendForeignEventAsync(Guid tenant, Guid streamId, string streamType, string alias, object data, long version = 1)
    {
        var json = JsonSerializer.Serialize(data, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        if (version == 1)
        {
            await fx.Database.ExecuteAsync(
                "insert into mt_streams (id, tenant_id, type, version, timestamp, created) values ($1, $2, $3, 1, now(), now())",
                streamId, tenant.ToString(), streamType);
        }
        else
        {
            await fx.Database.ExecuteAsync("update mt_streams set version = $3 where tenant_id = $1 and id = $2", tenant.ToString(), streamId, version);
        }

        await fx.Database.ExecuteAsync(
            "insert into mt_events (id, stream_id, version, data, type, timestamp, tenant_id) values ($1, $2, $3, $4::jsonb, $5, now(), $6)",
            Guid.NewGuid(), streamId, version, json, alias, tenant.ToString());
    }
}
