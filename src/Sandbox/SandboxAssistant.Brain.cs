using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ProSaaS.Domain.Conversations.Speech;

namespace ProSaaS.Sandbox;

/// <summary>What one response of the sandbox assistant is asked to answer.</summary>
/// <param name="Instructions">The response's own instructions (<c>response.create</c>), if any.</param>
/// <param name="CallerLines">The caller's transcripts committed since the last response, in order.</param>
/// <param name="ToolResults">The function outputs given since the last response, in order.</param>
public sealed record SandboxInput(string? Instructions, IReadOnlyList<string> CallerLines, IReadOnlyList<SandboxToolResult> ToolResults)
{
    public static SandboxInput Create(string? instructions = null) => new(instructions, [], []);

    public static SandboxInput Caller(params string[] lines) => new(null, lines, []);
}

/// <summary>A function output the client gave (<c>function_call_output</c>): the call it answers and its JSON.</summary>
public sealed record SandboxToolResult(string CallId, string Output);

/// <summary>A function the sandbox assistant calls: its call id, name and JSON arguments.</summary>
public sealed record SandboxToolCall(string CallId, string Name, string Arguments);

/// <summary>One response: what is said (in which language) and the functions called after it.</summary>
public sealed record SandboxReply(string Text, SandboxLanguage Language, IReadOnlyList<SandboxToolCall> Calls)
{
    public SandboxToolCall? Call(string name) => Calls.FirstOrDefault(c => c.Name == name);
}

/// <summary>
/// The sandbox assistant's decisions for one call: a careful receptionist as plain rules, with its state in fields (one
/// instance per session; not thread-safe). <see cref="Respond"/> takes what came since the last response — the response's
/// instructions, the caller's new transcripts, the tools' outputs — and returns what to say and which tools to call.
/// </summary>
/// <remarks>
/// <para>The order of a call: the caller's request, then each detail of <see cref="SandboxCallFacts.Fields"/> (name, phone,
/// then the others) asked, checked back ("דני כהן, הבנתי טוב?") and saved with <c>save_lead_fields</c> once confirmed; then,
/// when the session can book, a wanted time (<c>check_availability</c> for that day; the exact time free → <c>book_appointment</c>,
/// otherwise the nearest free times the answer gave are offered and the one picked is booked; a refusal's
/// <c>alternatives</c> are offered likewise); then every detail read back ("לסיכום: … הכל נכון?"); then goodbye and
/// <c>end_call</c>. A detail volunteered early is taken when its turn comes; a number keyed on the phone arrives as the
/// media host's instruction. "נציג" asks for <c>request_human</c>; the caller's goodbye is answered and ends the call.</para>
/// <para>Nothing is claimed before a tool's output confirms it: a tool call goes out silently (or with "רגע, אני בודקת ביומן")
/// and the words that depend on it come with the next response, after the output. A response whose instructions quote a
/// sentence says exactly that sentence.</para>
/// </remarks>
public sealed partial class SandboxBrain
{
    private enum Awaiting
    {
        Request,
        Field,
        Check,
        WantsBooking,
        When,
        Pick,
        Summary,
        WhatToFix,
        Callback,
        Nothing,
    }

    private readonly SandboxCallFacts _facts;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, string> _heard = new(StringComparer.Ordinal);
    private readonly HashSet<string> _saved = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SandboxToolCall> _issued = new(StringComparer.Ordinal);
    private readonly List<string> _say = [];
    private readonly List<SandboxToolCall> _calls = [];
    private Awaiting _awaiting = Awaiting.Request;
    private SandboxField? _field;
    private string? _pendingValue;
    private bool? _wantsBooking;
    private HebrewWhen? _wanted;
    private List<Slot> _offered = [];
    private string? _bookedLabel;
    private bool _humanWanted;
    private bool _humanDone;
    private bool _summaryConfirmed;
    private bool _ended;
    private bool _english;
    private bool _asked;
    private string? _lastSaid;
    private int _nextCallId;

    public SandboxBrain(SandboxCallFacts facts, TimeProvider? time = null)
    {
        _facts = facts ?? throw new ArgumentNullException(nameof(facts));
        _time = time ?? TimeProvider.System;
        _english = facts.English;
    }

    /// <summary>The details saved so far (confirmed by <c>save_lead_fields</c>), by key.</summary>
    public IReadOnlyDictionary<string, string> Saved => _saved.ToDictionary(k => k, k => _heard[k], StringComparer.Ordinal);

    /// <summary>The booking the Api confirmed (its label), if any.</summary>
    public string? Booking => _bookedLabel;

    /// <summary>Whether the call was ended (a goodbye with <c>end_call</c>).</summary>
    public bool Ended => _ended;

