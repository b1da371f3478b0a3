using Microsoft.Extensions.Logging;
using ProSaaS.Application.Files;
using ProSaaS.Application.Leads.DeleteLeads;

namespace ProSaaS.Application.Notes;

/// <summary>Deleted leads took their notes' attachment rows with them: their stored files go right after the commit.</summary>
public sealed class NoteFilesAfterLeadDeletion(IFileCleanup cleanup, ILogger<NoteFilesAfterLeadDeletion> logger) : ILeadDeletionFollowUp
{
    public Task AfterLeadsDeletedAsync(string tenantId, IReadOnlyCollection<Guid> deletedLeadIds, CancellationToken cancellationToken) =>
        deletedLeadIds.Count == 0 ? Task.CompletedTask : NoteFileSweep.AfterChangeAsync(cleanup, tenantId, logger, cancellationToken);
}
