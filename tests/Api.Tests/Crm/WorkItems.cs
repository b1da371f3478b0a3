using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Api.Tests.Tenancy;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Notifications.ScanDueItems;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Leads;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Crm;

/// <summary>Leads, reminders, tasks and due scans for the tests of reminders, tasks and notifications.</summary>
public static class WorkItems
{
    /// <summary>An instant as a client in Israel sends it: ISO-8601 with the +02:00 offset.</summary>
    public static string Iso(DateTimeOffset instant) =>
        instant.ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    public static async Task<(Guid Id, string Name, string Phone)> NewLeadAsync(this TenancyFixture fx, Guid tenant)
    {
        var name = Callers.Unique("ליד");
        var phone = Callers.UniqueMobile();
        var owner = await fx.CachedSessionAsync(tenant, Role.Owner);
        var created = await TenancyFixture.ReadAsync(await owner.PostAsJsonAsync("/api/v1/leads", new { name, phone }), "create a lead");
        return (created.GetProperty("id").GetGuid(), name, created.GetProperty("phone").GetString()!);
    }

    public static async Task<JsonElement> SetReminderAsync(HttpClient client, Guid leadId, string text, DateTimeOffset due, Guid? ownerUserId = null)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/leads/{leadId}/reminders", new { text, dueAt = Iso(due), ownerUserId });
        return await TenancyFixture.ReadAsync(response, "set a reminder");
    }

    public static async Task<JsonElement> CreateTaskAsync(HttpClient client, object body) =>
        await TenancyFixture.ReadAsync(await client.PostAsJsonAsync("/api/v1/tasks", body), "create a task");

    /// <summary>One due scan, as the scheduled job runs it, in a scope of its own.</summary>
    public static async Task<DueScanResult> ScanDueAsync(this TenancyFixture fx)
    {
        await using var scope = fx.Api.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.CorrelationId = "test-due-scan-" + Guid.NewGuid().ToString("N");
        context.UserName = "system:due-scan";
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ScanDueItems());
    }

    /// <summary>Deletes a lead through its stream, as the lead deletion does.</summary>
    public static async Task DeleteLeadAsync(this TenancyFixture fx, Guid tenant, Guid leadId)
    {
        await using var scope = fx.Api.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.TenantId = tenant.ToString();
        context.CorrelationId = "test-delete-lead";
        var store = scope.ServiceProvider.GetRequiredService<IEventStore>();
        var lead = await store.AggregateStreamAsync<Lead>(leadId) ?? throw new InvalidOperationException("no such lead");
        lead.Delete("בדיקה", DateTimeOffset.UtcNow);
        await store.SaveAsync(lead);
    }

    public static IReadOnlyList<JsonElement> Items(this JsonElement page) => page.GetProperty("items").EnumerateArray().ToList();

    public static IReadOnlyList<Guid> Ids(this JsonElement page) => page.Items().Select(i => i.GetProperty("id").GetGuid()).ToList();
}
