using ProSaaS.Domain.Calls;

namespace ProSaaS.Domain.Tests.Calls;

public sealed class AnsweringMachineDetectionTests
{
    [Theory]
    [InlineData("human", AnsweringParty.Person)]
    [InlineData("HUMAN", AnsweringParty.Person)]
    [InlineData(" human ", AnsweringParty.Person)]
    [InlineData("machine_start", AnsweringParty.Machine)]
    [InlineData("machine_end_beep", AnsweringParty.Machine)]
    [InlineData("machine_end_silence", AnsweringParty.Machine)]
    [InlineData("machine_end_other", AnsweringParty.Machine)]
    [InlineData("Machine_End_Beep", AnsweringParty.Machine)]
    [InlineData("fax", AnsweringParty.Machine)]
    [InlineData("unknown", AnsweringParty.Unknown)]
    [InlineData("", AnsweringParty.Unknown)]
    [InlineData("   ", AnsweringParty.Unknown)]
    [InlineData(null, AnsweringParty.Unknown)]
    [InlineData("robot", AnsweringParty.Unknown)]
    [InlineData("machine", AnsweringParty.Machine)]
    [InlineData("machinery", AnsweringParty.Unknown)]
    public void Twilios_answered_by_values_are_classified(string? answeredBy, AnsweringParty expected)
    {
        AnsweringMachineDetection.Classify(answeredBy).Should().Be(expected);
        AnsweringMachineDetection.ShouldConnect(answeredBy).Should().Be(expected != AnsweringParty.Machine);
    }
}
