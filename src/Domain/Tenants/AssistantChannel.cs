namespace ProSaaS.Domain.Tenants;

/// <summary>
/// Where the assistant speaks for the business. Each channel has its own prompt (with versions) and FAQ entries apply to the
/// channels they name. Wire names: <c>inbound_call</c>, <c>outbound_call</c>, <c>whatsapp</c>.
/// </summary>
public enum AssistantChannel
{
    InboundCall,
    OutboundCall,

    /// <summary>Spelled so that its snake_case wire name is <c>whatsapp</c>.</summary>
    Whatsapp,
}

public static class AssistantChannels
{
    public const string InboundCall = "inbound_call";
    public const string OutboundCall = "outbound_call";
    public const string Whatsapp = "whatsapp";

    /// <summary>Every channel, in the order they are listed.</summary>
    public static IReadOnlyList<AssistantChannel> All { get; } = [AssistantChannel.InboundCall, AssistantChannel.OutboundCall, AssistantChannel.Whatsapp];

    /// <summary>The wire names, in the order of <see cref="All"/>, for messages.</summary>
    public static string Names { get; } = string.Join(", ", All.Select(WireName));

    public static string WireName(this AssistantChannel channel) => channel switch
    {
        AssistantChannel.InboundCall => InboundCall,
        AssistantChannel.OutboundCall => OutboundCall,
        AssistantChannel.Whatsapp => Whatsapp,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, null),
    };

    /// <summary>Reads a wire name exactly (lower case).</summary>
    public static bool TryParse(string? text, out AssistantChannel channel)
    {
        switch (text)
        {
            case InboundCall:
                channel = AssistantChannel.InboundCall;
                return true;
            case OutboundCall:
                channel = AssistantChannel.OutboundCall;
                return true;
            case Whatsapp:
                channel = AssistantChannel.Whatsapp;
                return true;
            default:
                channel = default;
                return false;
        }
    }

    /// <summary>Whether <paramref name="channel"/> is one of the declared values (JSON may carry any number).</summary>
    public static bool IsDefined(AssistantChannel channel) => channel is AssistantChannel.InboundCall or AssistantChannel.OutboundCall or AssistantChannel.Whatsapp;
}
