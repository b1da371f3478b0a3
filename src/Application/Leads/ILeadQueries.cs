using ProSaaS.Application.Common.Paging;
namespace ProSaaS.Application.Leads;

/// <summary>Reads of the <c>leads</c> read model. Every method is scoped to one tenant.</summary>
public interface ILeadQueries
{
    Task<LeadView?> GetAsync(string tenantId, Guid leadId, CancellationToken cancellationToken);

    /// <summary>The lead of the business with this E.164 phone, if any (there is at most one).</summary>
    Task<Guid?> FindIdByPhoneAsync(string tenantId, string e164Phone, CancellationToken cancellationToken);

    /// <summary>Newest first; <paramref name="after"/> continues after the last lead of the previous page.</summary>
    Task<IReadOnlyList<LeadView>> ListAsync(string tenantId, LeadFilter filter, LeadCursor? after, int limit, CancellationToken cancellationToken);

    /// <summary>Which of <paramref name="leadIds"/> are leads of the business.</summary>
    Task<IReadOnlySet<Guid>> ExistingIdsAsync(string tenantId, IReadOnlyCollection<Guid> leadIds, CancellationToken cancellationToken);

    /// <summary>
    /// The lead's recorded events — its own and those of everything about it (calls, messages, notes, appointments,
    /// reminders, tasks) — newest first, before <paramref name="beforeSequence"/> when given.
    /// </summary>
    Task<IReadOnlyList<LeadActivityRecord>> ActivityAsync(string tenantId, Guid leadId, long? beforeSequence, int limit, CancellationToken cancellationToken);

    /// <summary>Per status: how many leads it holds and its most recently updated <paramref name="perColumn"/> leads.</summary>
    Task<IReadOnlyList<LeadBoardColumnRows>> BoardAsync(string tenantId, int perColumn, LeadFilter filter, CancellationToken cancellationToken);
}

/// <summary>One recorded event about a lead. <see cref="Data"/> is the event's JSON payload.</summary>
public sealed record LeadActivityRecord(
    long Sequence, Guid EventId, Guid StreamId, string Type, DateTimeOffset At, string? UserName, System.Text.Json.JsonElement Data);

public sealed record LeadBoardColumnRows(string Status, long Count, IReadOnlyList<LeadView> Leads);

/// <summary><see cref="Search"/> matches the name (any part, any case) or the phone (digits in any form: 052-…, +97252…).</summary>
/// <see cref="Assignee"/> keeps the leads of one user; <see cref="Unassigned"/> those of nobody.
public sealed record LeadFilter(string? Search, string? Status, Guid? Assignee = null, bool Unassigned = false);

/// <summary>Position in the newest-first order: the last lead a page returned.</summary>
public sealed record LeadCursor(DateTimeOffset CapturedAt, Guid Id)
{
    public string Encode() => CursorText.EncodeMoment(CapturedAt, Id);

    public static bool TryDecode(string? value, out LeadCursor? cursor)
    {
        cursor = CursorText.TryDecodeMoment(value, out var at, out var id) ? new LeadCursor(at, id) : null;
        return cursor is not null;
    }
}

public sealed record LeadView(
    Guid Id,
    string? Name,
    string? Phone,
    string? Email,
    string Source,
    string Status,
    IReadOnlyDictionary<string, string> Fields,
    DateTimeOffset CapturedAt,
    DateTimeOffset UpdatedAt,
    long Version,
    Guid? AssigneeUserId = null,
    string? AssigneeName = null);
