namespace ProSaaS.MediaHost.Audio;

/// <summary>
/// What a caller hears when the AI service cannot be reached: "מצטערים, יש תקלה זמנית. נחזור אליך בהקדם." (3.5 s,
/// µ-law 8 kHz, whole 20 ms frames). Spoken once by <c>espeak-ng -v he -s 165</c> and turned into telephone audio with our
/// own codec by <c>scripts/render-fallback-clip.cs</c> (its header has the commands); embedded in the assembly.
/// </summary>
public static class FallbackClip
{
    private const string ResourceName = "ProSaaS.MediaHost.Audio.fallback-he.ulaw";

    private static readonly Lazy<byte[]> Clip = new(Load);

    /// <summary>The clip's µ-law bytes.</summary>
    public static ReadOnlyMemory<byte> MuLawAudio => Clip.Value;

    public static TimeSpan Duration => TimeSpan.FromMilliseconds(Clip.Value.Length / 8.0);

    private static byte[] Load()
    {
        using var stream = typeof(FallbackClip).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        var clip = new byte[stream.Length];
        stream.ReadExactly(clip);
        return clip;
    }
}
