using ProSaaS.Domain.Common;

namespace ProSaaS.Domain.Reminders;

/// <summary>
/// A follow-up on a lead for one user of the business: "call Ruth back on Sunday at 10". It comes due once per due time
/// and owner, can be completed and reopened, rescheduled, handed over and deleted.
/// </summary>
[StreamType("reminder")]
public sealed class Reminder : AggregateRoot
{
    public const int MaxTextLength = 1000;

    private Reminder()
    {
    }

    public Guid LeadId { get; private set; }
    public Guid OwnerUserId { get; private set; }
    public string Text { get; private set; } = "";
    public DateTimeOffset DueAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>When the owner was notified of the current due time; null while that notification is still owed.</summary>
    public DateTimeOffset? NotifiedAt { get; private set; }

    /// <summary>The user or API key that set the reminder.</summary>
    public string? CreatedBy { get; private set; }

    public bool IsDeleted { get; private set; }
    public bool IsCompleted => CompletedAt is not null;

    public static Reminder Set(Guid id, Guid leadId, Guid ownerUserId, string? text, DateTimeOffset dueAt, string? createdBy, DateTimeOffset now)
    {
        if (id == Guid.Empty || leadId == Guid.Empty)
        {
            throw new DomainException("reminder.id_required", "לתזכורת חסר מזהה או ליד.");
        }

        if (ownerUserId == Guid.Empty)
        {
            throw new DomainException("reminder.owner_required", "יש לבחור למי התזכורת.");
        }

        var reminder = new Reminder();
        reminder.Raise(new ReminderSet(id, leadId, ownerUserId, CleanText(text), Instants.Normalise(dueAt), createdBy, now));
        return reminder;
    }

    /// <summary>Sets the text, due time and owner; raises an event for each that actually changes.</summary>
    public void Change(string? text, DateTimeOffset dueAt, Guid ownerUserId, DateTimeOffset now)
    {
        EnsureNotDeleted();
        if (ownerUserId == Guid.Empty)
        {
            throw new DomainException("reminder.owner_required", "יש לבחור למי התזכורת.");
        }

        var cleanText = CleanText(text);
        var due = Instants.Normalise(dueAt);
        if (!string.Equals(cleanText, Text, StringComparison.Ordinal))
        {
            Raise(new ReminderTextChanged(Id, LeadId, cleanText, now));
        }

        if (due != DueAt)
        {
            Raise(new ReminderRescheduled(Id, LeadId, DueAt, due, now));
        }

        if (ownerUserId != OwnerUserId)
        {
            Raise(new ReminderReassigned(Id, LeadId, OwnerUserId, ownerUserId, now));
        }
    }

    /// <summary>Marks the reminder done. Completing a completed reminder changes nothing.</summary>
    public void Complete(DateTimeOffset now)
    {
        EnsureNotDeleted();
        if (!IsCompleted)
        {
            Raise(new ReminderCompleted(Id, LeadId, now));
        }
    }

    /// <summary>Opens a completed reminder again. Reopening an open reminder changes nothing.</summary>
    public void Reopen(DateTimeOffset now)
    {
        EnsureNotDeleted();
        if (IsCompleted)
        {
            Raise(new ReminderReopened(Id, LeadId, now));
        }
    }

    public void Delete(DateTimeOffset now)
    {
        if (!IsDeleted)
        {
            Raise(new ReminderDeleted(Id, LeadId, now));
        }
    }

    /// <summary>
    /// Records that the reminder came due if it is open, its due time has passed and its owner was not yet notified of
    /// it; answers whether it did.
    /// </summary>
    public bool ComeDue(DateTimeOffset now)
    {
        if (IsDeleted || IsCompleted || NotifiedAt is not null || DueAt > now)
        {
            return false;
        }

        Raise(new ReminderCameDue(Id, LeadId, OwnerUserId, Text, DueAt, now));
        return true;
    }

    /// <summary>Whether <paramref name="actorId"/> (a user or API key id) owns the reminder or set it.</summary>
    public bool BelongsTo(string? actorId) =>
        actorId is not null
        && (string.Equals(actorId, OwnerUserId.ToString(), StringComparison.OrdinalIgnoreCase)
            || string.Equals(actorId, CreatedBy, StringComparison.OrdinalIgnoreCase));

    private static string CleanText(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainException("reminder.text_required", "יש לכתוב על מה התזכורת.");
        }

        if (trimmed.Length > MaxTextLength)
        {
            throw new DomainException("reminder.text_too_long", $"טקסט התזכורת ארוך מדי (עד {MaxTextLength} תווים).");
        }

        return trimmed;
    }

    private void EnsureNotDeleted()
    {
        if (IsDeleted)
        {
            throw new DomainException("reminder.deleted", "התזכורת נמחקה.");
        }
    }

    protected override void Apply(IDomainEvent @event)
    {
        switch (@event)
        {
            case ReminderSet e:
                Id = e.ReminderId;
                LeadId = e.LeadId;
                OwnerUserId = e.OwnerUserId;
                Text = e.Text;
                DueAt = e.DueAt;
                CreatedBy = e.CreatedBy;
                break;
            case ReminderTextChanged e:
                Text = e.Text;
                break;
            case ReminderRescheduled e:
                DueAt = e.DueAt;
                NotifiedAt = null;
                break;
            case ReminderReassigned e:
                OwnerUserId = e.OwnerUserId;
                NotifiedAt = null;
                break;
            case ReminderCompleted e:
                CompletedAt = e.CompletedAt;
                break;
            case ReminderReopened:
                CompletedAt = null;
                break;
            case ReminderDeleted:
                IsDeleted = true;
                break;
            case ReminderCameDue e:
                NotifiedAt = e.NotifiedAt;
                break;
            default:
                throw new InvalidOperationException($"Reminder cannot apply {@event.GetType().Name}.");
        }
    }
}
