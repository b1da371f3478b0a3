using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace ProSaaS.Infrastructure.Telephony.Twilio;

/// <summary>
/// A TwiML document built verb by verb with System.Xml.Linq, so every value is escaped by the XML writer and the
/// answer is always well-formed: <c>new TwiML().Say("שלום").Hangup().ToXml()</c>.
/// </summary>
public sealed class TwiML
{
    public const string ContentType = "application/xml";
    public const string HebrewLanguage = "he-IL";

    private readonly XElement _response = new("Response");

    public TwiML Say(string text, string language = HebrewLanguage, string? voice = null)
    {
        var say = new XElement("Say", new XAttribute("language", language), text);
        if (voice is not null)
        {
            say.Add(new XAttribute("voice", voice));
        }

        _response.Add(say);
        return this;
    }

    public TwiML Play(Uri audio)
    {
        _response.Add(new XElement("Play", audio.AbsoluteUri));
        return this;
    }

    public TwiML Pause(int seconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(seconds);
        _response.Add(new XElement("Pause", new XAttribute("length", seconds)));
        return this;
    }

    public TwiML Hangup()
    {
        _response.Add(new XElement("Hangup"));
        return this;
    }

    /// <summary>Refuses the call before it is answered (no charge): <paramref name="reason"/> is <c>busy</c> or <c>rejected</c>.</summary>
    public TwiML Reject(string reason = "rejected")
    {
        if (reason is not ("busy" or "rejected"))
        {
            throw new ArgumentOutOfRangeException(nameof(reason), reason, "A rejection is busy or rejected.");
        }

        _response.Add(new XElement("Reject", new XAttribute("reason", reason)));
        return this;
    }

    /// <summary>
    /// Connects the call to a bidirectional media stream. The URL must be <c>wss</c> and carry no query string (Twilio
    /// refuses it): values travel as parameters and arrive in the stream's <c>start.customParameters</c>.
    /// </summary>
    public TwiML ConnectStream(Uri url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        if (url.Scheme != "wss")
        {
            throw new ArgumentException("A media stream URL must use wss.", nameof(url));
        }

        if (!string.IsNullOrEmpty(url.Query))
        {
            throw new ArgumentException("A media stream URL must carry no query string; pass values as parameters.", nameof(url));
        }

        var stream = new XElement("Stream", new XAttribute("url", url.AbsoluteUri));
        foreach (var (name, value) in parameters)
        {
            stream.Add(new XElement("Parameter", new XAttribute("name", name), new XAttribute("value", value)));
        }

        _response.Add(new XElement("Connect", stream));
        return this;
    }

    /// <summary>Collects one or more keypad digits and posts them to <paramref name="action"/>.</summary>
    public TwiML GatherDigits(Uri action, int numDigits = 1, int timeoutSeconds = 5, Action<TwiML>? prompt = null)
    {
        var gather = new XElement("Gather",
            new XAttribute("input", "dtmf"),
            new XAttribute("numDigits", numDigits),
            new XAttribute("timeout", timeoutSeconds),
            new XAttribute("action", action.AbsoluteUri));
        if (prompt is not null)
        {
            var inner = new TwiML();
            prompt(inner);
            gather.Add(inner._response.Elements());
        }

        _response.Add(gather);
        return this;
    }

    public string ToXml()
    {
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), _response);
        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(new Utf8StringWriter(builder), new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            document.Save(writer);
        }

        return builder.ToString();
    }

    public override string ToString() => ToXml();

    private sealed class Utf8StringWriter(StringBuilder builder) : StringWriter(builder, System.Globalization.CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => Encoding.UTF8;
    }
}
