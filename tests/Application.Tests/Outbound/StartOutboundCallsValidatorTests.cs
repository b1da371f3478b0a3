using ProSaaS.Application.Outbound;
using ProSaaS.Application.Outbound.StartOutboundCalls;

namespace ProSaaS.Application.Tests.Outbound;

public sealed class StartOutboundCallsValidatorTests
{
    private static readonly StartOutboundCallsValidator Validator = new();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void One_to_three_distinct_leads_with_a_template_are_valid(int leads)
    {
        var request = new StartOutboundCalls(Enumerable.Range(0, leads).Select(_ => Guid.NewGuid()).ToList(), Guid.NewGuid());

        Validator.Validate(request).IsValid.Should().BeTrue();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(10)]
    public void Fewer_than_one_or_more_than_three_leads_are_refused(int leads)
    {
        var result = Validator.Validate(new StartOutboundCalls(Enumerable.Range(0, leads).Select(_ => Guid.NewGuid()).ToList(), Guid.NewGuid()));

        result.Errors.Should().ContainSingle().Which.ErrorMessage.Should().Be(StartOutboundCallsValidator.CountMessage);
        OutboundCallLimits.MaxLeadsPerStart.Should().Be(3);
    }

    [Fact]
    public void The_same_lead_twice_is_refused()
    {
        var lead = Guid.NewGuid();

        var result = Validator.Validate(new StartOutboundCalls([lead, Guid.NewGuid(), lead], Guid.NewGuid()));

        result.Errors.Should().ContainSingle().Which.ErrorMessage.Should().Be(StartOutboundCallsValidator.DistinctMessage);
    }

    [Fact]
    public void Missing_ids_are_each_named()
    {
        var result = Validator.Validate(new StartOutboundCalls([Guid.Empty], Guid.Empty));

        result.Errors.Select(e => e.PropertyName).Should().BeEquivalentTo(["LeadIds[0]", "TemplateId"]);
        Validator.Validate(new StartOutboundCalls(null!, Guid.NewGuid())).Errors.Select(e => e.PropertyName).Should().Equal("LeadIds");
    }

    [Fact]
    public void The_limit_messages_are_hebrew_and_carry_the_counts()
    {
        OutboundCallLimits.OutboundLimitMessage(3, 3).Should().Be("כל הקווים היוצאים תפוסים כרגע (3 מתוך 3). נסו שוב בעוד כמה דקות.");
        OutboundCallLimits.TotalLimitMessage(5, 5).Should().Contain("(5 שיחות פעילות מתוך 5)");
        var refusal = OutboundCallLimitException.Total(5, 5, TimeSpan.FromSeconds(30));
        refusal.Code.Should().Be("outbound.limit_reached");
        refusal.RetryAfter.Should().Be(TimeSpan.FromSeconds(30));
        OutboundCallLimitException.Outbound(2, 3).RetryAfter.Should().Be(OutboundCallLimits.DefaultRetryAfter);
    }
}
