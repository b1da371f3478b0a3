namespace ProSaaS.Application.Leads;

/// <summary>Reads of the <c>leads</c> read model. Every method is scoped to one tenant.</summary>
public interface ILeadQueries
{
    Task<LeadView?> GetAsync(string tenantId, Guid leadId, CancellationToken cancellationToken);
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
    long Version);
