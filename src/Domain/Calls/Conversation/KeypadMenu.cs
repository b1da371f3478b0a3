using ProSaaS.Domain.Common;

namespace ProSaaS.Domain.Calls.Conversation;

/// <summary>What a key of the business's keypad menu does.</summary>
public enum KeypadAction
{
    /// <summary>The caller wants to buy: the assistant treats the call as a new enquiry.</summary>
    Sales,

    /// <summary>The caller is an existing customer: the assistant treats the call as service.</summary>
    ExistingCustomer,

    /// <summary>The caller wants a person: a callback is requested and the call closed (<c>transferred_to_human</c>).</summary>
    HumanCallback,

    /// <summary>The menu is said again.</summary>
    Repeat,

    /// <summary>The assistant says the entry's own text (opening hours, the address, …).</summary>
    CustomText,
}

/// <summary>
/// One key of the menu. <see cref="Label"/> is how the option is named in the spoken menu, written to be followed by
/// "הקישו …" (e.g. "לשעות הפתיחה"); the built-in actions have default labels. <see cref="Text"/> is what a
/// <see cref="KeypadAction.CustomText"/> key has the assistant say, and only such a key has one.
/// </summary>
public sealed record KeypadMenuEntry(char Key, KeypadAction Action, string? Label = null, string? Text = null)
{
    /// <summary>The label said in the menu: the entry's own, or its action's default.</summary>
    public string SpokenLabel => !string.IsNullOrWhiteSpace(Label) ? Label.Trim() : Action switch
    {
        KeypadAction.Sales => "למחלקת המכירות",
        KeypadAction.ExistingCustomer => "ללקוחות קיימים",
        KeypadAction.HumanCallback => "לשיחה חוזרת מנציג",
        KeypadAction.Repeat => "לשמיעה חוזרת של התפריט",
        _ => string.Empty,
    };
}

/// <summary>A broken rule of a keypad menu: which entry (by position), which field, a stable code and a Hebrew message.</summary>
public sealed record KeypadMenuError(int Index, string Field, string Code, string Message);

/// <summary>
/// A business's keypad menu: each key of the phone (0–9, *, #) at most once, mapped to an action, with the Hebrew text that
/// announces it ("למחלקת המכירות הקישו אחת. …"). Callers on a noisy line, or who prefer not to talk to a machine, get
/// where they want with a key; the earlier system kept this beside speech for that reason.
/// </summary>
/// <remarks>
/// Keys are spoken as words (<c>אחת</c>, <c>כוכבית</c>, <c>סולמית</c>) rather than digits so that speech synthesis reads
/// them the same way every time. <see cref="Validate"/> lists every broken rule (for an input validator);
/// <see cref="Create"/> stops at the first with a <see cref="DomainException"/>.
/// </remarks>
public sealed class KeypadMenu
{
    /// <summary>The keys a menu may use.</summary>
    public const string AllowedKeys = "0123456789*#";

    public const int MaxLabelLength = 60;

    public const int MaxTextLength = 500;

    private KeypadMenu(IReadOnlyList<KeypadMenuEntry> entries)
    {
        Entries = entries;
        SpokenText = string.Join(' ', entries.Select(e => $"{e.SpokenLabel} הקישו {SpokenKey(e.Key)}."));
    }

    /// <summary>The menu the product suggests: 1 sales, 2 existing customers, 0 a person, 9 repeat.</summary>
    public static KeypadMenu Suggested { get; } = Create(
    [
        new KeypadMenuEntry('1', KeypadAction.Sales),
        new KeypadMenuEntry('2', KeypadAction.ExistingCustomer),
        new KeypadMenuEntry('0', KeypadAction.HumanCallback),
        new KeypadMenuEntry('9', KeypadAction.Repeat),
    ]);

    /// <summary>The entries, in the order they are announced.</summary>
    public IReadOnlyList<KeypadMenuEntry> Entries { get; }

    /// <summary>The menu as the assistant says it.</summary>
    public string SpokenText { get; }

