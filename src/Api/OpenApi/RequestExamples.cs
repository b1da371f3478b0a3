using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using ProSaaS.Api.Endpoints;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ProSaaS.Api.OpenApi;

/// <summary>An example body for every request type, shown (and pre-filled) in Swagger UI.</summary>
public sealed class RequestExamples : ISchemaFilter
{
    private static readonly Dictionary<Type, string> Examples = new()
    {
        [typeof(SignInRequest)] = """{ "email": "owner@shai-dirot.co.il", "password": "Sisma-Hazaka-2026" }""",
        [typeof(CreateLeadRequest)] = """{ "name": "רות לוי", "phone": "052-765-4321", "email": "ruth@example.co.il", "fields": { "city": "חיפה", "rooms": "4", "budget": "2,500,000" } }""",
        [typeof(UpdateLeadRequest)] = """{ "name": "רות לוי-כהן", "email": "", "fields": { "budget": "2,800,000", "rooms": "4.5", "city": null }, "expectedVersion": 3 }""",
        [typeof(AssignLeadRequest)] = """{ "userId": "01a1ffb5-2ca0-7820-a6b9-3b1f25079552" }""",
        [typeof(BulkDeleteLeadsRequest)] = """{ "leadIds": ["01a1ffb5-2ca0-7820-a6b9-3b1f25079552", "01a1ffb5-3d11-7c02-9f0e-5a7c2b1d4e66"], "reason": "בקשת הלקוח למחיקת פרטיו" }""",
        [typeof(ChangeLeadStatusRequest)] = """{ "status": "contacted", "reason": "חזרה אליה בטלפון", "expectedVersion": 1 }""",
        [typeof(CreateTenantRequest)] = """{ "name": "שי דירות ומשרדים", "slug": "shai-dirot", "timeZone": "Asia/Jerusalem", "maxConcurrentCalls": 5, "maxOutboundCalls": 3 }""",
        [typeof(SuspendTenantRequest)] = """{ "reason": "חשבונית שלא שולמה" }""",
        [typeof(PhoneNumberRequest)] = """{ "phoneNumber": "03-376-0000" }""",
        [typeof(LimitsRequest)] = """{ "maxConcurrentCalls": 5, "maxOutboundCalls": 3 }""",
        [typeof(WhatsAppIdentifierRequest)] = """{ "identifier": "054-376-0000" }""",
        [typeof(ProfileRequest)] = """{ "name": "שי דירות ומשרדים", "timeZone": "Asia/Jerusalem", "address": "הרצל 12, חיפה", "expectedVersion": 4 }""",
        [typeof(SelectTenantRequest)] = """{ "tenantId": "01a1ffb5-2ca0-7820-a6b9-3b1f25079552" }""",
        [typeof(CreateUserRequest)] = """{ "email": "dana@shai-dirot.co.il", "displayName": "דנה כהן", "role": "agent", "password": "Sisma-Hazaka-2026" }""",
        [typeof(ChangeRoleRequest)] = """{ "role": "admin" }""",
        [typeof(CreateApiKeyRequest)] = """{ "name": "n8n — לידים מהאתר", "role": "agent" }""",
        // Appointments
        [typeof(BookAppointmentRequest)] = """{ "leadId": "019a5c3e-7d41-7c2a-9b1e-52f0c4d8a613", "start": "2026-03-15T09:30:00+02:00", "durationMinutes": 30, "title": "פגישת היכרות", "notes": "מעוניינת בדירת 4 חדרים בחיפה" }""",
        [typeof(RescheduleAppointmentRequest)] = """{ "start": "2026-03-16T11:00:00+02:00", "reason": "הלקוחה ביקשה מועד אחר", "expectedVersion": 1 }""",
        [typeof(CancelAppointmentRequest)] = """{ "reason": "הלקוחה חולה" }""",
        // Notes
        [typeof(CreateNoteRequest)] = """{ "text": "דיברנו בטלפון; מעוניינת בדירת 4 חדרים בחיפה, תקציב עד 2.5 מיליון. לחזור אליה ביום ראשון." }""",
        [typeof(EditNoteRequest)] = """{ "text": "מעוניינת בדירת 4 חדרים בחיפה או בקריות; לחזור אליה ביום ראשון.", "expectedVersion": 1 }""",
        // Tasks
        [typeof(SetReminderRequest)] = """{ "text": "לחזור לרות לגבי הדירה בחיפה", "dueAt": "2026-03-01T10:00:00+02:00", "ownerUserId": "0195f0c2-8d2a-7c41-9b7e-2f4d6a1c3e5b" }""",
        [typeof(ChangeReminderRequest)] = """{ "text": "לחזור לרות — לשלוח הצעת מחיר", "dueAt": "2026-03-02T09:30:00+02:00", "expectedVersion": 1 }""",
        [typeof(CreateTaskRequest)] = """{ "title": "להכין הסכם שכירות", "description": "דירת 4 חדרים ברחוב הנביאים", "status": "open", "dueAt": "2026-03-03T12:00:00+02:00", "assigneeUserId": "0195f0c2-8d2a-7c41-9b7e-2f4d6a1c3e5b", "leadId": "0195f0c3-1b7e-7a60-8f21-5c9d3e7a2b14" }""",
        [typeof(UpdateTaskRequest)] = """{ "title": "להכין הסכם שכירות", "description": "כולל נספח ריהוט", "dueAt": "2026-03-04T12:00:00+02:00", "assigneeUserId": "0195f0c2-8d2a-7c41-9b7e-2f4d6a1c3e5b", "expectedVersion": 1 }""",
        [typeof(MoveTaskRequest)] = """{ "status": "in_progress", "position": 1500, "expectedVersion": 2 }""",
        // Webhooks
        [typeof(CreateWebhookRequest)] = """{ "url": "https://hooks.example.com/prosaas", "description": "n8n — לידים חדשים", "eventTypes": ["lead.created", "lead.updated", "appointment.booked"] }""",
        [typeof(UpdateWebhookRequest)] = """{ "url": "https://hooks.example.com/prosaas", "description": "n8n — לידים ופגישות", "eventTypes": ["lead.created", "appointment.booked", "appointment.cancelled"], "enabled": true }""",
        // Outbound
        [typeof(CreateOutboundTemplateRequest)] = """{ "name": "חזרה ללידים מהאתר", "description": "שיחת היכרות עם מי שהשאיר פרטים באתר", "promptText": "את נציגה של העסק. שאלי אם הדירה עדיין רלוונטית, מה התקציב ומתי נוח להיפגש, וקבעי פגישה אם הלקוח מעוניין.", "greetingTemplate": "שלום {lead_name}, מדברת מ{business}. השארת אצלנו פרטים באתר — יש לך דקה?", "active": true }""",
        [typeof(UpdateOutboundTemplateRequest)] = """{ "name": "חזרה ללידים מהאתר", "description": "שיחת היכרות וקביעת פגישה", "promptText": "את נציגה של העסק. בררי צרכים ותקציב וקבעי פגישה אם הלקוח מעוניין.", "greetingTemplate": "שלום {lead_name}, כאן {business}. יש לך דקה?", "active": true, "expectedVersion": 2 }""",
        // Outbound calls
        [typeof(StartOutboundCallsRequest)] = """{ "leadIds": ["0196c79f-1a2b-7c3d-8e4f-5a6b7c8d9e0f", "0196c7a0-2b3c-7d4e-9f50-6a7b8c9d0e1f"], "templateId": "0196c7a1-3c4d-7e5f-a061-7b8c9d0e1f20" }""",
        // Prompts and FAQ
        [typeof(RollbackSettingsRequest)] = """{ "expectedVersion": 12 }""",
        [typeof(SavePromptRequest)] = """{ "text": "תפקידך לענות לשיחות הנכנסות של {business}: לברר בקצרה מה הפונה מחפש, לאסוף שם, טלפון ואזור, ולהציע פגישה במשרד.", "note": "הוספנו את האזור לפרטים שנאספים", "baseVersion": 3 }""",
        [typeof(RollbackPromptRequest)] = """{ "note": "חזרה לנוסח שעבד טוב יותר", "baseVersion": 4 }""",
        [typeof(CreateFaqEntryRequest)] = """{ "question": "יש חניה ליד המשרד?", "answer": "כן, יש חניון ציבורי מול הבניין, והחניה בו חינם ללקוחות.", "keywords": ["חניה", "לחנות"], "phrasings": ["איפה אפשר לחנות?"], "channels": ["inbound_call", "whatsapp"], "active": true }""",
        [typeof(UpdateFaqEntryRequest)] = """{ "question": "יש חניה ליד המשרד?", "answer": "כן, בחניון מול הבניין; שעתיים ראשונות חינם ללקוחות.", "keywords": ["חניה", "חניון"], "phrasings": ["איפה אפשר לחנות?"], "channels": ["inbound_call", "outbound_call", "whatsapp"], "active": true, "expectedVersion": 1 }""",
        [typeof(MatchFaqRequest)] = """{ "text": "איפה אפשר לחנות כשאני מגיע אליכם?", "channel": "inbound_call" }""",
    };

    private static readonly System.Text.Json.JsonSerializerOptions Json = CreateJsonOptions();

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete)
        {
            return;
        }

        if (Examples.TryGetValue(context.Type, out var example))
        {
            concrete.Examples = [JsonNode.Parse(example)!];
        }
        else if (context.Type == typeof(UpdateSettingsRequest))
        {
            // The defaults a new business starts with: a complete, valid document to edit.
            concrete.Examples = [System.Text.Json.JsonSerializer.SerializeToNode(new UpdateSettingsRequest(Domain.Tenants.TenantSettings.Default, 3), Json)!];
        }
    }

    private static System.Text.Json.JsonSerializerOptions CreateJsonOptions()
    {
        var options = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.SnakeCaseLower));
        return options;
    }
}
