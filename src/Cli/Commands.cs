using System.Security.Cryptography;
using System.Text;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Application.ApiKeys.CreateApiKey;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Outbound.CreateOutboundTemplate;
using ProSaaS.Application.Outbound.ListOutboundTemplates;
using ProSaaS.Application.Tenants;
using ProSaaS.Application.Tenants.AssignPhoneNumber;
using ProSaaS.Application.Tenants.CreateTenant;
using ProSaaS.Application.Tenants.ListTenants;
using ProSaaS.Application.Users;
using ProSaaS.Application.Users.BootstrapSystemAdmin;
using ProSaaS.Application.Users.CreateUser;
using ProSaaS.Domain.Users;
using ProSaaS.Infrastructure.EventStore;
using ProSaaS.Infrastructure.Projections.Daemon;

namespace ProSaaS.Cli;

internal static class Commands
{
    public const string DemoBusinessName = "שי דירות ומשרדים";
    public const string DemoSlug = "shai-dirot";
    public const string DemoPhoneNumber = "+97233760000";

    /// <summary>The demo business's outbound template.</summary>
    public const string DemoTemplateName = "חזרה לפונים";
    public const string SystemAdminEmail = "admin@prosaas.local";

    public static async Task<int> MigrateAsync(IServiceProvider provider)
    {
        var applied = await provider.GetRequiredService<SchemaMigrator>().ApplyAsync();
        Console.WriteLine(applied.Count == 0
            ? "The schema is up to date."
            : $"Applied {applied.Count} migration(s): {string.Join(", ", applied.Select(m => $"{m.Version} {m.Name}"))}");
        return 0;
    }

    public static async Task<int> RebuildAsync(IServiceProvider provider, string? projection)
    {
        if (string.IsNullOrWhiteSpace(projection))
        {
            await Console.Error.WriteLineAsync("Name the projection to rebuild (for example: leads, lead_status_counts).");
            return 2;
        }

        await provider.GetRequiredService<SchemaMigrator>().ApplyAsync();
        await provider.GetRequiredService<ProjectionDaemon>().RebuildAsync(projection);
        Console.WriteLine($"Projection '{projection}' reset; an inline projection is rebuilt already, an async one is rebuilt by the running Api's daemon.");
        return 0;
    }

    /// <summary>The demo business with one user of each role; idempotent. Prints (and optionally saves) the credentials.</summary>
    public static async Task<int> SeedDemoAsync(IServiceProvider provider, string? credentialsFile, string? apiKeyFile = null, bool demoCalls = false)
    {
        await provider.GetRequiredService<SchemaMigrator>().ApplyAsync();
        var credentials = new StringBuilder();

        var systemAdminPassword = NewPassword();
        var systemAdminId = BootstrapSystemAdmin.FirstSystemAdminId;
        try
        {
            systemAdminId = await SendAsync(provider, null, new BootstrapSystemAdmin(SystemAdminEmail, "מנהל המערכת", systemAdminPassword));
            credentials.AppendLine($"  system_admin  {SystemAdminEmail,-28} {systemAdminPassword}");
        }
        catch (ConflictException ex) when (ex.Code == UserConflicts.SystemAdminExists)
        {
            credentials.AppendLine("  system_admin  (already existed; password unchanged)");
        }

        var platform = (Id: systemAdminId.ToString(), Role: Role.SystemAdmin);
        var tenants = await SendAsync(provider, platform, new ListTenants());
        if (tenants.FirstOrDefault(t => t.Slug == DemoSlug) is { } existing)
        {
            Console.WriteLine($"The demo business '{DemoBusinessName}' already exists; its users and passwords are unchanged.");
            await EnsureOutboundTemplateAsync(provider, platform, existing.Id);
            await EnsureApiKeyAsync(provider, platform, existing.Id, apiKeyFile);
            if (demoCalls)
            {
                await DemoCalls.EnsureAsync(provider, existing.Id);
            }

            return 0;
        }

        var tenantId = await SendAsync(provider, platform, new CreateTenant(DemoBusinessName, DemoSlug));
        await SendAsync(provider, platform, new AssignPhoneNumber(tenantId, DemoPhoneNumber));
        foreach (var (role, email, name) in new[]
                 {
                     (Role.Owner, "owner@shai-dirot.co.il", "שי כהן"),
                     (Role.Admin, "admin@shai-dirot.co.il", "מיכל לוי"),
                     (Role.Agent, "agent@shai-dirot.co.il", "דני אברהם"),
                 })
        {
            var password = NewPassword();
            await SendAsync(provider, platform, new CreateUser(email, name, role, password, tenantId.ToString()));
            credentials.AppendLine($"  {role.ToWireName(),-13} {email,-28} {password}");
        }

        var text = $"""
            Demo business "{DemoBusinessName}" (slug {DemoSlug}, phone {DemoPhoneNumber}) — sign in with:
            {credentials}
            """;
        Console.WriteLine(text);
        if (!string.IsNullOrEmpty(credentialsFile))
        {
            await WritePrivateFileAsync(credentialsFile, text);
        }

        await EnsureOutboundTemplateAsync(provider, platform, tenantId);
        await EnsureApiKeyAsync(provider, platform, tenantId, apiKeyFile);
        if (demoCalls)
        {
            await DemoCalls.EnsureAsync(provider, tenantId);
        }

        return 0;
    }

