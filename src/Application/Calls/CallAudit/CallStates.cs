using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Users;
using ProSaaS.Domain.Calls;
using ProSaaS.Domain.Common;

namespace ProSaaS.Application.Calls.CallAudit;

/// <summary>What each call event says at a glance: when it happened, the status after it, and a short detail.</summary>
public static class CallStates
{
    /// <summary>The moment the event names (the provider's, the media host's or the platform's time), else when it was recorded.</summary>
    public static DateTimeOffset AtOf(StoredEvent stored) => stored.Data switch
    {
        CallStarted e => e.StartedAt,
        CallPlaced e => e.PlacedAt,
        CallRejected e => e.RejectedAt,
        CallStatusChanged e => e.ChangedAt,
        CallCompleted e => e.EndedAt,
        CallLeadLinked e => e.LinkedAt,
        CallConfigured e => e.ConfiguredAt,
        CallTranscriptTurn e => e.At,
        CallFieldsCollected e => e.CollectedAt,
        CallMediaEnded e => e.EndedAt,
        CallRecordingStored e => e.StoredAt,
        CallRecordingDeleted e => e.DeletedAt,
        CallToolApplied e => e.AppliedAt,
        CallSummarized e => e.SummarizedAt,
        _ => stored.Timestamp,
    };

    public static CallStatus StatusAfter(CallStatus before, IDomainEvent data) => data switch
    {
        CallStarted e => e.Status,
        CallRejected => CallStatus.Rejected,
        CallStatusChanged e => e.ToStatus,
        CallCompleted e => e.Status,
        _ => before,
    };

    /// <summary>The wire names and values a reader needs beside the event's type (the reason, the keys collected, the tool used).</summary>
    public static string? DetailOf(IDomainEvent data) => data switch
    {
        CallStarted e => CallText.WireName(e.Direction),
        CallPlaced e => e.ProviderCallId,
        CallRejected e => CallText.WireName(e.Reason),
        CallStatusChanged e => CallText.WireName(e.ToStatus),
        CallCompleted e => CallText.WireName(e.EndReason),
        CallRecordingDeleted e => CallText.WireName(e.Reason),
        CallFieldsCollected e => string.Join(", ", (e.Fields?.Keys ?? []).Order(StringComparer.Ordinal)),
        CallMediaEnded e => CallText.WireName(e.EndReason),
        CallToolApplied e => e.Tool,
        CallConfigured e => e.PromptVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
        CallTranscriptTurn e => e.Text,
        CallSummarized e => e.Summary is { } summary ? CallText.WireName(summary.NextAction) : null,
        _ => null,
    };
}

/// <summary>Who or what caused a call event, from the user name and the way of signing in recorded with it.</summary>
public static class CallActors
{
    public const string TwilioUserName = "twilio";
    public const string MediaHostUserName = "service:media-host";
    public const string SystemPrefix = "system:";

    public static CallActor Of(StoredEvent stored, IReadOnlyDictionary<string, string> userNames)
    {
        var userName = stored.UserName;
        stored.Headers.TryGetValue("auth", out var auth);
        return userName switch
        {
            null or "" => new CallActor(CallActorKinds.System, null),
            TwilioUserName => new CallActor(CallActorKinds.Twilio, null),
            MediaHostUserName => new CallActor(CallActorKinds.MediaHost, null),
            _ when userName.StartsWith(SystemPrefix, StringComparison.Ordinal) => new CallActor(CallActorKinds.System, userName[SystemPrefix.Length..]),
            _ when auth == "api_key" => new CallActor(CallActorKinds.ApiKey, userName),
            _ when auth == "session" => new CallActor(CallActorKinds.User, userNames.GetValueOrDefault(userName.ToLowerInvariant(), userName)),
            _ => new CallActor(CallActorKinds.System, userName),
        };
    }

    /// <summary>The display names of the business's users by e-mail, read only when a user caused one of the events.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> UserNamesAsync(
        IUserQueries users, string tenantId, IReadOnlyList<StoredEvent> stream, CancellationToken cancellationToken)
    {
        if (!stream.Any(e => e.Headers.TryGetValue("auth", out var auth) && auth == "session"))
        {
            return new Dictionary<string, string>();
        }

        var list = await users.ListAsync(tenantId, cancellationToken);
        return list.GroupBy(u => u.Email.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.First().DisplayName, StringComparer.Ordinal);
    }
}
