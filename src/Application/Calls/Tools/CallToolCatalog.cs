using System.Text.Json;
using System.Text.Json.Nodes;
using ProSaaS.Application.Calls.GetCallConfig;
using ProSaaS.Domain.Leads;

namespace ProSaaS.Application.Calls.Tools;

/// <summary>The functions the AI may call during a call, by their wire names.</summary>
public static class CallToolNames
{
    public const string SaveLeadFields = "save_lead_fields";
    public const string CheckAvailability = "check_availability";
    public const string BookAppointment = "book_appointment";
    public const string RequestHuman = "request_human";
    public const string EndCall = "end_call";

    public static IReadOnlyList<string> All { get; } = [SaveLeadFields, CheckAvailability, BookAppointment, RequestHuman, EndCall];
}

/// <summary>A function the AI may call: its name, what it is for (in Hebrew, for the model) and its arguments' JSON schema.</summary>
public sealed record CallToolDefinition(string Name, string Description, JsonElement Parameters);

/// <summary>
/// The one catalogue of the functions a call's AI is given. The arguments of <c>save_lead_fields</c> follow the details the
/// call collects (the name, a phone number and the business's fields marked to be collected on calls, each with its type);
/// the other tools' arguments are the same for every call. Every schema is an object that admits no other properties.
/// </summary>
public static class CallToolCatalog
{
    /// <summary>The most free slots one <c>check_availability</c> answer lists.</summary>
    public const int MaxSlots = 10;

    /// <summary>How many free slots an answer lists when the model does not say.</summary>
    public const int DefaultSlots = 5;

    /// <summary>The longest range of days one <c>check_availability</c> looks at.</summary>
    public const int MaxRangeDays = 14;

    /// <summary>The days looked at when the model gives no date.</summary>
    public const int DefaultRangeDays = 7;

    public const int MaxReasonLength = 500;

    public const int MaxPreferredTimeLength = 200;

    public const int MaxBookingNotesLength = 500;

    /// <summary>Why the AI ends a call (<c>end_call</c>'s <c>reason</c>): the media host's end reasons for a call the assistant closed.</summary>
    public static IReadOnlyList<string> EndReasons { get; } = ["user_goodbye", "assistant_ended"];

    public static IReadOnlyList<CallToolDefinition> For(IReadOnlyList<CallSetupField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return
        [
            Tool(CallToolNames.SaveLeadFields,
                "שומר במערכת פרטים של הפונה שנאמרו בשיחה. לקרוא מיד אחרי שהפונה אמר פרט ואישר אותו, רק עם הפרטים שנאמרו: "
                + "בלי להמציא ובלי ערכים ריקים. מספר טלפון בספרות (למשל 0521234567). התשובה אומרת מה נשמר; "
                + "אין לומר לפונה שפרט נשמר לפני שהתשובה אישרה זאת.",
                Schema(fields.ToDictionary(f => f.Key, FieldSchema, StringComparer.Ordinal))),
            Tool(CallToolNames.CheckAvailability,
                "בודק מועדים פנויים לפגישה ביומן העסק, בתוך שעות הפעילות ובאזור הזמן של העסק. "
                + "date הוא היום המבוקש (yyyy-MM-dd); בלי date — המועדים הפנויים הקרובים. התשובה כוללת את תאריך היום (today) "
                + "ומועדים עם תווית בעברית להקראה (label). להציע לפונה רק מועדים מהתשובה.",
                Schema(new Dictionary<string, JsonObject>
                {
                    ["date"] = Text("היום הראשון לבדיקה, yyyy-MM-dd. ברירת מחדל: היום."),
                    ["until_date"] = Text($"היום האחרון לבדיקה, yyyy-MM-dd (עד {MaxRangeDays} ימים). ברירת מחדל: אותו יום, או שבוע כשאין date."),
                    ["after_time"] = Text("רק מועדים שמתחילים בשעה הזו או אחריה, HH:mm (למשל 14:00 לאחר הצהריים)."),
                    ["before_time"] = Text("רק מועדים שמתחילים לפני השעה הזו, HH:mm."),
                    ["max_results"] = new JsonObject
                    {
                        ["type"] = "integer", ["minimum"] = 1, ["maximum"] = MaxSlots,
                        ["description"] = $"כמה מועדים להחזיר לכל היותר (ברירת מחדל {DefaultSlots}).",
                    },
                })),
            Tool(CallToolNames.BookAppointment,
                "קובע לפונה פגישה במועד פנוי ביומן העסק. לקרוא רק אחרי שהפונה בחר מועד, ואחרי שהשם ומספר הטלפון שלו נשמרו "
                + "ב-save_lead_fields. date ו-time כפי שהופיעו בתשובת check_availability. אם המועד אינו פנוי או מחוץ לשעות, "
                + "התשובה מציעה מועדים חלופיים פנויים (alternatives) — להציע אותם. אין לומר שהפגישה נקבעה לפני שהתשובה אישרה זאת.",
                Schema(new Dictionary<string, JsonObject>
                {
                    ["date"] = Text("תאריך הפגישה, yyyy-MM-dd."),
                    ["time"] = Text("שעת ההתחלה, HH:mm, בשעון העסק."),
                    ["notes"] = Text("במה מדובר בפגישה, בקצרה (לא חובה).", MaxBookingNotesLength),
                }, required: ["date", "time"])),
            Tool(CallToolNames.RequestHuman,
                "מבקש שנציג של העסק יחזור אל הפונה: יוצר לעסק משימת חזרה עם הסיבה. לקרוא כשהפונה מבקש לדבר עם אדם, "
                + "או כשאין לך תשובה לשאלה שלו. אם מספר הטלפון של הפונה אינו ידוע — לשמור אותו קודם ב-save_lead_fields.",
                Schema(new Dictionary<string, JsonObject>
                {
                    ["reason"] = Text("במה הפונה צריך עזרה, במשפט קצר.", MaxReasonLength),
                    ["preferred_time"] = Text("מתי נוח לפונה שיחזרו אליו, במילים שלו (לא חובה).", MaxPreferredTimeLength),
                }, required: ["reason"])),
            Tool(CallToolNames.EndCall,
                "מסיים את השיחה. לקרוא רק אחרי שנפרדת מהפונה: הקו נסגר כשמשפט הפרידה נגמר.",
                Schema(new Dictionary<string, JsonObject>
                {
                    ["reason"] = new JsonObject
                    {
                        ["type"] = "string",
                        ["enum"] = new JsonArray([.. EndReasons.Select(r => (JsonNode?)JsonValue.Create(r))]),
                        ["description"] = "user_goodbye כשהפונה נפרד; assistant_ended כשהשיחה הגיעה לסיומה מצדך.",
                    },
                }, required: ["reason"])),
        ];
    }

