using System.Text;
using ProSaaS.Hosting.Telephony;
using ProSaaS.Infrastructure.Telephony.Twilio;

namespace ProSaaS.Infrastructure.Tests.Telephony;

public sealed class TwilioRequestValidatorTests
{
    private const string Token = "12345";

    private static readonly KeyValuePair<string, string>[] Parameters =
    [
        new("CallSid", "CA1234567890ABCDE"),
        new("Caller", "+14158675309"),
        new("Digits", "1234"),
        new("From", "+14158675309"),
        new("To", "+18005551212"),
    ];

    [Fact]
    public void The_official_form_vector_validates()
    {
        TwilioRequestValidator.IsValid(Token, "https://mycompany.com/myapp.php?foo=1&bar=2", Parameters, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")
            .Should().BeTrue();
    }

    [Fact]
    public void Parameter_order_does_not_matter_but_every_value_does()
    {
        TwilioRequestValidator.IsValid(Token, "https://mycompany.com/myapp.php?foo=1&bar=2", Parameters.Reverse(), "RSOYDt4T1cUTdK1PDd93/VVr8B8=")
            .Should().BeTrue();
        var tampered = Parameters.Select(p => p.Key == "To" ? new KeyValuePair<string, string>("To", "+18005551213") : p);
        TwilioRequestValidator.IsValid(Token, "https://mycompany.com/myapp.php?foo=1&bar=2", tampered, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")
            .Should().BeFalse();
        TwilioRequestValidator.IsValid(Token, "https://mycompany.com/myapp.php?foo=1&bar=2", Parameters.Append(new("Extra", "1")), "RSOYDt4T1cUTdK1PDd93/VVr8B8=")
            .Should().BeFalse();
        TwilioRequestValidator.IsValid(Token, "https://mycompany.com/myapp.php?foo=1&bar=3", Parameters, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")
            .Should().BeFalse();
    }

    [Theory]
    [InlineData("54321", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData(Token, "")]
    [InlineData(Token, null)]
    [InlineData(Token, "RSOYDt4T1cUTdK1PDd93/VVr8B9=")]
    [InlineData("", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    public void A_wrong_token_or_a_missing_or_altered_signature_fails(string token, string? signature)
    {
        TwilioRequestValidator.IsValid(token, "https://mycompany.com/myapp.php?foo=1&bar=2", Parameters, signature).Should().BeFalse();
    }

    [Fact]
    public void The_official_json_vector_validates_and_the_body_must_match_its_hash()
    {
        const string url = "https://mycompany.com/myapp.php?foo=1&bar=2&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
        var body = Encoding.UTF8.GetBytes("""{"property": "value", "boolean": true}""");
        TwilioRequestValidator.IsValidJson(Token, url, body, "a9nBmqA0ju/hNViExpshrM61xv4=").Should().BeTrue();
        TwilioRequestValidator.IsValidJson(Token, url, Encoding.UTF8.GetBytes("""{"property": "other", "boolean": true}"""), "a9nBmqA0ju/hNViExpshrM61xv4=")
            .Should().BeFalse();
        TwilioRequestValidator.IsValidJson(Token, "https://mycompany.com/myapp.php?foo=1&bar=2", body, "a9nBmqA0ju/hNViExpshrM61xv4=")
            .Should().BeFalse("without bodySHA256 there is nothing that binds the body");
    }

    [Theory]
    [InlineData("https://example.com/voice", "https://example.com:443/voice")]
    [InlineData("https://example.com:443/voice", "https://example.com/voice")]
    [InlineData("http://example.com/voice?x=1", "http://example.com:80/voice?x=1")]
    [InlineData("https://example.com/voice", "https://example.com:8443/voice")]
    public void A_signature_over_the_url_with_or_without_its_port_validates(string signedUrl, string requestUrl)
    {
        var signature = TwilioRequestValidator.Sign(Token, TwilioRequestValidator.SignedData(signedUrl, Parameters));
        TwilioRequestValidator.IsValid(Token, requestUrl, Parameters, signature).Should().BeTrue();
    }

    [Fact]
    public void Repeated_parameters_are_signed_with_all_their_values_sorted()
    {
        KeyValuePair<string, string>[] repeated = [new("StatusCallbackEvent", "ringing"), new("StatusCallbackEvent", "answered"), new("A", "1")];
        TwilioRequestValidator.SignedData("https://x.test/cb", repeated)
            .Should().Be("https://x.test/cbA1StatusCallbackEventansweredStatusCallbackEventringing");
    }
}

public sealed class TwiMLTests
{
    [Fact]
    public void A_polite_hebrew_refusal_is_well_formed_and_escaped()
    {
        var xml = new TwiML().Say("שלום, כל הנציגים תפוסים <כרגע> & נחזור אליך").Hangup().ToXml();
        xml.Should().Be(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><Response><Say language=\"he-IL\">שלום, כל הנציגים תפוסים &lt;כרגע&gt; &amp; נחזור אליך</Say><Hangup /></Response>");
    }

    [Fact]
    public void A_media_stream_carries_its_values_as_parameters_and_refuses_a_query_string_or_plain_ws()
    {
        var xml = new TwiML().ConnectStream(new Uri("wss://media.example.com/media"), [new("callId", "c-1"), new("token", "a\"b")]).ToXml();
        xml.Should().Contain("<Connect><Stream url=\"wss://media.example.com/media\"><Parameter name=\"callId\" value=\"c-1\" /><Parameter name=\"token\" value=\"a&quot;b\" /></Stream></Connect>");
        var withQuery = () => new TwiML().ConnectStream(new Uri("wss://media.example.com/media?callId=1"), []);
        withQuery.Should().Throw<ArgumentException>();
        var plain = () => new TwiML().ConnectStream(new Uri("ws://media.example.com/media"), []);
        plain.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Reject_gather_pause_and_play_render_their_attributes()
    {
        var xml = new TwiML()
            .Reject("busy")
            .GatherDigits(new Uri("https://api.example.com/twilio/digits"), 1, 5, p => p.Say("הקישו 1"))
            .Pause(2)
            .Play(new Uri("https://cdn.example.com/a.wav"))
            .ToXml();
        xml.Should().Contain("<Reject reason=\"busy\" />")
            .And.Contain("<Gather input=\"dtmf\" numDigits=\"1\" timeout=\"5\" action=\"https://api.example.com/twilio/digits\"><Say language=\"he-IL\">הקישו 1</Say></Gather>")
            .And.Contain("<Pause length=\"2\" />")
            .And.Contain("<Play>https://cdn.example.com/a.wav</Play>");
        var wrong = () => new TwiML().Reject("maybe");
        wrong.Should().Throw<ArgumentOutOfRangeException>();
    }
}
