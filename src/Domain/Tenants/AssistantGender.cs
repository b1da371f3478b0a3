namespace ProSaaS.Domain.Tenants;

/// <summary>
/// How the assistant speaks of itself in Hebrew, where verbs and adjectives take the speaker's gender ("אני יכולה" or
/// "אני יכול"). Set with the voice: the realtime model's male voices are ash, ballad, echo, verse and cedar; the others
/// (alloy, the default, coral, sage, shimmer, marin) are taken as female.
/// </summary>
public enum AssistantGender
{
    Female,
    Male,
}

public static class AssistantGenders
{
    /// <summary>The realtime model's voices that sound male.</summary>
    public static IReadOnlyList<string> MaleVoices { get; } = ["ash", "ballad", "echo", "verse", "cedar"];

    /// <summary>The gender a voice sounds; unknown voices are taken as female, the default.</summary>
    public static AssistantGender OfVoice(string? voice) =>
        voice is not null && MaleVoices.Contains(voice, StringComparer.Ordinal) ? AssistantGender.Male : AssistantGender.Female;
}
