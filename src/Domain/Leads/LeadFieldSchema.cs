using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;
using ProSaaS.Domain.Common.PhoneNumbers;

namespace ProSaaS.Domain.Leads;

public enum LeadFieldType
{
    /// <summary>Free text (a city, a short answer).</summary>
    Text,

    /// <summary>Longer free text (what else the caller said).</summary>
    LongText,

    /// <summary>A number; thousands separators and a currency sign are accepted and dropped ("2,500,000 ₪" → 2500000).</summary>
    Number,

    /// <summary>An Israeli phone number, stored in E.164.</summary>
    Phone,

    Email,

    /// <summary>One of <see cref="LeadFieldDefinition.Options"/>.</summary>
    Select,

    /// <summary>A calendar date, stored as yyyy-MM-dd (dd/MM/yyyy is accepted).</summary>
    Date,

    /// <summary>Yes or no, stored as true/false (כן/לא accepted).</summary>
    Boolean,
}

/// <summary>
/// A detail the business wants about each lead: what the assistant asks for, what the dashboard shows and what
/// the API accepts. <see cref="Key"/> is what a lead's fields are stored under; <see cref="Label"/> is what people see.
/// </summary>
public sealed record LeadFieldDefinition(
    string Key,
    string Label,
    LeadFieldType Type,
    IReadOnlyList<string>? Options = null,
    bool CollectOnCall = true)
{
    public bool Equals(LeadFieldDefinition? other) =>
        other is not null && Key == other.Key && Label == other.Label && Type == other.Type && CollectOnCall == other.CollectOnCall
        && (Options ?? []).SequenceEqual(other.Options ?? []);

    public override int GetHashCode() => HashCode.Combine(Key, Label, Type, CollectOnCall);
}

/// <summary>Validates a business's field schema and normalises a lead's field values against it.</summary>
public static partial class LeadFieldSchema
{
    public const int MaxFields = 50;
    public const int MaxKeyLength = 40;
    public const int MaxLabelLength = 60;
    public const int MaxOptions = 50;
    public const int MaxOptionLength = 60;
    public const int MaxTextLength = 500;
    public const int MaxLongTextLength = 2000;

    /// <summary>What a real-estate office asks a caller: the details the assistant collects by default.</summary>
    public static IReadOnlyList<LeadFieldDefinition> Defaults { get; } =
    [
        new("city", "עיר / אזור", LeadFieldType.Text),
        new("property_type", "סוג נכס", LeadFieldType.Select, ["דירה", "דירת גן", "פנטהאוז", "בית פרטי", "משרד", "חנות", "מגרש"]),
        new("budget", "תקציב (₪)", LeadFieldType.Number),
        new("rooms", "מספר חדרים", LeadFieldType.Number),
        new("details", "פרטים נוספים", LeadFieldType.LongText),
    ];

    public static bool IsValidKey(string? key) => key is not null && KeyPattern().IsMatch(key);

    public static bool IsValidDefinition(LeadFieldDefinition? field) =>
        field is not null
        && IsValidKey(field.Key)
        && !string.IsNullOrWhiteSpace(field.Label) && field.Label.Length <= MaxLabelLength
        && Enum.IsDefined(field.Type)
        && (field.Type == LeadFieldType.Select
            ? field.Options is { Count: > 0 and <= MaxOptions } options
              && options.All(o => !string.IsNullOrWhiteSpace(o) && o.Trim().Length <= MaxOptionLength)
              && options.Select(o => o.Trim()).Distinct(StringComparer.Ordinal).Count() == options.Count
            : field.Options is null || field.Options.Count == 0);

    public static bool HasUniqueKeys(IReadOnlyList<LeadFieldDefinition?> fields) =>
        fields.Where(f => f is not null).Select(f => f!.Key).Distinct(StringComparer.Ordinal).Count() == fields.Count(f => f is not null);

    public static bool IsValidSchema(IReadOnlyList<LeadFieldDefinition?>? fields) =>
        fields is not null && fields.Count <= MaxFields && fields.All(IsValidDefinition) && HasUniqueKeys(fields);

