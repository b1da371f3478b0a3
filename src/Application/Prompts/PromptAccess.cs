using FluentValidation;
using ProSaaS.Application.Auth;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.Paging;
using ProSaaS.Application.Users;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Prompts;

/// <summary>What the prompt use cases share: the channel in a request, the current version, the author, the conflict.</summary>
internal static class PromptAccess
{
    public const string VersionResource = "prompt_version";
    public const string StaleCode = "prompt.version_conflict";

    public static readonly string ChannelMessage = $"הערוץ אינו מוכר. אפשר לבחור: {AssistantChannels.Names}.";

    public static AssistantChannel Channel(string? channel) =>
        AssistantChannels.TryParse(channel, out var parsed)
            ? parsed
            : throw new ValidationFailedException(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["channel"] = [ChannelMessage] });

    /// <summary>The channel's current version: its latest stored one, or version 0 with the default text.</summary>
    public static async Task<PromptVersionView> CurrentAsync(
        IPromptQueries queries, string tenantId, AssistantChannel channel, CancellationToken cancellationToken) =>
        await queries.LatestAsync(tenantId, channel, cancellationToken) ?? PromptVersionView.Default(channel);

    /// <summary>
    /// Applies <paramref name="change"/> to the business (loaded afresh on each retry of a race with another change), stores
    /// it when a version was saved, and answers the channel's current version — or 409 when the edit's base was stale.
    /// </summary>
    public static async Task<PromptSaveResult> ChangeAsync(
        Application.Common.EventStore.IEventStore eventStore, IPromptQueries queries, Guid tenantId, AssistantChannel channel,
        Func<Tenant, PromptSaveOutcome> change, CancellationToken cancellationToken)
    {
        var outcome = await ConcurrencyRetry.RunAsync(true, async () =>
        {
            var (tenant, stream) = await Tenants.TenantAccess.LoadTenantAsync(eventStore, tenantId, cancellationToken);
            var result = change(tenant);
            if (result == PromptSaveOutcome.Saved)
            {
                await stream.SaveAsync(tenant, cancellationToken);
            }

            return result;
        });

        var current = await CurrentAsync(queries, tenantId.ToString(), channel, cancellationToken);
        return outcome == PromptSaveOutcome.Stale ? throw Stale(current) : new PromptSaveResult(current, outcome == PromptSaveOutcome.Saved);
    }

    /// <summary>A version of the channel (0: the default); 404 when the business has no such version.</summary>
    public static async Task<PromptVersionView> VersionAsync(
        IPromptQueries queries, string tenantId, AssistantChannel channel, int version, CancellationToken cancellationToken)
    {
        if (version == 0)
        {
            return PromptVersionView.Default(channel);
        }

        return (version > 0 ? await queries.GetAsync(tenantId, channel, version, cancellationToken) : null)
               ?? throw new NotFoundException(VersionResource, $"{channel.WireName()}/{version}");
    }

    /// <summary>The author of a new version: the acting user's display name, or an API key's name.</summary>
    public static async Task<PromptAuthor> AuthorAsync(IUserQueries users, IRequestContext context, CancellationToken cancellationToken)
    {
        if (UserAccess.ActingUserId(context) is { } userId
            && await users.GetAsync(UserAccess.OwnStreamTenant(context), userId, cancellationToken) is { } user)
        {
            return new PromptAuthor(context.UserId, user.DisplayName);
        }

        return new PromptAuthor(context.UserId, context.UserName ?? context.UserId);
    }

    /// <summary>409: the version the caller edited is no longer current; says which one is, and by whom.</summary>
    public static ConflictException Stale(PromptVersionView current)
    {
        var by = current.AuthorName is { Length: > 0 } author ? $" (נשמרה על ידי {author})" : "";
        return new ConflictException(StaleCode,
            $"ההנחיות השתנו מאז שנפתחו לעריכה: הגרסה הנוכחית היא {current.Version}{by}. לא נשמר דבר — טענו את הגרסה הנוכחית, " +
            "החילו עליה את השינויים ושמרו שוב.");
    }

    public static void ChannelRule<T>(AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, string?>> channel) =>
        validator.RuleFor(channel).Must(c => AssistantChannels.TryParse(c, out _)).WithMessage(ChannelMessage);
}

/// <summary>Position in a channel's versions, newest first: the last version number returned.</summary>
public sealed record PromptVersionCursor(int Version)
{
    public string Encode() => CursorText.Encode($"v:{Version.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

    public static bool TryDecode(string? value, out PromptVersionCursor? cursor)
    {
        cursor = null;
        if (!CursorText.TryDecode(value, out var raw) || raw.Split(':') is not ["v", var number]
            || !int.TryParse(number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
            || version < 1)
        {
            return false;
        }

        cursor = new PromptVersionCursor(version);
        return true;
    }
}

/// <summary>Messages of the prompt requests, for their validators.</summary>
public static class PromptRules
{
    public const string LimitMessage = "limit חייב להיות בין 1 ל-100.";
    public const string CursorMessage = "הסמן (next) אינו תקין; השתמשו בערך שהוחזר בעמוד הקודם.";
    public const string VersionMessage = "מספר הגרסה חייב להיות 0 או יותר.";
    public const string BaseVersionMessage = "baseVersion — הגרסה שעליה נעשה השינוי — חייב להיות 0 או יותר.";
}
