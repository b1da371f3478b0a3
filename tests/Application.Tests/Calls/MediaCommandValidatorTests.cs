using ProSaaS.Application.Calls.RecordCollectedFields;
using ProSaaS.Application.Calls.RecordMediaCallEnd;
using ProSaaS.Application.Calls.RecordTranscriptTurn;
using ProSaaS.Application.Common.Behaviours;
using ProSaaS.Domain.Calls;

namespace ProSaaS.Application.Tests.Calls;

/// <summary>The media host's reports are checked field by field, every problem listed at once, in Hebrew.</summary>
public sealed class MediaCommandValidatorTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Call = Guid.NewGuid();

    private static readonly CallMediaMetrics Metrics = new(null, null, null, 0, 10, 10, 0, 1, 1, 0, 1000);

    private static string[] Fields(FluentValidation.Results.ValidationResult result)
    {
        result.Errors.Where(e => !e.ErrorMessage.Any(c => c >= 'א' && c <= 'ת')).Should().BeEmpty("messages are in Hebrew");
        return result.Errors.Select(e => ValidationBehaviour<object, object>.ToJsonPath(e.PropertyName)).Distinct().Order(StringComparer.Ordinal).ToArray();
    }

    public static TheoryData<string, RecordTranscriptTurn, string[]> Turns => new()
    {
        { "valid", new(Call, Guid.NewGuid(), At, "caller", "שלום", 0), [] },
        { "valid interrupted assistant", new(Call, Guid.NewGuid(), At, "assistant", "רק רגע", 99_000, true), [] },
        { "nothing", new(Call, Guid.Empty, default, null, null, -1), ["at", "commandId", "offsetMs", "speaker", "text"] },
        { "unknown speaker", new(Call, Guid.NewGuid(), At, "agent", "שלום", 0), ["speaker"] },
        { "speaker in capitals", new(Call, Guid.NewGuid(), At, "Caller", "שלום", 0), ["speaker"] },
        { "empty text", new(Call, Guid.NewGuid(), At, "caller", "   ", 0), ["text"] },
        { "text too long", new(Call, Guid.NewGuid(), At, "caller", new string('א', CallMediaRules.MaxTurnTextLength + 1), 0), ["text"] },
        { "text at the limit", new(Call, Guid.NewGuid(), At, "caller", new string('א', CallMediaRules.MaxTurnTextLength), 0), [] },
    };

    [Theory]
    [MemberData(nameof(Turns))]
    public void Transcript_turns(string name, RecordTranscriptTurn command, string[] invalid)
    {
        Fields(new RecordTranscriptTurnValidator().Validate(command)).Should().Equal(invalid, name);
    }

    public static TheoryData<string, IReadOnlyDictionary<string, string>?, bool> FieldSets => new()
    {
        { "one detail", new Dictionary<string, string> { ["city"] = "חיפה" }, true },
        { "the name and phone", new Dictionary<string, string> { ["name"] = "דנה", ["phone"] = "0521234567" }, true },
        { "none", null, false },
        { "empty", new Dictionary<string, string>(), false },
        { "a key with spaces", new Dictionary<string, string> { ["my city"] = "חיפה" }, false },
        { "a key in capitals", new Dictionary<string, string> { ["City"] = "חיפה" }, false },
        { "a key in Hebrew", new Dictionary<string, string> { ["עיר"] = "חיפה" }, false },
        { "an empty value", new Dictionary<string, string> { ["city"] = "" }, false },
        { "a value too long", new Dictionary<string, string> { ["details"] = new string('א', CallMediaRules.MaxFieldValueLength + 1) }, false },
        { "too many", Enumerable.Range(0, CallMediaRules.MaxCollectedFields + 1).ToDictionary(i => $"f{i}", _ => "x"), false },
        { "as many as allowed", Enumerable.Range(0, CallMediaRules.MaxCollectedFields).ToDictionary(i => $"f{i}", _ => "x"), true },
    };

    [Theory]
    [MemberData(nameof(FieldSets))]
    public void Collected_fields(string name, IReadOnlyDictionary<string, string>? fields, bool valid)
    {
        Fields(new RecordCollectedFieldsValidator().Validate(new RecordCollectedFields(Call, Guid.NewGuid(), At, fields)))
            .Should().Equal(valid ? [] : ["fields"], name);
    }

    public static TheoryData<string, RecordMediaCallEnd, string[]> Ends => new()
    {
        { "valid", new(Call, Guid.NewGuid(), At, "user_goodbye", Metrics), [] },
        { "nothing", new(Call, Guid.Empty, default, null, null), ["at", "commandId", "metrics", "reason"] },
        { "a provider's reason", new(Call, Guid.NewGuid(), At, "completed", Metrics), ["reason"] },
        { "the platform's reason", new(Call, Guid.NewGuid(), At, "lost", Metrics), ["reason"] },
        { "an unknown reason", new(Call, Guid.NewGuid(), At, "bored", Metrics), ["reason"] },
        { "negative figures", new(Call, Guid.NewGuid(), At, "silence", Metrics with { FramesDropped = -1 }), ["metrics"] },
    };

    [Theory]
    [MemberData(nameof(Ends))]
    public void Call_ends(string name, RecordMediaCallEnd command, string[] invalid)
    {
        Fields(new RecordMediaCallEndValidator().Validate(command)).Should().Equal(invalid, name);
    }
}
