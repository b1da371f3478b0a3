namespace ProSaaS.Domain.Calls;

/// <summary>Who picked up an outbound call, as the provider's answering machine detection tells it.</summary>
public enum AnsweringParty
{
    /// <summary>A person (<c>human</c>).</summary>
    Person,

    /// <summary>An answering machine or voicemail (<c>machine_start</c>, <c>machine_end_beep</c>, <c>machine_end_silence</c>, <c>machine_end_other</c>, formerly <c>machine</c>) or a fax.</summary>
    Machine,

    /// <summary>The provider could not tell (<c>unknown</c>), did not say, or said something new.</summary>
    Unknown,
}

/// <summary>
/// What to do with an answered outbound call by who answered it (Twilio's <c>AnsweredBy</c>). A machine is hung up on: the
/// assistant would talk to a recording, and a message left by a machine voice helps no one. A person is connected, and so
/// is a call the provider could not classify — hanging up on a person who answered is worse than talking to a machine.
/// </summary>
public static class AnsweringMachineDetection
{
    public static AnsweringParty Classify(string? answeredBy)
    {
        var value = answeredBy?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return AnsweringParty.Unknown;
        }

        if (string.Equals(value, "human", StringComparison.OrdinalIgnoreCase))
        {
            return AnsweringParty.Person;
        }

        // "machine" alone is the answer of Twilio's earlier detection.
        return value.StartsWith("machine_", StringComparison.OrdinalIgnoreCase)
               || string.Equals(value, "machine", StringComparison.OrdinalIgnoreCase)
               || string.Equals(value, "fax", StringComparison.OrdinalIgnoreCase)
            ? AnsweringParty.Machine
            : AnsweringParty.Unknown;
    }

    /// <summary>Whether the assistant takes the call: everyone but a machine.</summary>
    public static bool ShouldConnect(string? answeredBy) => Classify(answeredBy) != AnsweringParty.Machine;
}