    /// <summary>The assistant speaks of itself as a woman (its voice follows).</summary>
    public bool Female => _facts.Female;

    public SandboxLanguage Language => _english ? SandboxLanguage.English : SandboxLanguage.Hebrew;

    private SandboxLines Lines => _english ? SandboxLines.English : SandboxLines.Hebrew(_facts.Female);

    public SandboxReply Respond(SandboxInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _say.Clear();
        _calls.Clear();
        _asked = false;

        var instructions = input.Instructions?.Trim();
        if (!string.IsNullOrEmpty(instructions) && Quoted(instructions) is { } sentence)
        {
            // Said exactly: the call's own lines (greeting, warnings, farewells, corrections).
            if (SandboxUnderstanding.IsEnglish(sentence))
            {
                _english = true;
            }
            else if (SandboxUnderstanding.IsHebrew(sentence) && !_facts.English && !_english)
            {
                _english = false;
            }

            if (sentence.Contains("נציג", StringComparison.Ordinal) && sentence.Contains('?') || sentence.Contains("call you back?", StringComparison.OrdinalIgnoreCase))
            {
                _awaiting = Awaiting.Callback;
            }

            return Finish(sentence, remember: !HebrewGoodbye.Detect(sentence));
        }

        foreach (var result in input.ToolResults)
        {
            OnToolResult(result);
        }

        var heard = false;
        foreach (var line in input.CallerLines)
        {
            heard |= OnCallerLine(line);
        }

        if (!string.IsNullOrEmpty(instructions))
        {
            OnInstructions(instructions);
        }
        else if (input.ToolResults.Count == 0 && !heard)
        {
            Ask(_lastSaid ?? (_facts.Greeting is { Length: > 0 } greeting && !_english
                ? greeting
                : string.Format(CultureInfo.InvariantCulture, Lines.Greeting, _facts.BusinessName)));
        }

        if (!_asked && _calls.Count == 0 && !_ended)
        {
            Next();
        }

        return Finish(string.Join(' ', _say), remember: true);
    }

    private SandboxReply Finish(string text, bool remember)
    {
        if (remember && text.Length > 0)
        {
            _lastSaid = text;
        }

        return new SandboxReply(text, Language, _calls.ToList());
    }

    // ---- The caller ----

    /// <summary>One caller line; false when it is not taken as speech (a hallucinated or empty transcript).</summary>
    private bool OnCallerLine(string line)
    {
        var text = line.Trim();
        var verdict = TranscriptionFilter.Evaluate(text, _english ? CallerLanguage.English : CallerLanguage.Hebrew);
        if (!verdict.Keep || _ended)
        {
            return false;
        }

        if (verdict.RequestedLanguage is { } requested)
        {
            _english = requested == CallerLanguage.English;
        }
        else if (SandboxUnderstanding.IsEnglish(text))
        {
            _english = true;
        }
        else if (SandboxUnderstanding.IsHebrew(text))
        {
            _english = false;
        }

        if (HebrewGoodbye.Detect(text) && _awaiting is not (Awaiting.Field or Awaiting.Check) || IsPlainGoodbye(text))
        {
            Say(Lines.CallerFarewell);
            EndCall("user_goodbye");
            return true;
        }

        if (SandboxUnderstanding.WantsHuman(text) && _awaiting != Awaiting.Field && !_humanDone)
        {
            _humanWanted = true;
            Call(SandboxTools.RequestHuman, new JsonObject { ["reason"] = Lines.HumanReason });
            return true;
        }

        if (SandboxUnderstanding.WantsBooking(text) && _wantsBooking is null && _bookedLabel is null)
        {
            _wantsBooking = true;
        }

        switch (_awaiting)
        {
            case Awaiting.Field when _field is not null:
                Heard(_field, text, keyed: false);
                break;
            case Awaiting.Check when _field is not null:
                OnCheckAnswer(text);
                break;
            case Awaiting.WantsBooking:
                OnWantsBooking(text);
                break;
            case Awaiting.When:
                OnWhen(text, askAgain: true);
                break;
            case Awaiting.Pick:
                OnPick(text);
                break;
            case Awaiting.Summary:
                OnSummaryAnswer(text);
                break;
            case Awaiting.WhatToFix:
                OnWhatToFix(text);
                break;
            case Awaiting.Callback:
                _awaiting = Awaiting.Nothing;
                if (HebrewConfirmation.Detect(text, answersQuestion: true) == ConfirmationKind.Confirmed)
                {
                    _humanWanted = true;
                    Call(SandboxTools.RequestHuman, new JsonObject { ["reason"] = Lines.HumanReason });
                }

                break;
            default:
                // An opening request, or words with no question pending: take what they volunteer.
                Volunteered(text);
                break;
        }

        return true;
    }