    /// <summary>
    /// The demo business's outbound template <see cref="DemoTemplateName"/> (the one scenarios/outbound-template.json calls
    /// with); made when the business has no template of that name.
    /// </summary>
    private static async Task EnsureOutboundTemplateAsync(IServiceProvider provider, (string Id, Role Role) platform, Guid tenantId)
    {
        var page = await SendAsync(provider, platform, new ListOutboundTemplates(IncludeInactive: true, Limit: 100), tenantId);
        if (page.Items.Any(t => t.Name == DemoTemplateName))
        {
            return;
        }

        await SendAsync(provider, platform, new CreateOutboundTemplate(
            DemoTemplateName,
            "שיחה חוזרת למי שהשאיר פרטים באתר.",
            "מתקשרים לפונה שהשאיר פרטים באתר, לבדוק אם הוא עדיין מעוניין ולקבוע פגישה.",
            "שלום {lead_name}, מדברים מ{business}. פנית אלינו באתר, זה זמן טוב לדבר?"), tenantId);
    }

    /// <summary>
    /// An agent API key of the demo business, kept in <paramref name="apiKeyFile"/> (for the demo call's scenario); made once,
    /// when the file is missing.
    /// </summary>
    private static async Task EnsureApiKeyAsync(IServiceProvider provider, (string Id, Role Role) platform, Guid tenantId, string? apiKeyFile)
    {
        if (string.IsNullOrEmpty(apiKeyFile) || (File.Exists(apiKeyFile) && new FileInfo(apiKeyFile).Length > 0))
        {
            return;
        }

        var created = await SendAsync(provider, platform, new CreateApiKey("שיחת הדגמה", Role.Agent), tenantId);
        await WritePrivateFileAsync(apiKeyFile, created.Key);
        Console.WriteLine($"An agent API key of the demo business is kept in {apiKeyFile}.");
    }

    private static async Task WritePrivateFileAsync(string path, string text)
    {
        await File.WriteAllTextAsync(path, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static async Task<T> SendAsync<T>(IServiceProvider provider, (string Id, Role Role)? actor, IRequest<T> request, Guid? tenantId = null)
    {
        await using var scope = provider.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.CorrelationId = "seed-" + Guid.NewGuid().ToString("N")[..8];
        context.UserName = "seed-demo";
        if (actor is { } a)
        {
            context.UserId = a.Id;
            context.Role = a.Role;
        }

        if (tenantId is { } tenant)
        {
            context.TenantId = tenant.ToString();
        }

        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>16 characters from an alphabet without look-alikes (no 0/O, 1/l/I).</summary>
    private static string NewPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return "Demo-" + RandomNumberGenerator.GetString(alphabet, 12);
    }
}
