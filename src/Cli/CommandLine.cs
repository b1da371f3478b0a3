namespace ProSaaS.Cli;

internal static class CommandLine
{
    public const string Usage = """
        prosaas-cli COMMAND [options]

          migrate                                  apply pending schema migrations
          seed-demo [--credentials-file PATH]      create the demo business "שי דירות ומשרדים" with an owner, an admin and an
                                                   agent (and the platform's system admin if there is none); prints the
                                                   credentials, and writes them to PATH when given. Does nothing if the
                                                   demo business exists.
          rebuild-projection NAME                  empty a read model and rebuild it from the events

        Options: --connection "Host=…"  (default: ConnectionStrings__Postgres)
        """;

    /// <summary>"cmd a --k v --flag" → ("cmd", {"0": "a", "k": "v", "flag": ""}).</summary>
    public static (string? Command, Dictionary<string, string> Options) Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var positional = 0;
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
                options[args[i][2..]] = hasValue ? args[++i] : "";
            }
            else
            {
                options[(positional++).ToString(System.Globalization.CultureInfo.InvariantCulture)] = args[i];
            }
        }

        return (args.Length > 0 ? args[0] : null, options);
    }

    public static int Unknown(string command)
    {
        Console.Error.WriteLine($"Unknown command '{command}'.");
        Console.Error.WriteLine(Usage);
        return 2;
    }
}
