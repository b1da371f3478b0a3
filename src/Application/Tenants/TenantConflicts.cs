using ProSaaS.Application.Common.Errors;

namespace ProSaaS.Application.Tenants;

/// <summary>The 409s of the tenant area, with their stable codes. The database raises the same ones when a race gets past the first check.</summary>
public static class TenantConflicts
{
    public const string SlugTakenCode = "tenant.slug_taken";
    public const string NumberTakenCode = "tenant.number_taken";
    public const string WhatsAppTakenCode = "tenant.whatsapp_taken";

    public static ConflictException SlugTaken(string? slug = null) =>
        new(SlugTakenCode, slug is null ? "המזהה הקצר כבר תפוס על ידי עסק אחר." : $"המזהה הקצר '{slug}' כבר תפוס על ידי עסק אחר.");

    public static ConflictException NumberTaken(string? phoneNumber = null) =>
        new(NumberTakenCode, phoneNumber is null ? "מספר הטלפון כבר משויך לעסק אחר." : $"המספר {phoneNumber} כבר משויך לעסק אחר.");

    public static ConflictException WhatsAppTaken(string? identifier = null) =>
        new(WhatsAppTakenCode, identifier is null ? "מזהה הוואטסאפ כבר משויך לעסק אחר." : $"מזהה הוואטסאפ {identifier} כבר משויך לעסק אחר.");
}
