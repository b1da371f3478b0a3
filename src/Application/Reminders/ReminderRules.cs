using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Users;
using ProSaaS.Domain.Common;
using ProSaaS.Domain.Reminders;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Reminders;

/// <summary>
/// Who may do what with reminders. A reminder is personal: its owner, whoever set it, and admins and up may change,
/// complete, reopen or delete it; everyone from agent up may read the business's reminders and set one for any of its
/// enabled users.
/// </summary>
public static class ReminderRules
{
    public const string OwnerUnknownCode = "reminder.owner_unknown";
    public const string OwnerRequiredCode = "reminder.owner_required";

    public static async Task<Guid> ResolveOwnerAsync(IUserQueries users, IRequestContext context, string tenantId, Guid? ownerUserId, CancellationToken cancellationToken)
    {
        if (ownerUserId is { } chosen)
        {
            if (!await IsEnabledUserAsync(users, tenantId, chosen, cancellationToken))
            {
                throw new BusinessRuleException(OwnerUnknownCode, "המשתמש שנבחר לתזכורת אינו משתמש פעיל של העסק.");
            }

            return chosen;
        }

        // Nobody named: the caller, when the caller is one of the business's users (not an API key or the platform's admin).
        if (Guid.TryParse(context.UserId, out var caller) && await IsEnabledUserAsync(users, tenantId, caller, cancellationToken))
        {
            return caller;
        }

        throw new BusinessRuleException(OwnerRequiredCode, "יש לבחור למי התזכורת (ownerUserId).");
    }

    public static async Task<bool> IsEnabledUserAsync(IUserQueries users, string tenantId, Guid userId, CancellationToken cancellationToken)
    {
        var user = await users.GetAsync(tenantId, userId, cancellationToken);
        return user is { IsDisabled: false } && user.TenantId == tenantId;
    }

    /// <summary>
    /// The reminder as its stream tells, for a change by the caller: 404 when the business has no such reminder (its
    /// lead deleted included), 403 when it is someone else's and the caller is below admin.
    /// </summary>
    public static async Task<Reminder> LoadForChangeAsync(
        IReminderQueries reminders, IEventStore eventStore, IRequestContext context, Guid reminderId, long? expectedVersion, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        // The read model first: it has no row for another business's reminder, a deleted one, or one whose lead is gone.
        _ = await reminders.GetAsync(tenantId, reminderId, cancellationToken) ?? throw new NotFoundException("reminder", reminderId);
        var reminder = await eventStore.AggregateStreamAsync<Reminder>(reminderId, cancellationToken: cancellationToken);
        if (reminder is null || reminder.IsDeleted)
        {
            throw new NotFoundException("reminder", reminderId);
        }

        if (!context.RequireRole().IsAtLeast(Role.Admin) && !reminder.BelongsTo(context.UserId))
        {
            throw new ForbiddenException("Only the reminder's owner, whoever set it, or an admin may change it.");
        }

        if (expectedVersion is { } expected && expected != reminder.Version)
        {
            throw new ConcurrencyException(reminderId, expected, reminder.Version);
        }

        return reminder;
    }

    /// <summary>The view with its due time placed on the business's calendar.</summary>
    public static ReminderView Placed(ReminderView view, DateTimeOffset now, TimeZoneInfo zone) =>
        view with { DueWindow = view.CompletedAt is null ? DueWindows.Classify(view.DueAt, now, zone) : null };
}