    /// <summary>The JSON schema of one detail: its label and what a value looks like, by its type.</summary>
    public static JsonObject FieldSchema(CallSetupField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var label = field.Label;
        return field.Type switch
        {
            LeadFieldType.Number => new JsonObject { ["type"] = "number", ["description"] = $"{label} (מספר)" },
            LeadFieldType.Boolean => new JsonObject { ["type"] = "boolean", ["description"] = $"{label} (כן/לא)" },
            LeadFieldType.Select when field.Options is { Count: > 0 } options => new JsonObject
            {
                ["type"] = "string",
                ["enum"] = new JsonArray([.. options.Select(o => (JsonNode?)JsonValue.Create(o))]),
                ["description"] = label,
            },
            LeadFieldType.Phone => Text($"{label} — מספר טלפון בספרות בלבד, למשל 0521234567"),
            LeadFieldType.Email => Text($"{label} — כתובת דוא\"ל"),
            LeadFieldType.Date => Text($"{label} — תאריך, yyyy-MM-dd"),
            LeadFieldType.LongText => Text(label, LeadFieldSchema.MaxLongTextLength),
            _ => Text(label, field.Key == "name" ? Lead.MaxNameLength : LeadFieldSchema.MaxTextLength),
        };
    }

    private static CallToolDefinition Tool(string name, string description, JsonObject parameters) =>
        new(name, description, JsonSerializer.SerializeToElement(parameters));

    private static JsonObject Schema(IReadOnlyDictionary<string, JsonObject> properties, IReadOnlyList<string>? required = null)
    {
        var props = new JsonObject();
        foreach (var (name, schema) in properties)
        {
            props[name] = schema;
        }

        var schemaObject = new JsonObject { ["type"] = "object", ["properties"] = props, ["additionalProperties"] = false };
        if (required is { Count: > 0 })
        {
            schemaObject["required"] = new JsonArray([.. required.Select(r => (JsonNode?)JsonValue.Create(r))]);
        }

        return schemaObject;
    }

    private static JsonObject Text(string description, int? maxLength = null)
    {
        var schema = new JsonObject { ["type"] = "string", ["description"] = description };
        if (maxLength is { } max)
        {
            schema["maxLength"] = max;
        }

        return schema;
    }
}