    private static bool IsPlainGoodbye(string text) =>
        Regex.IsMatch(text.Trim(), @"^(ביי|להתראות|bye|goodbye)[\s!.,]*$", RegexOptions.IgnoreCase);

    /// <summary>Details and a wanted time said before they were asked for; kept for when their turn comes.</summary>
    private void Volunteered(string text)
    {
        if (SandboxUnderstanding.Phone(text) is { } phone && _facts.Fields.FirstOrDefault(f => f.Kind == SandboxFieldKind.Phone) is { } phoneField
            && !_saved.Contains(phoneField.Key))
        {
            _heard[phoneField.Key] = phone;
        }

        if (NameLeadIn().IsMatch(text) && SandboxUnderstanding.Name(text) is { } name
            && _facts.Fields.FirstOrDefault(f => f.Kind == SandboxFieldKind.Name) is { } nameField && !_saved.Contains(nameField.Key))
        {
            _heard[nameField.Key] = name;
        }

        if (_wantsBooking == true && _wanted is null && SandboxUnderstanding.When(text, _time.GetUtcNow(), _facts.Zone) is { } when)
        {
            _wanted = when;
        }

        if (_awaiting == Awaiting.Request)
        {
            _awaiting = Awaiting.Nothing;
            Say(Lines.Gladly);
        }
    }

    private void Heard(SandboxField field, string text, bool keyed)
    {
        var value = Read(field, text);
        if (value is null)
        {
            _attempts[field.Key] = _attempts.GetValueOrDefault(field.Key) + 1;
            if (_attempts[field.Key] >= 4)
            {
                Skip(field);
                return;
            }

            Ask(field, again: true);
            return;
        }

        Check(field, value, keyed);
    }

    private void Check(SandboxField field, string value, bool keyed)
    {
        _field = field;
        _pendingValue = value;
        _awaiting = Awaiting.Check;
        Ask(string.Format(CultureInfo.InvariantCulture, keyed ? Lines.CheckKeyed : Lines.Check, Spoken(field, value)));
    }

    private void OnCheckAnswer(string text)
    {
        var field = _field!;
        var kind = HebrewConfirmation.Detect(text, answersQuestion: true);
        if (kind == ConfirmationKind.Confirmed)
        {
            _heard[field.Key] = _pendingValue!;
            _awaiting = Awaiting.Nothing;
            Call(SandboxTools.SaveLeadFields, new JsonObject { [field.Key] = ToolValue(field, _pendingValue!) });
            return;
        }

        // "לא, כהנא" / a corrected value said instead of a yes: checked again; a bare no asks for the right value.
        var correction = kind is ConfirmationKind.Denied or ConfirmationKind.Corrected ? WithoutNegation(text) : text;
        var value = correction.Length > 0 ? Read(field, correction) : null;
        if (value is not null && value != _pendingValue && (kind != ConfirmationKind.Unclear || field.Kind != SandboxFieldKind.Text || !HebrewConfirmation.IsConfirmed(text)))
        {
            Check(field, value, keyed: false);
            return;
        }

        if (kind == ConfirmationKind.Unclear && value is null)
        {
            Check(field, _pendingValue!, keyed: false);
            return;
        }

        _awaiting = Awaiting.Field;
        _heard.Remove(field.Key);
        Ask(string.Format(CultureInfo.InvariantCulture, Lines.AskCorrect,
            field.Kind == SandboxFieldKind.Phone ? Lines.The(_english ? "phone number" : "מספר") : Lines.The(Label(field))));
    }

    private void OnWantsBooking(string text)
    {
        var kind = HebrewConfirmation.Detect(text, answersQuestion: true);
        var when = SandboxUnderstanding.When(text, _time.GetUtcNow(), _facts.Zone);
        if (kind == ConfirmationKind.Denied && when is null)
        {
            _wantsBooking = false;
            _awaiting = Awaiting.Nothing;
            return;
        }

        if (kind == ConfirmationKind.Confirmed || when is not null || SandboxUnderstanding.WantsBooking(text))
        {
            _wantsBooking = true;
            _wanted = when;
            _awaiting = Awaiting.Nothing;
            return;
        }

        Ask(Lines.WantsBooking);
    }

    private void OnWhen(string text, bool askAgain)
    {
        if (SandboxUnderstanding.When(text, _time.GetUtcNow(), _facts.Zone) is { } when)
        {
            _wanted = when;
            _awaiting = Awaiting.Nothing;
            return;
        }

        if (HebrewConfirmation.Detect(text, answersQuestion: true) == ConfirmationKind.Denied)
        {
            _wantsBooking = false;
            _awaiting = Awaiting.Nothing;
            return;
        }

        if (askAgain)
        {
            Ask(Lines.AskWhenAgain);
        }
    }

