using ProSaaS.MediaHost.Outbox;

namespace ProSaaS.MediaHost.Tests.Outbox;

public sealed class ApiAnswerTests
{
    [Theory]
    [InlineData(200, false, ApiAnswerKind.Accepted)]
    [InlineData(201, false, ApiAnswerKind.Accepted)]
    [InlineData(204, false, ApiAnswerKind.Accepted)]
    [InlineData(400, false, ApiAnswerKind.Refused)]
    [InlineData(404, true, ApiAnswerKind.Refused)]
    [InlineData(413, true, ApiAnswerKind.Refused)]
    [InlineData(415, true, ApiAnswerKind.Refused)]
    [InlineData(422, true, ApiAnswerKind.Refused)]
    [InlineData(409, true, ApiAnswerKind.Refused)]
    [InlineData(409, false, ApiAnswerKind.Retry)]
    [InlineData(401, false, ApiAnswerKind.Retry)]
    [InlineData(403, true, ApiAnswerKind.Retry)]
    [InlineData(408, false, ApiAnswerKind.Retry)]
    [InlineData(425, false, ApiAnswerKind.Retry)]
    [InlineData(429, true, ApiAnswerKind.Retry)]
    [InlineData(500, false, ApiAnswerKind.Retry)]
    [InlineData(502, false, ApiAnswerKind.Retry)]
    [InlineData(503, true, ApiAnswerKind.Retry)]
    [InlineData(504, false, ApiAnswerKind.Retry)]
    public void Answers_are_classified(int status, bool namesARule, ApiAnswerKind expected) =>
        ApiAnswer.Classify(status, namesARule).Should().Be(expected);
}
