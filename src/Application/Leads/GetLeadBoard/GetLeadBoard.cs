using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Tenants;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Leads.GetLeadBoard;

/// <summary>
/// The kanban: one column per status of the business in its order, each with its number of leads and its most
/// recently updated leads. Leads left in a status the business has since removed get a column of their own at the end.
/// </summary>
public sealed record GetLeadBoard(int PerColumn = GetLeadBoard.DefaultPerColumn, string? Search = null, Guid? Assignee = null)
    : IRequest<LeadBoard>
{
    public const int DefaultPerColumn = 20;
    public const int MaxPerColumn = 100;
}

public sealed record LeadBoard(IReadOnlyList<LeadBoardColumn> Columns);

/// <param name="IsDefined">False for a status the business no longer has (its leads should be moved).</param>
public sealed record LeadBoardColumn(
    string Status, string Label, string Color, bool IsDefault, bool IsWon, bool IsLost, bool IsDefined, long Count, IReadOnlyList<LeadView> Leads);

public sealed class GetLeadBoardHandler(ILeadQueries leads, ITenantQueries tenants, IRequestContext context) : IRequestHandler<GetLeadBoard, LeadBoard>
{
    private const string UndefinedColor = "#6B7280";

    public async Task<LeadBoard> Handle(GetLeadBoard request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        var statuses = ((await tenants.GetSettingsAsync(tenantId, cancellationToken))?.Settings ?? TenantSettings.Default).LeadStatuses;
        var filter = new LeadFilter(string.IsNullOrWhiteSpace(request.Search) ? null : request.Search.Trim(), null, request.Assignee);
        var rows = (await leads.BoardAsync(tenantId, request.PerColumn, filter, cancellationToken)).ToDictionary(r => r.Status, StringComparer.Ordinal);

        var columns = statuses.Select(s => rows.TryGetValue(s.Key, out var row)
                ? new LeadBoardColumn(s.Key, s.Label, s.Color, s.IsDefault, s.IsWon, s.IsLost, true, row.Count, row.Leads)
                : new LeadBoardColumn(s.Key, s.Label, s.Color, s.IsDefault, s.IsWon, s.IsLost, true, 0, []))
            .ToList();
        columns.AddRange(rows.Values
            .Where(r => statuses.All(s => s.Key != r.Status))
            .OrderBy(r => r.Status, StringComparer.Ordinal)
            .Select(r => new LeadBoardColumn(r.Status, r.Status, UndefinedColor, false, false, false, false, r.Count, r.Leads)));
        return new LeadBoard(columns);
    }
}
