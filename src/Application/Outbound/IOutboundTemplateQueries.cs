using ProSaaS.Application.Common.Paging;

namespace ProSaaS.Application.Outbound;

/// <summary>Reads of the <c>outbound_templates</c> read model. Every method is scoped to one tenant.</summary>
public interface IOutboundTemplateQueries
{
    /// <summary>The template, active or not; null when the business has none with this id or it was deleted.</summary>
    Task<OutboundTemplateView?> GetAsync(string tenantId, Guid templateId, CancellationToken cancellationToken);

    /// <summary>Newest first, deleted ones never, inactive ones only when asked; <paramref name="after"/> continues a page.</summary>
    Task<IReadOnlyList<OutboundTemplateView>> ListAsync(
        string tenantId, bool includeInactive, NewestCursor? after, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The names of templates by id, deleted ones included: what a call placed with a template shows about it afterwards.
    /// Ids the business does not have are left out.
    /// </summary>
    Task<IReadOnlyDictionary<Guid, OutboundTemplateName>> NamesAsync(
        string tenantId, IReadOnlyCollection<Guid> templateIds, CancellationToken cancellationToken);

    /// <summary>Whether another template of the business that is not deleted has this name (any case).</summary>
    Task<bool> NameTakenAsync(string tenantId, string name, Guid? exceptTemplateId, CancellationToken cancellationToken);
}

/// <param name="Active">Whether new calls may use the template.</param>
/// <param name="GreetingTemplate">The opening line with <c>{lead_name}</c> and <c>{business}</c>; null for the default.</param>
/// <param name="Version">The stream's version: the <c>expectedVersion</c> of a change.</param>
public sealed record OutboundTemplateView(
    Guid Id,
    string Name,
    string? Description,
    string PromptText,
    string? GreetingTemplate,
    bool Active,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version);

/// <summary><see cref="Next"/> is the cursor of the following page, or null on the last page.</summary>
public sealed record OutboundTemplatePage(IReadOnlyList<OutboundTemplateView> Items, string? Next);

/// <summary>A template as a past call refers to it: its name, and whether it has been deleted since.</summary>
public sealed record OutboundTemplateName(Guid Id, string Name, bool Deleted);
