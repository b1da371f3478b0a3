using ProSaaS.Domain.Common;
using ProSaaS.Domain.Outbound;

namespace ProSaaS.Domain.Tests.Outbound;

public sealed class OutboundGreetingTests
{
    [Theory]
    // Both names known.
    [InlineData("שלום {lead_name}, מדברים מ{business}.", "דנה כהן", "שי דירות", "שלום דנה כהן, מדברים משי דירות.")]
    [InlineData("היי {lead_name}! כאן {business}, יש לך דקה?", "רות", "שי דירות", "היי רות! כאן שי דירות, יש לך דקה?")]
    [InlineData("{business} כאן, שלום {lead_name}", "רות", "שי דירות", "שי דירות כאן, שלום רות")]
    [InlineData("שלום, אין כאן מצייני מקום.", "רות", "שי דירות", "שלום, אין כאן מצייני מקום.")]
    [InlineData("שלום { lead_name }", "רות", "שי", "שלום רות")]
    // A prefix letter before a Latin or numeric value takes a hyphen; before a Hebrew one it attaches.
    [InlineData("מדברים מ{business}", "רות", "ProSaaS", "מדברים מ-ProSaaS")]
    [InlineData("שלום ל{lead_name} מ{business}", "Dana", "שי דירות", "שלום ל-Dana משי דירות")]
    [InlineData("מדברים מ{business}", "רות", "3D הדפסות", "מדברים מ-3D הדפסות")]
    [InlineData("מדברים מ-{business}", "רות", "ProSaaS", "מדברים מ-ProSaaS")]
    [InlineData("ומ{business} באהבה", "רות", "ProSaaS", "ומ-ProSaaS באהבה")]
    // The lead's name missing: the placeholder, its prefix letters and the punctuation left dangling go.
    [InlineData("שלום {lead_name}, מדברים מ{business}.", null, "שי דירות", "שלום, מדברים משי דירות.")]
    [InlineData("שלום {lead_name}, מדברים מ{business}.", "   ", "שי דירות", "שלום, מדברים משי דירות.")]
    [InlineData("היי {lead_name}! כאן {business}", "", "שי דירות", "היי! כאן שי דירות")]
    [InlineData("{lead_name}, שלום! כאן {business}.", null, "שי דירות", "שלום! כאן שי דירות.")]
    [InlineData("שלום ל{lead_name}, כאן {business}", null, "שי דירות", "שלום, כאן שי דירות")]
    [InlineData("שלום {lead_name} {lead_name}, כאן {business}", null, "שי", "שלום, כאן שי")]
    [InlineData("מה שלומך {lead_name}?", null, "שי", "מה שלומך?")]
    [InlineData("שלום {lead_name}", null, "שי", "שלום")]
    [InlineData("{lead_name}", null, "שי", "שלום")]
    [InlineData("{lead_name}, {business}", null, null, "שלום")]
    // The default greeting when the template has none.
    [InlineData(null, "דנה", "שי דירות", "שלום דנה, מדברים משי דירות.")]
    [InlineData("  ", null, "שי דירות", "שלום, מדברים משי דירות.")]
    [InlineData(null, "Dana", "ProSaaS", "שלום Dana, מדברים מ-ProSaaS.")]
    public void Renders_the_names_in_natural_hebrew(string? template, string? leadName, string? business, string expected)
    {
        OutboundGreeting.Render(template, leadName, business).Should().Be(expected);
    }

    [Fact]
    public void Names_are_cleaned_of_control_and_direction_characters()
    {
        OutboundGreeting.Render("שלום {lead_name}.", "\u202Eדנה\u202C \n  כהן\u200F", "שי").Should().Be("שלום דנה כהן.");
        OutboundGreeting.Render("שלום {lead_name}.", "\u200E\u202A", "שי").Should().Be("שלום.");
    }

    [Fact]
    public void Values_are_not_read_as_placeholders()
    {
        OutboundGreeting.Render("שלום {lead_name}, כאן {business}", "{business}", "שי").Should().Be("שלום {business}, כאן שי");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("שלום {lead_name}, כאן {business}")]
    [InlineData("בלי מצייני מקום בכלל")]
    public void Known_placeholders_and_plain_text_pass_the_check(string? template)
    {
        OutboundGreeting.Check(template).Should().BeNull();
    }

    [Theory]
    [InlineData("שלום {name}", "outbound.greeting_placeholder_unknown", "{name}")]
    [InlineData("שלום {lead_name} מ{company} ו{company}", "outbound.greeting_placeholder_unknown", "{company}")]
    [InlineData("שלום {Lead_Name}", "outbound.greeting_placeholder_unknown", "{Lead_Name}")]
    [InlineData("שלום {}", "outbound.greeting_placeholder_unknown", "{}")]
    [InlineData("שלום {lead_name", "outbound.greeting_braces", "{lead_name}")]
    [InlineData("שלום lead_name}", "outbound.greeting_braces", "{business}")]
    [InlineData("שלום {lead_{name}}", "outbound.greeting_braces", "{lead_name}")]
    public void Unknown_placeholders_and_stray_braces_are_refused_in_hebrew(string template, string code, string mentioned)
    {
        var problem = OutboundGreeting.Check(template);

        problem.Should().NotBeNull();
        problem!.Code.Should().Be(code);
        problem.Message.Should().Contain(mentioned).And.Contain("{lead_name}").And.Contain("{business}").And.MatchRegex("[א-ת]");
        FluentActions.Invoking(() => OutboundGreeting.Render(template, "רות", "שי")).Should().Throw<DomainException>()
            .Which.Code.Should().Be(code);
    }

    [Fact]
    public void A_greeting_has_a_length_limit()
    {
        OutboundGreeting.Check(new string('א', OutboundGreeting.MaxLength)).Should().BeNull();
        OutboundGreeting.Check(new string('א', OutboundGreeting.MaxLength + 1))!.Code.Should().Be("outbound.greeting_too_long");
    }

    [Fact]
    public void The_unknown_placeholders_are_each_named_once()
    {
        OutboundGreeting.Check("{a} {b} {a}")!.Message.Should().Contain("{a}, {b}.");
    }
}
