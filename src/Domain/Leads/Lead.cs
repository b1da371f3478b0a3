using ProSaaS.Domain.Common;
using ProSaaS.Domain.Common.PhoneNumbers;

namespace ProSaaS.Domain.Leads;

/// <summary>A prospective customer of a business, captured from a call, a chat, the API or by hand.</summary>
[StreamType("lead")]
public sealed class Lead : AggregateRoot
{
    public const string DefaultStatus = "new";
    public const int MaxNameLength = 200;
    public const int MaxStatusLength = 40;

    private Lead()
    {
    }

    private Dictionary<string, string> _fields = new(StringComparer.Ordinal);

    public string? Name { get; private set; }
    public string? Phone { get; private set; }
    public string? Email { get; private set; }
    public LeadSource Source { get; private set; }
    public string Status { get; private set; } = DefaultStatus;
    public DateTimeOffset CapturedAt { get; private set; }
    public DateTimeOffset? StatusChangedAt { get; private set; }
    public IReadOnlyDictionary<string, string> Fields => _fields;
    public bool IsDeleted { get; private set; }
    public Guid? AssigneeUserId { get; private set; }

    public static Lead Capture(
        Guid id,
        string? name,
        string? phone,
        string? email,
        LeadSource source,
        IReadOnlyDictionary<string, string>? fields,
        DateTimeOffset capturedAt)
    {
        if (id == Guid.Empty)
        {
            throw new DomainException("lead.id_required", "A lead needs an id.");
        }

        var trimmedName = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        if (trimmedName is { Length: > MaxNameLength })
        {
            throw new DomainException("lead.name_too_long", $"השם ארוך מדי (עד {MaxNameLength} תווים).");
        }

        string? normalisedPhone = null;
        if (!string.IsNullOrWhiteSpace(phone))
        {
            if (!IsraeliPhoneNumber.TryNormalize(phone, out var e164))
            {
                throw new DomainException("lead.phone_invalid", "מספר הטלפון אינו תקין.");
            }

            normalisedPhone = e164;
        }

        if (trimmedName is null && normalisedPhone is null)
        {
            throw new DomainException("lead.contact_required", "ליד חייב לכלול שם או מספר טלפון.");
        }

        var lead = new Lead();
        lead.Raise(new LeadCaptured(
            id,
            trimmedName,
            normalisedPhone,
            string.IsNullOrWhiteSpace(email) ? null : email.Trim(),
            source,
            new Dictionary<string, string>(fields ?? new Dictionary<string, string>(), StringComparer.Ordinal),
            DefaultStatus,
            capturedAt));
        return lead;
    }

    /// <summary>
    /// Records that the lead was captured again (a second call or chat from the same phone). Missing name and e-mail
    /// are filled; fields are added or updated; what the lead already had is never erased.
    /// </summary>
    public void MergeCapture(string? name, string? email, LeadSource source, IReadOnlyDictionary<string, string>? fields, DateTimeOffset capturedAt)
    {
        EnsureNotDeleted();
        var trimmedName = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        if (trimmedName is { Length: > MaxNameLength })
        {
            throw new DomainException("lead.name_too_long", $"השם ארוך מדי (עד {MaxNameLength} תווים).");
        }

        Raise(new LeadCaptureMerged(
            Id,
            source,
            Name is null ? trimmedName : null,
            Email is null && !string.IsNullOrWhiteSpace(email) ? email.Trim() : null,
            new Dictionary<string, string>(fields ?? new Dictionary<string, string>(), StringComparer.Ordinal),
            capturedAt));
    }

