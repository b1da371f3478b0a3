using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Users.ListUserDirectory;

/// <summary>
/// Whom work can be given to: the tenant's active users, by name, for everyone from agent up (so an agent can hand a lead
/// or task to a colleague). Names and roles only: e-mails, sign-in times and lock state stay with <c>ListUsers</c>.
/// </summary>
public sealed record ListUserDirectory : IRequest<IReadOnlyList<DirectoryEntry>>;

public sealed record DirectoryEntry(Guid Id, string DisplayName, Role Role);

public sealed class ListUserDirectoryHandler(IUserQueries users, IRequestContext context)
    : IRequestHandler<ListUserDirectory, IReadOnlyList<DirectoryEntry>>
{
    public async Task<IReadOnlyList<DirectoryEntry>> Handle(ListUserDirectory request, CancellationToken cancellationToken)
    {
        var all = await users.ListAsync(context.RequireTenant(), cancellationToken);
        return all
            .Where(u => !u.IsDisabled)
            .Select(u => new DirectoryEntry(u.Id, u.DisplayName, u.Role))
            .OrderBy(u => u.DisplayName, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("he-IL"), ignoreCase: true))
            .ThenBy(u => u.Id)
            .ToList();
    }
}
