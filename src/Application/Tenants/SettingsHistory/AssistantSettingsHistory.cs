using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Tenants.SettingsHistory;

/// <summary>
/// How the assistant greets and behaves on calls: the part of the settings document that the settings history shows and a
/// rollback restores. Hours, appointments, lead statuses, lead fields, the keypad menu and the prompts (which have their own
/// versions) are not part of it.
/// </summary>
public sealed record AssistantSettingsValues(
    string AssistantName,
    string Greeting,
    string Voice,
    AssistantGender AssistantGender,
    bool BotSpeaksFirst,
    AutoHangupSettings AutoHangup,
    SilenceSettings Silence,
    int MaxCallMinutes)
{
    /// <summary>The settings (by their JSON names) a rollback restores.</summary>
    public static IReadOnlyList<string> Fields { get; } =
        ["assistantName", "greeting", "voice", "assistantGender", "botSpeaksFirst", "autoHangup", "silence", "maxCallMinutes"];

    public static AssistantSettingsValues Of(TenantSettings settings) => new(
        settings.AssistantName,
        settings.Greeting,
        settings.Voice,
        settings.AssistantGender,
        settings.BotSpeaksFirst,
        settings.AutoHangup,
        settings.Silence,
        settings.MaxCallMinutes);

    /// <summary><paramref name="settings"/> with these assistant values, everything else as it is.</summary>
    public TenantSettings ApplyTo(TenantSettings settings) => settings with
    {
        AssistantName = AssistantName,
        Greeting = Greeting,
        Voice = Voice,
        AssistantGender = AssistantGender,
        BotSpeaksFirst = BotSpeaksFirst,
        AutoHangup = AutoHangup,
        Silence = Silence,
        MaxCallMinutes = MaxCallMinutes,
    };
}

/// <summary>
/// One version of the settings: 0 is the document the business was created with, then one version per recorded change
/// (<c>tenant_settings_changed</c>), in order. <see cref="ChangedBy"/> is who made it (the signed-in user's e-mail or the
/// API key's name), <see cref="ChangedSettings"/> the settings it changed (empty for version 0).
/// </summary>
public sealed record SettingsVersionView(
    int Version,
    DateTimeOffset ChangedAt,
    string? ChangedBy,
    IReadOnlyList<string> ChangedSettings,
    AssistantSettingsValues Assistant);

/// <summary>
/// The settings' versions, newest first. <see cref="CurrentVersion"/> is the newest settings version;
/// <see cref="TenantVersion"/> is the business's version, to send as <c>expectedVersion</c>.
/// </summary>
public sealed record SettingsHistoryView(int CurrentVersion, long TenantVersion, IReadOnlyList<SettingsVersionView> Items);

/// <summary>Reads the settings' versions from the business's own stream.</summary>
internal static class SettingsVersions
{
    public static async Task<(IReadOnlyList<(SettingsVersionView View, TenantSettings Settings)> Versions, long TenantVersion)> ReadAsync(
        IEventStore eventStore, Guid tenantId, CancellationToken cancellationToken)
    {
        var events = await eventStore.ForTenant(tenantId.ToString()).FetchStreamAsync(tenantId, cancellationToken: cancellationToken);
        var versions = new List<(SettingsVersionView, TenantSettings)>();
        foreach (var stored in events)
        {
            switch (stored.Data)
            {
                case TenantCreated e:
                    versions.Add((new SettingsVersionView(0, e.CreatedAt, stored.UserName, [], AssistantSettingsValues.Of(e.Settings)), e.Settings));
                    break;
                case TenantSettingsChanged e:
                    versions.Add((new SettingsVersionView(versions.Count, e.ChangedAt, stored.UserName, e.ChangedSettings,
                        AssistantSettingsValues.Of(e.Settings)), e.Settings));
                    break;
            }
        }

        return (versions, events.Count == 0 ? 0 : events[^1].Version);
    }
}
