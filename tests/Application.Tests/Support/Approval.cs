using System.Runtime.CompilerServices;

namespace ProSaaS.Application.Tests.Support;

/// <summary>
/// Approval files: a text is compared with <c>{name}.verified.txt</c> beside the test's source file. On a mismatch (or when
/// there is no verified file yet) the text is written to <c>{name}.received.txt</c> there and the test fails; review it and
/// rename it to <c>.verified.txt</c> to approve it. Lines end in <c>\n</c> on every machine.
/// </summary>
internal static class Approval
{
    public static void Verify(string text, string name, [CallerFilePath] string sourceFile = "")
    {
        var directory = Path.GetDirectoryName(sourceFile) ?? throw new InvalidOperationException("No source path for the approval file.");
        var verified = Path.Combine(directory, $"{name}.verified.txt");
        var received = Path.Combine(directory, $"{name}.received.txt");
        var content = text.ReplaceLineEndings("\n").TrimEnd('\n') + "\n";
        if (File.Exists(verified) && File.ReadAllText(verified).ReplaceLineEndings("\n") == content)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, content);
        var reason = File.Exists(verified) ? "differs from" : "has no";
        throw new Xunit.Sdk.XunitException($"The text {reason} {Path.GetFileName(verified)}; review {received} and rename it to approve it.");
    }
}
