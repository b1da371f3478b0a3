using System.Text;
using ProSaaS.Hosting.Calls;

namespace ProSaaS.MediaHost.Calls;

/// <summary>What a reopened AI session is told of the call so far.</summary>
public static class ConversationContext
{
    /// <summary>The most of the conversation given (the latest part of a long call).</summary>
    public const int MaxContextChars = 8000;

    /// <summary>
    /// The instructions of a reopened session: the call's own, then what was said so far (caller and assistant turns in
    /// order), with the rule to go on from there without greeting again.
    /// </summary>
    public static string Compose(string instructions, IReadOnlyList<(string Speaker, string Text)> conversation)
    {
        var lines = new List<string>();
        var length = 0;
        for (var i = conversation.Count - 1; i >= 0 && length < MaxContextChars; i--)
        {
            var (speaker, text) = conversation[i];
            var line = (speaker == TranscriptTurnCommand.Caller ? "מתקשר: " : "נציג: ") + text;
            lines.Add(line);
            length += line.Length + 1;
        }

        lines.Reverse();
        var context = new StringBuilder(instructions.Length + length + 200)
            .Append(instructions)
            .Append("\n\n## השיחה עד כה\n")
            .Append("החיבור נותק לרגע והשיחה נמשכת. אל תברך שוב ואל תחזור על מה שכבר נאמר; המשך מהנקודה שבה השיחה נעצרה.\n");
        foreach (var line in lines)
        {
            context.Append(line).Append('\n');
        }

        return context.ToString();
    }
}
