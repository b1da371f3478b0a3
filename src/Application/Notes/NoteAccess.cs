using ProSaaS.Application.Auth;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Users;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Notes;

/// <summary>
/// Who may change a note: every agent and up reads and writes notes; a note is edited, deleted, or has files added or
/// removed only by its author (the same user or API key) or by an admin and up.
/// </summary>
internal static class NoteAccess
{
    public const string NotAuthorMessage = "רק כותב הפתק או מנהל רשאים לשנות או למחוק אותו.";

    public static string Actor(IRequestContext context) =>
        string.IsNullOrEmpty(context.UserId) ? throw new ForbiddenException("Sign-in is required.") : context.UserId;

    public static void EnsureCanChange(LeadNoteView note, IRequestContext context)
    {
        if (context.RequireRole().IsAtLeast(Role.Admin) || string.Equals(note.AuthorUserId, Actor(context), StringComparison.Ordinal))
        {
            return;
        }

        throw new ForbiddenException(NotAuthorMessage);
    }

    /// <summary>The name a new note shows for its author: a user's display name, an API key's name.</summary>
    public static async Task<string> AuthorNameAsync(IUserQueries users, IRequestContext context, CancellationToken cancellationToken)
    {
        if (UserAccess.ActingUserId(context) is { } userId
            && await users.GetAsync(UserAccess.OwnStreamTenant(context), userId, cancellationToken) is { } user)
        {
            return user.DisplayName;
        }

        return context.UserName ?? Actor(context);
    }
}
