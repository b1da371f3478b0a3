using System.Security.Cryptography;
using System.Text;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Calls;
using ProSaaS.Domain.Common.PhoneNumbers;

namespace ProSaaS.Application.Calls.Tools;

/// <summary>What the tools share about the call they act in.</summary>
internal static class ToolCalls
{
    private static readonly Guid CommandNamespace = Guid.Parse("3f1d7c52-8a0e-4b6d-9e27-6c4b0a9d2e15");

    /// <summary>The call as its stream tells (the dispatcher has checked that the business has it and that it was connected).</summary>
    public static async Task<Call> LoadAsync(IEventStore events, Guid callId, CancellationToken cancellationToken) =>
        await events.AggregateStreamAsync<Call>(callId, cancellationToken: cancellationToken) ?? throw new NotFoundException("call", callId);

    /// <summary>The other side's number (E.164): the caller of an inbound call, the number dialled on an outbound one; null when withheld.</summary>
    public static string? OtherPartyPhone(Call call)
    {
        var number = call.Direction == CallDirection.Outbound ? call.To : call.From;
        return IsraeliPhoneNumber.TryNormalize(number, out var e164) ? e164 : null;
    }

    /// <summary>
    /// The command id the details a tool call saved are recorded under (<c>call_fields_collected</c>): a name-based UUID of the
    /// call and the tool call, so that the same tool call always names the same report.
    /// </summary>
    public static Guid FieldsCommandId(Guid callId, string toolCallId)
    {
        var name = Encoding.UTF8.GetBytes($"{callId:D}/{toolCallId}");
        var input = new byte[16 + name.Length];
        CommandNamespace.TryWriteBytes(input, bigEndian: true, out _);
        name.CopyTo(input, 16);
        var hash = SHA1.HashData(input);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
