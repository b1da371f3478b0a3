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
        [typeof(ChangeLeadStatusRequest)] = """{ "status": "contacted", "reason": "חזרה אליה בטלפון", "expectedVersion": 1 }""",
        [typeof(CreateTenantRequest)] = """{ "name": "שי דירות ומשרדים", "slug": "shai-dirot", "timeZone": "Asia/Jerusalem", "maxConcurrentCalls": 5, "maxOutboundCalls": 3 }""",
        [typeof(SuspendTenantRequest)] = """{ "reason": "חשבונית שלא שולמה" }""",
        [typeof(PhoneNumberRequest)] = """{ "phoneNumber": "03-376-0000" }""",
        [typeof(LimitsRequest)] = """{ "maxConcurrentCalls": 5, "maxOutboundCalls": 3 }""",
        [typeof(WhatsAppIdentifierRequest)] = """{ "identifier": "054-376-0000" }""",
        [typeof(ProfileRequest)] = """{ "name": "שי דירות ומשרדים", "timeZone": "Asia/Jerusalem", "expectedVersion": 4 }""",
        [typeof(SelectTenantRequest)] = """{ "tenantId": "01a1ffb5-2ca0-7820-a6b9-3b1f25079552" }""",
        [typeof(CreateUserRequest)] = """{ "email": "dana@shai-dirot.co.il", "displayName": "דנה כהן", "role": "agent", "password": "Sisma-Hazaka-2026" }""",
        [typeof(ChangeRoleRequest)] = """{ "role": "admin" }""",
        [typeof(CreateApiKeyRequest)] = """{ "name": "n8n — לידים מהאתר", "role": "agent" }""",
        // Webhooks
        [typeof(CreateWebhookRequest)] = """{ "url": "https://hooks.example.com/prosaas", "description": "n8n — לידים חדשים", "eventTypes": ["lead.created", "lead.updated", "appointment.booked"] }""",
        [typeof(UpdateWebhookRequest)] = """{ "url": "https://hooks.example.com/prosaas", "description": "n8n — לידים ופגישות", "eventTypes": ["lead.created", "appointment.booked", "appointment.cancelled"], "enabled": true }""",
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