    private void OnPick(string text)
    {
        var pick = Pick(text);
        if (pick is not null)
        {
            _awaiting = Awaiting.Nothing;
            Book(pick);
            return;
        }

        var kind = HebrewConfirmation.Detect(text, answersQuestion: true);
        if (kind == ConfirmationKind.Confirmed && _offered.Count == 1)
        {
            _awaiting = Awaiting.Nothing;
            Book(_offered[0]);
            return;
        }

        if (SandboxUnderstanding.When(text, _time.GetUtcNow(), _facts.Zone) is { } other)
        {
            // Another time altogether: look at that day.
            _wanted = other;
            _offered = [];
            _awaiting = Awaiting.Nothing;
            return;
        }

        if (kind == ConfirmationKind.Denied)
        {
            _wanted = null;
            _offered = [];
            _awaiting = Awaiting.When;
            Ask(Lines.AskWhen);
            return;
        }

        Ask(string.Format(CultureInfo.InvariantCulture, Lines.WhichOne, Lines.List(_offered.Select(SlotLabel).ToList())));
    }

    private Slot? Pick(string text)
    {
        if (_offered.Count == 0)
        {
            return null;
        }

        if (SandboxUnderstanding.Ordinal(text, _offered.Count) is { } index)
        {
            return _offered[index];
        }

        var said = HebrewText.Normalize(text);
        var byLabel = _offered.Where(s => said.Contains(s.Time, StringComparison.Ordinal)).ToList();
        if (byLabel.Count == 1)
        {
            return byLabel[0];
        }

        if (SandboxUnderstanding.When(text, _time.GetUtcNow(), _facts.Zone) is { } when)
        {
            var time = when.Local.ToString("HH:mm", CultureInfo.InvariantCulture);
            var date = when.Local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (when.TimeOfDay == TimeOfDayPrecision.Exact)
            {
                var sameTime = _offered.Where(s => s.Time == time).ToList();
                if (sameTime.FirstOrDefault(s => s.Date == date) is { } exact)
                {
                    return exact;
                }

                if (sameTime.Count == 1)
                {
                    return sameTime[0];
                }
            }
            else if (_offered.Where(s => s.Date == date).ToList() is { Count: 1 } onDay)
            {
                return onDay[0];
            }
        }

        return null;
    }

    private void OnSummaryAnswer(string text)
    {
        var kind = HebrewConfirmation.Detect(text, answersQuestion: true);
        if (kind == ConfirmationKind.Confirmed)
        {
            _summaryConfirmed = true;
            _awaiting = Awaiting.Nothing;
            return;
        }

        if (kind is ConfirmationKind.Denied or ConfirmationKind.Corrected)
        {
            var rest = WithoutNegation(text);
            if (rest.Length > 0 && FixFrom(rest))
            {
                return;
            }

            _awaiting = Awaiting.WhatToFix;
            Ask(Lines.WhatToFix);
            return;
        }

        if (FixFrom(text))
        {
            return;
        }

        _awaiting = Awaiting.Summary;
        Ask(_lastSaid ?? Lines.WhatToFix);
    }

    private void OnWhatToFix(string text)
    {
        if (!FixFrom(text))
        {
            // The name is what is most often misheard.
            var name = _facts.Fields.FirstOrDefault(f => f.Kind == SandboxFieldKind.Name) ?? _facts.Fields.FirstOrDefault();
            if (name is null)
            {
                _summaryConfirmed = true;
                _awaiting = Awaiting.Nothing;
                return;
            }

            Reopen(name);
            Ask(name, again: false);
        }
    }

    /// <summary>A correction named in the caller's words: a new phone, an option, or the detail's name; true when one was taken.</summary>
    private bool FixFrom(string text)
    {
        foreach (var field in _facts.Fields)
        {
            var value = field.Kind switch
            {
                SandboxFieldKind.Phone => SandboxUnderstanding.Phone(text),
                SandboxFieldKind.Select => SandboxUnderstanding.Option(text, field.Options),
                _ => null,
            };
            if (value is not null && value != _heard.GetValueOrDefault(field.Key))
            {
                Reopen(field);
                Check(field, value, keyed: false);
                return true;
            }
        }

        var said = HebrewText.Tokenize(text);
        foreach (var field in _facts.Fields)
        {
            var names = field.Kind switch
            {
                SandboxFieldKind.Name => new[] { "שמ", "השמ", "name" },
                SandboxFieldKind.Phone => ["טלפונ", "הטלפונ", "מספר", "המספר", "phone", "number"],
                _ => HebrewText.Tokenize(field.Label),
            };
            if (said.Any(w => names.Contains(w) || names.Contains(HebrewText.WithoutVav(w))))
            {
                Reopen(field);
                if (Read(field, text) is { } value && field.Kind != SandboxFieldKind.Name)
                {
                    Check(field, value, keyed: false);
                }
                else
                {
                    Ask(field, again: false);
                }

                return true;
            }
        }

        return false;
    }

