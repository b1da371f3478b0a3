using System.Text;
using MediatR;
using ProSaaS.Application.Auth;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Users.BootstrapSystemAdmin;

/// <summary>
/// Creates the platform's system admin on a fresh installation (seed, operations CLI). Nobody can create a system
/// admin through <see cref="CreateUser.CreateUser"/>, and this succeeds only once: the first system admin has a fixed
/// id, so a second attempt, even a concurrent one, finds its stream taken. Not meant to be exposed over HTTP.
/// </summary>
public sealed record BootstrapSystemAdmin(string Email, string DisplayName, string Password) : IRequest<Guid>
{
    public static readonly Guid FirstSystemAdminId = new("00000000-0000-7000-8000-000000000001");

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Email = ").Append(Email).Append(", DisplayName = ").Append(DisplayName).Append(", Password = ***");
        return true;
    }
}

public sealed class BootstrapSystemAdminHandler(
    IUserQueries users, IEventStore eventStore, IPasswordHasher hasher, TimeProvider clock)
    : IRequestHandler<BootstrapSystemAdmin, Guid>
{
    public async Task<Guid> Handle(BootstrapSystemAdmin request, CancellationToken cancellationToken)
    {
        var store = eventStore.ForTenant(User.PlatformTenantId);
        if (await store.FetchStreamStateAsync(BootstrapSystemAdmin.FirstSystemAdminId, cancellationToken) is not null)
        {
            throw new ConflictException(UserConflicts.SystemAdminExists, "מנהל המערכת כבר קיים.");
        }

        var email = User.NormaliseEmail(request.Email);
        if (await users.FindByEmailAsync(email, cancellationToken) is not null)
        {
            throw new ConflictException(UserConflicts.EmailTaken, UserConflicts.EmailTakenMessage);
        }

        var admin = User.Create(
            BootstrapSystemAdmin.FirstSystemAdminId, null, email, request.DisplayName, Role.SystemAdmin, hasher.Hash(request.Password), clock.GetUtcNow());
        try
        {
            await store.SaveAsync(admin, cancellationToken);
        }
        catch (ConcurrencyException)
        {
            throw new ConflictException(UserConflicts.SystemAdminExists, "מנהל המערכת כבר קיים.");
        }

        return admin.Id;
    }
}