    /// <summary>Moves the lead to another status. Moving to the status it already has changes nothing.</summary>
    public void ChangeStatus(string newStatus, string? reason, DateTimeOffset changedAt)
    {
        EnsureNotDeleted();
        if (string.IsNullOrWhiteSpace(newStatus))
        {
            throw new DomainException("lead.status_required", "יש לבחור סטטוס.");
        }

        var status = newStatus.Trim();
        if (status.Length > MaxStatusLength)
        {
            throw new DomainException("lead.status_too_long", $"שם הסטטוס ארוך מדי (עד {MaxStatusLength} תווים).");
        }

        if (string.Equals(status, Status, StringComparison.Ordinal))
        {
            return;
        }

        Raise(new LeadStatusChanged(Id, Status, status, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), changedAt));
    }

    /// <summary>
    /// Corrects the lead's details. Null leaves a detail as it is; an empty e-mail removes it. A lead keeps a name or
    /// a phone. Field values are expected already normalised against the business's field schema.
    /// </summary>
    public void ChangeDetails(
        string? name,
        string? phone,
        string? email,
        IReadOnlyDictionary<string, string>? setFields,
        IReadOnlyCollection<string>? removedFields,
        DateTimeOffset changedAt)
    {
        EnsureNotDeleted();
        string? newName = null;
        if (name is not null)
        {
            var trimmed = name.Trim();
            if (trimmed.Length > MaxNameLength)
            {
                throw new DomainException("lead.name_too_long", $"השם ארוך מדי (עד {MaxNameLength} תווים).");
            }

            if (trimmed.Length == 0)
            {
                throw new DomainException("lead.name_required", "אי אפשר למחוק את שם הליד; אפשר לתקן אותו.");
            }

            newName = trimmed == Name ? null : trimmed;
        }

        string? newPhone = null;
        if (phone is not null)
        {
            if (!IsraeliPhoneNumber.TryNormalize(phone, out var e164))
            {
                throw new DomainException("lead.phone_invalid", "מספר הטלפון אינו תקין.");
            }

            newPhone = e164 == Phone ? null : e164;
        }

        string? newEmail = null;
        if (email is not null)
        {
            var trimmed = email.Trim();
            newEmail = trimmed == (Email ?? string.Empty) ? null : trimmed;
        }

        var set = (setFields ?? new Dictionary<string, string>())
            .Where(f => !_fields.TryGetValue(f.Key, out var current) || current != f.Value)
            .ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        var removed = (removedFields ?? []).Where(_fields.ContainsKey).Where(k => !set.ContainsKey(k)).Distinct(StringComparer.Ordinal).ToList();
        if (newName is null && newPhone is null && newEmail is null && set.Count == 0 && removed.Count == 0)
        {
            return;
        }

        Raise(new LeadDetailsChanged(Id, newName, newPhone, newEmail, set, removed, changedAt));
    }

    /// <summary>Gives the lead to a user to handle, or to nobody. Assigning to the current assignee changes nothing.</summary>
    public void Assign(Guid? assigneeUserId, DateTimeOffset assignedAt)
    {
        EnsureNotDeleted();
        if (assigneeUserId == Guid.Empty)
        {
            assigneeUserId = null;
        }

        if (assigneeUserId == AssigneeUserId)
        {
            return;
        }

        Raise(new LeadAssigned(Id, assigneeUserId, AssigneeUserId, assignedAt));
    }

    private void EnsureNotDeleted()
    {
        if (IsDeleted)
        {
            throw new DomainException("lead.deleted", "הליד נמחק.");
        }
    }

    /// <summary>Deletes the lead. Deleting a deleted lead changes nothing.</summary>
    public void Delete(string? reason, DateTimeOffset deletedAt)
    {
        if (IsDeleted)
        {
            return;
        }

        Raise(new LeadDeleted(Id, Status, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), deletedAt));
    }

    protected override void Apply(IDomainEvent @event)
    {
        switch (@event)
        {
            case LeadCaptured e:
                Id = e.LeadId;
                Name = e.Name;
                Phone = e.Phone;
                Email = e.Email;
                Source = e.Source;
                _fields = new Dictionary<string, string>(e.Fields ?? new Dictionary<string, string>(), StringComparer.Ordinal);
                Status = e.Status;
                CapturedAt = e.CapturedAt;
                break;
            case LeadStatusChanged e:
                Status = e.ToStatus;
                StatusChangedAt = e.ChangedAt;
                break;
            case LeadCaptureMerged e:
                Name ??= e.Name;
                Email ??= e.Email;
                foreach (var (key, value) in e.Fields ?? new Dictionary<string, string>())
                {
                    _fields[key] = value;
                }

                break;
            case LeadDeleted:
                IsDeleted = true;
                break;
            case LeadDetailsChanged e:
                Name = e.Name ?? Name;
                Phone = e.Phone ?? Phone;
                Email = e.Email is null ? Email : e.Email.Length == 0 ? null : e.Email;
                foreach (var (key, value) in e.SetFields ?? new Dictionary<string, string>())
                {
                    _fields[key] = value;
                }

                foreach (var key in e.RemovedFields ?? [])
                {
                    _fields.Remove(key);
                }

                break;
            case LeadAssigned e:
                AssigneeUserId = e.AssigneeUserId;
                break;
            default:
                throw new InvalidOperationException($"Lead cannot apply {@event.GetType().Name}.");
        }
    }
}