    private void Reopen(SandboxField field)
    {
        _saved.Remove(field.Key);
        _heard.Remove(field.Key);
        _attempts.Remove(field.Key);
        _summaryConfirmed = false;
    }

    // ---- The media host's instructions ----

    private void OnInstructions(string instructions)
    {
        if (instructions.Contains("הקיש", StringComparison.Ordinal) || instructions.Contains("keyed", StringComparison.OrdinalIgnoreCase))
        {
            var digits = new string(instructions.Where(char.IsAsciiDigit).ToArray());
            var phone = _facts.Fields.FirstOrDefault(f => f.Kind == SandboxFieldKind.Phone);
            if (digits.Length >= 9 && phone is not null)
            {
                Check(phone, digits, keyed: true);
                return;
            }
        }

        if (instructions.Contains("בתפריט המקשים", StringComparison.Ordinal))
        {
            var choice = instructions[(instructions.IndexOf(':', StringComparison.Ordinal) + 1)..];
            if (SandboxUnderstanding.WantsHuman(choice) && !_humanDone)
            {
                _humanWanted = true;
                Call(SandboxTools.RequestHuman, new JsonObject { ["reason"] = Lines.HumanReason });
                return;
            }

            if (SandboxUnderstanding.WantsBooking(choice) || choice.Contains("מכירות", StringComparison.Ordinal))
            {
                _wantsBooking ??= _facts.CanBook ? true : null;
            }

            if (_awaiting == Awaiting.Request)
            {
                _awaiting = Awaiting.Nothing;
            }

            return;
        }

        if (Regex.IsMatch(instructions, @"\bEnglish\b|באנגלית", RegexOptions.IgnoreCase) && !instructions.Contains("עברית", StringComparison.Ordinal))
        {
            _english = true;
        }

        if (_asked || _calls.Count > 0)
        {
            return;
        }

        if (instructions.Contains("אין סיבה לסיים", StringComparison.Ordinal))
        {
            // The end was refused (too early): the call goes on.
            _ended = false;
            if (_awaiting is Awaiting.Nothing or Awaiting.Request)
            {
                _awaiting = Awaiting.Nothing;
                Ask(Lines.AnythingElse);
                return;
            }
        }

        // Cut off by noise ("נקטעת"), or anything else: the question pending is asked again; with none, the call moves on.
        if (_awaiting is not (Awaiting.Nothing or Awaiting.Request) && _lastSaid is not null)
        {
            Ask(_lastSaid);
        }
    }

    // ---- The tools' answers ----

    private void OnToolResult(SandboxToolResult result)
    {
        if (!_issued.Remove(result.CallId, out var call))
        {
            return;
        }

        JsonObject output;
        try
        {
            output = JsonNode.Parse(result.Output) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            output = [];
        }

        var ok = output["ok"]?.GetValueKind() == JsonValueKind.True;
        var spoken = output["spoken"]?.GetValueKind() == JsonValueKind.String ? output["spoken"]!.GetValue<string>() : null;
        var error = output["error"]?.GetValueKind() == JsonValueKind.String ? output["error"]!.GetValue<string>() : null;
        var arguments = JsonNode.Parse(call.Arguments) as JsonObject ?? [];
        switch (call.Name)
        {
            case SandboxTools.SaveLeadFields:
                OnSaved(arguments, ok, error, spoken);
                break;
            case SandboxTools.CheckAvailability:
                OnAvailability(output, ok, spoken);
                break;
            case SandboxTools.BookAppointment:
                OnBooked(output, ok, error, spoken);
                break;
            case SandboxTools.RequestHuman:
                if (ok)
                {
                    _humanDone = true;
                    _humanWanted = false;
                    _wantsBooking = _bookedLabel is null ? false : _wantsBooking;
                    Say(Lines.HumanDone);
                }
                else if (error == "lead_required")
                {
                    // The number first; the request is made again once it is saved.
                    if (_facts.Fields.FirstOrDefault(f => f.Kind == SandboxFieldKind.Phone) is { } phone)
                    {
                        Reopen(phone);
                    }
                }
                else
                {
                    _humanWanted = false;
                    _humanDone = true;
                    Say(spoken ?? Lines.HumanDone);
                }

                break;
            case SandboxTools.EndCall:
                break;
        }
    }