    public static KeypadMenu Create(IEnumerable<KeypadMenuEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries.ToList();
        var errors = Validate(list);
        if (errors.Count > 0)
        {
            throw new DomainException(errors[0].Code, errors[0].Message);
        }

        return new KeypadMenu(list.Select(e => e with { Label = e.Label?.Trim(), Text = e.Text?.Trim() }).ToList());
    }

    /// <summary>Every rule the entries break; empty when they make a valid menu.</summary>
    public static IReadOnlyList<KeypadMenuError> Validate(IReadOnlyList<KeypadMenuEntry?>? entries)
    {
        var errors = new List<KeypadMenuError>();
        if (entries is not { Count: > 0 })
        {
            errors.Add(new KeypadMenuError(-1, "entries", "keypad.empty", "בתפריט המקשים חייבת להיות לפחות אפשרות אחת."));
            return errors;
        }

        var seen = new HashSet<char>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry is null)
            {
                errors.Add(new KeypadMenuError(i, "entry", "keypad.entry_missing", $"אפשרות {i + 1} בתפריט המקשים ריקה."));
                continue;
            }

            if (!AllowedKeys.Contains(entry.Key))
            {
                errors.Add(new KeypadMenuError(i, "key", "keypad.key_invalid", $"המקש '{entry.Key}' אינו מקש טלפון: אפשר 0–9, * או #."));
            }
            else if (!seen.Add(entry.Key))
            {
                errors.Add(new KeypadMenuError(i, "key", "keypad.key_duplicate", $"המקש '{entry.Key}' מופיע בתפריט יותר מפעם אחת."));
            }

            if (!Enum.IsDefined(entry.Action))
            {
                errors.Add(new KeypadMenuError(i, "action", "keypad.action_unknown", "הפעולה של המקש אינה מוכרת."));
                continue;
            }

            if (entry.Label is { } label && label.Trim().Length > MaxLabelLength)
            {
                errors.Add(new KeypadMenuError(i, "label", "keypad.label_too_long", $"שם האפשרות ארוך מדי (עד {MaxLabelLength} תווים)."));
            }

            if (entry.Action == KeypadAction.CustomText)
            {
                if (string.IsNullOrWhiteSpace(entry.Label))
                {
                    errors.Add(new KeypadMenuError(i, "label", "keypad.label_required", "לאפשרות עם טקסט משלה חייב להיות שם שייאמר בתפריט."));
                }

                if (string.IsNullOrWhiteSpace(entry.Text))
                {
                    errors.Add(new KeypadMenuError(i, "text", "keypad.text_required", "לאפשרות עם טקסט משלה חייב להיות טקסט שייאמר למתקשר."));
                }
                else if (entry.Text.Trim().Length > MaxTextLength)
                {
                    errors.Add(new KeypadMenuError(i, "text", "keypad.text_too_long", $"הטקסט של האפשרות ארוך מדי (עד {MaxTextLength} תווים)."));
                }
            }
            else if (entry.Text is not null)
            {
                errors.Add(new KeypadMenuError(i, "text", "keypad.text_not_allowed", "רק לאפשרות עם טקסט משלה יש טקסט שייאמר למתקשר."));
            }
        }

        return errors;
    }

    /// <summary>The entry of <paramref name="key"/>, or null when the key is not in the menu.</summary>
    public KeypadMenuEntry? Find(char key) => Entries.FirstOrDefault(e => e.Key == key);

    /// <summary>A key as it is said in Hebrew: digits in the feminine counting form (as Israelis read numbers), * and # by name.</summary>
    public static string SpokenKey(char key) => key switch
    {
        '0' => "אפס",
        '1' => "אחת",
        '2' => "שתיים",
        '3' => "שלוש",
        '4' => "ארבע",
        '5' => "חמש",
        '6' => "שש",
        '7' => "שבע",
        '8' => "שמונה",
        '9' => "תשע",
        '*' => "כוכבית",
        '#' => "סולמית",
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Not a keypad menu key."),
    };

    public override string ToString() => string.Join(' ', Entries.Select(e => $"{e.Key}→{e.Action}"));
}
