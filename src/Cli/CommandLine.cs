namespace ProSaaS.Cli;

internal static class CommandLine
{
    public const string Usage = """
        prosaas-cli COMMAND [options]

          migrate                                  apply pending schema migrations
          seed-demo [--credentials-file PATH] [--api-key-file PATH] [--demo-calls]
                                                   create the demo business "שי דירות ומשרדים" with an owner, an admin and an
                                                   agent (and the platform's system admin if there is none); prints the
                                                   credentials, and writes them to PATH when given. Does nothing if the
                                                   demo business exists. With --api-key-file, an agent API key of the demo
                                                   business is made and kept there when that file does not exist yet.
                                                   With --demo-calls, two calls of the demo business are recorded too (once):
                                                   a finished one with a transcript and a recording (kept in the Storage
                                                   folder, relative to the current directory), and one in progress.
          rebuild-projection NAME                  empty a read model and rebuild it from the events
          scenario run FILE|DIR --api URL --media URL --api-key KEY [--to NUMBER] [--speed N]
                        [--public-base-url URL] [--auth-token TOKEN]
                                                   play scenario calls (docs/scenarios.md) through a running Api and media
                                                   host in sandbox mode, taking Twilio's part; prints PASS/FAIL per
                                                   expectation; exit code 0 only when every scenario passed. --to is the
                                                   business number dialled (default: the file's "to"); --public-base-url the
                                                   Api's Twilio:PublicBaseUrl (default --api). Defaults: --api
                                                   http://localhost:5080, --media http://127.0.0.1:5090, --api-key
                                                   $PROSAAS_API_KEY.

        Options: --connection "Host=…"  (default: ConnectionStrings__Postgres; not used by scenario)
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