    private void OnSaved(JsonObject arguments, bool ok, string? error, string? spoken)
    {
        var keys = arguments.Select(p => p.Key).ToList();
        if (ok)
        {
            _saved.UnionWith(keys);
            return;
        }

        var field = _facts.Fields.FirstOrDefault(f => keys.Contains(f.Key));
        if (field is null)
        {
            return;
        }

        _heard.Remove(field.Key);
        _attempts[field.Key] = _attempts.GetValueOrDefault(field.Key) + 1;
        if (_attempts[field.Key] >= 4 || error is "unknown_field")
        {
            Skip(field);
            return;
        }

        _field = field;
        _awaiting = Awaiting.Field;
        if (spoken is { Length: > 0 } && !_english)
        {
            Ask(spoken);
        }
        else
        {
            Ask(field, again: true);
        }
    }

    private void OnAvailability(JsonObject output, bool ok, string? spoken)
    {
        var slots = Slots(output["slots"]);
        if (!ok)
        {
            _wanted = null;
            _awaiting = Awaiting.When;
            Ask(spoken is { Length: > 0 } && !_english ? spoken + " " + Lines.AskWhen : Lines.AskWhen);
            return;
        }

        if (_wanted is { TimeOfDay: TimeOfDayPrecision.Exact } wanted)
        {
            var date = wanted.Local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var time = wanted.Local.ToString("HH:mm", CultureInfo.InvariantCulture);
            if (slots.FirstOrDefault(s => s.Date == date && s.Time == time) is { } free)
            {
                Book(free);
                return;
            }
        }

        if (slots.Count == 0)
        {
            if (Slots(new JsonArray(output["nextAvailable"]?.DeepClone())) is [var next])
            {
                Offer([next], notFree: _wanted is not null);
                return;
            }

            _wantsBooking = false;
            _wanted = null;
            Say(Lines.NoneFree);
            return;
        }

        Offer(Nearest(slots, _wanted), notFree: _wanted?.TimeOfDay == TimeOfDayPrecision.Exact);
    }

    private void OnBooked(JsonObject output, bool ok, string? error, string? spoken)
    {
        if (ok && output["appointmentId"] is not null)
        {
            _bookedLabel = _english ? SlotLabel(Slots(new JsonArray(output.DeepClone())).FirstOrDefault() ?? new Slot("", "", "")) : output["label"]?.ToString() ?? "";
            _offered = [];
            Say(string.Format(CultureInfo.InvariantCulture, Lines.Booked, _bookedLabel));
            return;
        }

        if (error == "lead_required")
        {
            // The details first (their turn comes before the booking); the wanted time is kept.
            foreach (var field in _facts.Fields.Where(f => f.Kind is SandboxFieldKind.Name or SandboxFieldKind.Phone))
            {
                _saved.Remove(field.Key);
            }

            return;
        }

        var alternatives = Slots(output["alternatives"]);
        if (alternatives.Count > 0)
        {
            Offer(Nearest(alternatives, _wanted), notFree: true);
            return;
        }

        _wanted = null;
        _awaiting = Awaiting.When;
        Ask((spoken is { Length: > 0 } && !_english ? spoken + " " : "") + Lines.AskWhen);
    }

    private void Offer(List<Slot> slots, bool notFree)
    {
        _offered = slots;
        _awaiting = Awaiting.Pick;
        if (notFree)
        {
            Say(Lines.NotFree);
        }

        var labels = slots.Select(SlotLabel).ToList();
        Ask(labels.Count == 1
            ? string.Format(CultureInfo.InvariantCulture, Lines.OfferOne, labels[0])
            : string.Format(CultureInfo.InvariantCulture, Lines.Offer, Lines.List(labels)));
    }

    private void Book(Slot slot) =>
        Call(SandboxTools.BookAppointment, new JsonObject { ["date"] = slot.Date, ["time"] = slot.Time });

    /// <summary>Up to three slots nearest the wanted time, in time order (the first three when no time was wanted).</summary>
    private static List<Slot> Nearest(List<Slot> slots, HebrewWhen? wanted)
    {
        if (wanted is null || wanted.TimeOfDay == TimeOfDayPrecision.None && slots.All(s => s.Date == slots[0].Date))
        {
            return slots.Take(3).ToList();
        }

        var target = wanted.Local;
        return slots.OrderBy(s => Math.Abs((s.Local - target).TotalMinutes)).Take(3).OrderBy(s => s.Local).ToList();
    }