    /// <summary>
    /// The values as stored: trimmed and in each type's canonical form. Every key that is not in the schema and every
    /// value that does not fit its type is reported under <c>fields.&lt;key&gt;</c> with a Hebrew message; blank
    /// values are dropped (they mean "not known").
    /// </summary>
    public static (IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string> Errors) Normalize(
        IReadOnlyList<LeadFieldDefinition> schema, IReadOnlyDictionary<string, string>? values)
    {
        var normalised = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (values is null)
        {
            return (normalised, errors);
        }

        foreach (var (key, raw) in values)
        {
            var field = schema.FirstOrDefault(f => string.Equals(f.Key, key, StringComparison.Ordinal));
            if (field is null)
            {
                errors[key] = $"השדה '{key}' אינו מוגדר אצל העסק. שדות אפשריים: {string.Join(", ", schema.Select(f => f.Key))}.";
                continue;
            }

            if (string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }

            if (TryNormalizeValue(field, raw.Trim(), out var value, out var error))
            {
                normalised[key] = value;
            }
            else
            {
                errors[key] = error;
            }
        }

        return (normalised, errors);
    }

    public static bool TryNormalizeValue(LeadFieldDefinition field, string value, out string normalised, out string error)
    {
        normalised = value;
        error = string.Empty;
        switch (field.Type)
        {
            case LeadFieldType.Text when value.Length > MaxTextLength:
            case LeadFieldType.LongText when value.Length > MaxLongTextLength:
                error = $"{field.Label}: הערך ארוך מדי (עד {(field.Type == LeadFieldType.Text ? MaxTextLength : MaxLongTextLength)} תווים).";
                return false;
            case LeadFieldType.Text:
            case LeadFieldType.LongText:
                return true;
            case LeadFieldType.Number:
            {
                var cleaned = NumberNoise().Replace(value, string.Empty);
                if (decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                {
                    normalised = number.ToString("0.############", CultureInfo.InvariantCulture);
                    return true;
                }

                error = $"{field.Label}: יש להזין מספר.";
                return false;
            }

            case LeadFieldType.Phone:
                if (IsraeliPhoneNumber.TryNormalize(value, out var e164))
                {
                    normalised = e164;
                    return true;
                }

                error = $"{field.Label}: מספר הטלפון אינו תקין.";
                return false;
            case LeadFieldType.Email:
                if (value.Length <= 320 && MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.', StringComparison.Ordinal))
                {
                    normalised = value;
                    return true;
                }

                error = $"{field.Label}: כתובת הדוא\"ל אינה תקינה.";
                return false;
            case LeadFieldType.Select:
            {
                var option = field.Options?.FirstOrDefault(o => string.Equals(o.Trim(), value, StringComparison.OrdinalIgnoreCase));
                if (option is not null)
                {
                    normalised = option.Trim();
                    return true;
                }

                error = $"{field.Label}: יש לבחור אחת מהאפשרויות: {string.Join(", ", field.Options ?? [])}.";
                return false;
            }

            case LeadFieldType.Date:
                if (DateOnly.TryParseExact(value, ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy", "dd.MM.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    normalised = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    return true;
                }

                error = $"{field.Label}: יש להזין תאריך (dd/MM/yyyy).";
                return false;
            case LeadFieldType.Boolean:
                switch (value.ToLowerInvariant())
                {
                    case "true" or "yes" or "כן" or "1":
                        normalised = "true";
                        return true;
                    case "false" or "no" or "לא" or "0":
                        normalised = "false";
                        return true;
                    default:
                        error = $"{field.Label}: יש לענות כן או לא.";
                        return false;
                }

            default:
                error = $"{field.Label}: סוג השדה אינו מוכר.";
                return false;
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"[\s,₪$€']|ש""ח|NIS", RegexOptions.IgnoreCase)]
    private static partial Regex NumberNoise();
}
