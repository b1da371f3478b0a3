using System.Globalization;
using System.Text.Json;
using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Tenants;
using ProSaaS.Application.Users;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Leads.GetLeadActivity;

/// <summary>
/// The lead's activity timeline, newest first: every recorded event about the lead — captures, status changes,
/// details, assignment, notes, appointments, reminders, tasks, calls and messages — with who or what caused it.
/// </summary>
public sealed record GetLeadActivity(Guid LeadId, int Limit = GetLeadActivity.DefaultLimit, string? Next = null) : IRequest<LeadActivityPage>
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
}

/// <param name="Kind">lead, note, appointment, reminder, task, call, message or other: what the entry is about.</param>
/// <param name="Summary">One line in Hebrew, for people.</param>
/// <param name="Actor">The user or integration that caused it (null for the assistant and the system).</param>
/// <param name="Data">The event's recorded details.</param>
public sealed record LeadActivityEntry(Guid Id, DateTimeOffset At, string Type, string Kind, string Summary, string? Actor, JsonElement Data);

public sealed record LeadActivityPage(IReadOnlyList<LeadActivityEntry> Items, string? Next);

public sealed class GetLeadActivityHandler(ILeadQueries leads, ITenantQueries tenants, IUserQueries users, IRequestContext context)
    : IRequestHandler<GetLeadActivity, LeadActivityPage>
{
    public async Task<LeadActivityPage> Handle(GetLeadActivity request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        _ = await leads.GetAsync(tenantId, request.LeadId, cancellationToken) ?? throw new NotFoundException("lead", request.LeadId);
        long? before = long.TryParse(request.Next, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) && sequence > 0 ? sequence : null;
        var rows = await leads.ActivityAsync(tenantId, request.LeadId, before, request.Limit + 1, cancellationToken);
        var page = rows.Take(request.Limit).ToList();

        var settings = await tenants.GetSettingsAsync(tenantId, cancellationToken);
        var profile = await tenants.GetProfileAsync(tenantId, cancellationToken);
        var describer = new LeadActivityDescriber(
            (settings?.Settings ?? TenantSettings.Default).LeadStatuses,
            (await users.ListAsync(tenantId, cancellationToken)).ToDictionary(u => u.Id, u => u.DisplayName),
            TimeZoneInfo.FindSystemTimeZoneById(profile?.TimeZone ?? TenantTimeZone.Default));
        var items = page.Select(r => new LeadActivityEntry(
            r.EventId, r.At, r.Type, LeadActivityDescriber.KindOf(r.Type), describer.Describe(r.Type, r.Data), r.UserName, r.Data)).ToList();
        var next = rows.Count > request.Limit ? page[^1].Sequence.ToString(CultureInfo.InvariantCulture) : null;
        return new LeadActivityPage(items, next);
    }
}