    private static List<Slot> Slots(JsonNode? node)
    {
        var slots = new List<Slot>();
        if (node is not JsonArray array)
        {
            return slots;
        }

        foreach (var item in array.OfType<JsonObject>())
        {
            if (item["date"]?.ToString() is { } date && item["time"]?.ToString() is { } time)
            {
                slots.Add(new Slot(date, time, item["label"]?.ToString() ?? $"{date} {time}"));
            }
        }

        return slots;
    }

    private string SlotLabel(Slot slot)
    {
        if (!_english)
        {
            return slot.Label;
        }

        if (!DateOnly.TryParseExact(slot.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return slot.Label;
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(_time.GetUtcNow(), _facts.Zone).DateTime);
        var day = (date.DayNumber - today.DayNumber) switch
        {
            0 => "today",
            1 => "tomorrow",
            > 1 and < 7 => date.DayOfWeek.ToString(),
            _ => date.ToString("dddd d MMMM", CultureInfo.InvariantCulture),
        };
        return $"{day} at {slot.Time}";
    }

    // ---- What comes next ----

    private void Next()
    {
        if (_ended || _calls.Count > 0)
        {
            return;
        }

        if (_awaiting is Awaiting.Field or Awaiting.Check or Awaiting.Pick or Awaiting.When or Awaiting.WhatToFix or Awaiting.Summary
            && _say.Count > 0)
        {
            return;
        }

        if (_humanWanted && !_humanDone && PhoneKnown)
        {
            Call(SandboxTools.RequestHuman, new JsonObject { ["reason"] = Lines.HumanReason });
            return;
        }

        var closing = _humanDone;
        foreach (var field in _facts.Fields)
        {
            if (_saved.Contains(field.Key) || _attempts.GetValueOrDefault(field.Key) < 0 || closing && field.Kind != SandboxFieldKind.Phone)
            {
                continue;
            }

            if (closing && PhoneKnown)
            {
                continue;
            }

            if (_heard.TryGetValue(field.Key, out var value))
            {
                Check(field, value, keyed: false);
            }
            else
            {
                Ask(field, again: false);
            }

            return;
        }

        if (_facts.CanBook && _bookedLabel is null && _wantsBooking != false && !closing)
        {
            if (_wantsBooking is null)
            {
                _awaiting = Awaiting.WantsBooking;
                Ask(Lines.WantsBooking);
                return;
            }

            if (_wanted is null)
            {
                _awaiting = Awaiting.When;
                Ask(Lines.AskWhen);
                return;
            }

            var arguments = new JsonObject { ["date"] = _wanted.Local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["max_results"] = 10 };
            _awaiting = Awaiting.Nothing;
            Say(Lines.Checking);
            Call(SandboxTools.CheckAvailability, arguments);
            return;
        }

        if (!_summaryConfirmed && (_saved.Count > 0 || _bookedLabel is not null))
        {
            _awaiting = Awaiting.Summary;
            Ask(string.Format(CultureInfo.InvariantCulture, Lines.Summary, SummaryText()));
            return;
        }

        Say(string.Format(CultureInfo.InvariantCulture, Lines.Farewell, _facts.BusinessName));
        EndCall("assistant_ended");
    }

    private bool PhoneKnown =>
        _facts.CallerNumberKnown || _facts.Fields.Any(f => f.Kind == SandboxFieldKind.Phone && _saved.Contains(f.Key));

    private string SummaryText()
    {
        var parts = new List<string>();
        foreach (var field in _facts.Fields.Where(f => _saved.Contains(f.Key)))
        {
            var value = Spoken(field, _heard[field.Key]);
            parts.Add(field.Kind switch
            {
                SandboxFieldKind.Name => value,
                SandboxFieldKind.Phone => $"{Lines.Phone} {value}",
                _ => $"{Label(field)}: {value}",
            });
        }

        var text = string.Join(", ", parts);
        if (_bookedLabel is not null)
        {
            text += (text.Length > 0 ? _english ? ", and " : ", " : "") + string.Format(CultureInfo.InvariantCulture, Lines.Appointment, _bookedLabel);
        }

        return text;
    }

    private void Ask(SandboxField field, bool again)
    {
        _field = field;
        _awaiting = Awaiting.Field;
        var lines = Lines;
        if (again)
        {
            Ask(field.Kind == SandboxFieldKind.Phone
                ? lines.AskPhoneAgain
                : string.Format(CultureInfo.InvariantCulture, lines.AskAgain, lines.The(Label(field))));
            if (field.Kind == SandboxFieldKind.Select)
            {
                Ask(string.Format(CultureInfo.InvariantCulture, lines.AskSelect, lines.The(Label(field)), lines.List(field.Options)));
            }

            return;
        }

        Ask(field.Kind switch
        {
            SandboxFieldKind.Name => lines.AskName,
            SandboxFieldKind.Phone => lines.AskPhone,
            SandboxFieldKind.Select => string.Format(CultureInfo.InvariantCulture, lines.AskSelect, lines.The(Label(field)), lines.List(field.Options)),
            _ => string.Format(CultureInfo.InvariantCulture, lines.AskOther, lines.The(Label(field))),
        });
    }

    /// <summary>A detail that could not be had after four tries is left for a person: its turn is over.</summary>
    private void Skip(SandboxField field)
    {
        _attempts[field.Key] = -1;
        _awaiting = Awaiting.Nothing;
        _field = null;
    }

    private string Label(SandboxField field) => _english && HebrewText.ContainsHebrew(field.Label) ? field.Key.Replace('_', ' ') : field.Label;

    private string? Read(SandboxField field, string text) => field.Kind switch
    {
        SandboxFieldKind.Name => SandboxUnderstanding.Name(text),
        SandboxFieldKind.Phone => SandboxUnderstanding.Phone(text),
        SandboxFieldKind.Select => SandboxUnderstanding.Option(text, field.Options),
        SandboxFieldKind.Number => SandboxUnderstanding.Number(text)?.ToString(CultureInfo.InvariantCulture),
        SandboxFieldKind.Boolean => HebrewConfirmation.Detect(text, answersQuestion: true) switch
        {
            ConfirmationKind.Confirmed => "true",
            ConfirmationKind.Denied => "false",
            _ => null,
        },
        SandboxFieldKind.Date => SandboxUnderstanding.When(text, _time.GetUtcNow(), _facts.Zone)?.Local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => SandboxUnderstanding.Text(text),
    };

    private string Spoken(SandboxField field, string value) => field.Kind switch
    {
        SandboxFieldKind.Phone when value.Length == 10 => $"{value[..3]}-{value[3..6]}-{value[6..]}",
        SandboxFieldKind.Phone when value.Length == 9 => $"{value[..2]}-{value[2..5]}-{value[5..]}",
        SandboxFieldKind.Boolean => value == "true" ? _english ? "yes" : "כן" : _english ? "no" : "לא",
        _ => value,
    };

    private static JsonNode ToolValue(SandboxField field, string value) => field.Kind switch
    {
        SandboxFieldKind.Number when decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        SandboxFieldKind.Boolean => JsonValue.Create(value == "true"),
        _ => JsonValue.Create(value),
    };

    /// <summary>The words after the opening "no" ("לא, כהנא" → "כהנא"; "לא נכון, השם הוא דני כהנא" → "השם הוא דני כהנא").</summary>
    private static string WithoutNegation(string text) =>
        Regex.Replace(text.Trim(), @"^(לא נכון|לא בדיוק|ממש לא|לא|no,? that's wrong|no|nope|wrong)[\s,.!:-]*(אבל|but)?[\s,]*", "", RegexOptions.IgnoreCase).Trim();

    /// <summary>Says a question (or anything the caller is to answer): nothing more is added to the response.</summary>
    private void Ask(string text)
    {
        Say(text);
        _asked = true;
    }

    private void Say(string text)
    {
        if (text.Length > 0)
        {
            _say.Add(text);
        }
    }

    private void Call(string name, JsonObject arguments)
    {
        if (!_facts.Tools.Contains(name))
        {
            if (name == SandboxTools.RequestHuman)
            {
                _humanWanted = false;
                _humanDone = true;
                Say(Lines.HumanDone);
            }

            return;
        }

        var call = new SandboxToolCall($"call_sbx_{++_nextCallId:D3}", name, arguments.ToJsonString());
        _issued[call.CallId] = call;
        _calls.Add(call);
    }

    private void EndCall(string reason)
    {
        _ended = true;
        _awaiting = Awaiting.Nothing;
        Call(SandboxTools.EndCall, new JsonObject { ["reason"] = reason });
    }

    /// <summary>The sentence a response's instructions quote to be said word for word (the media host's <c>SayAsync</c>).</summary>
    public static string? Quoted(string instructions)
    {
        if (!(instructions.Contains("מילה במילה", StringComparison.Ordinal) || instructions.Contains("word for word", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var first = instructions.IndexOf('"', StringComparison.Ordinal);
        var last = instructions.LastIndexOf('"');
        return first >= 0 && last > first + 1 ? instructions[(first + 1)..last] : null;
    }

    [GeneratedRegex(@"קוראים לי|שמי|השם שלי|my name|this is|I'm|I am", RegexOptions.IgnoreCase)]
    private static partial Regex NameLeadIn();

    private sealed record Slot(string Date, string Time, string Label)
    {
        public DateTime Local => DateTime.TryParseExact($"{Date} {Time}", "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at
            : DateTime.MaxValue;
    }
}
