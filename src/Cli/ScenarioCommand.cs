using ProSaaS.Sandbox.Scenarios;

namespace ProSaaS.Cli;

/// <summary><c>scenario run &lt;file|dir&gt;</c>: plays scenario files through a running platform and prints a report per scenario.</summary>
internal static class ScenarioCommand
{
    public static async Task<int> RunAsync(Dictionary<string, string> options)
    {
        if (options.GetValueOrDefault("0") != "run" || options.GetValueOrDefault("1") is not { Length: > 0 } target)
        {
            await Console.Error.WriteLineAsync("Usage: prosaas-cli scenario run <file|dir> --api <url> --media <url> --api-key <key> [--to <number>]");
            return 2;
        }

        var apiKey = options.GetValueOrDefault("api-key") ?? Environment.GetEnvironmentVariable("PROSAAS_API_KEY");
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            await Console.Error.WriteLineAsync("Give an API key of the business (agent or higher): --api-key KEY (or PROSAAS_API_KEY).");
            return 2;
        }

        if (!TryUri(options, "api", "http://localhost:5080", out var api) || !TryUri(options, "media", "http://127.0.0.1:5090", out var media)
            || !TryUri(options, "public-base-url", api.ToString(), out var publicBase))
        {
            return 2;
        }

        double? speed = null;
        if (options.TryGetValue("speed", out var speedText))
        {
            if (!double.TryParse(speedText, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var s) || s is < 1 or > 8)
            {
                await Console.Error.WriteLineAsync($"--speed is a number from 1 to 8; '{speedText}' is not.");
                return 2;
            }

            speed = s;
        }

        List<Scenario> scenarios;
        try
        {
            scenarios = ScenarioFile.Find(target).Select(ScenarioFile.Load).ToList();
        }
        catch (Exception e) when (e is ScenarioFormatException or IOException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        using var runner = new ScenarioRunner(new ScenarioRunOptions
        {
            Api = api,
            Media = media,
            ApiKey = apiKey.Trim(),
            PublicBaseUrl = publicBase,
            DialledNumber = options.GetValueOrDefault("to"),
            Speed = speed,
            TwilioAuthToken = options.GetValueOrDefault("auth-token") ?? ScenarioRunOptions.SandboxAuthToken,
        });
        var failed = 0;
        foreach (var scenario in scenarios)
        {
            var report = await runner.RunAsync(scenario);
            Console.Write(report.ToText());
            failed += report.Passed ? 0 : 1;
        }

        if (scenarios.Count > 1)
        {
            Console.WriteLine($"{scenarios.Count - failed} of {scenarios.Count} scenarios passed.");
        }

        return failed == 0 ? 0 : 1;
    }

    private static bool TryUri(Dictionary<string, string> options, string name, string fallback, out Uri uri)
    {
        var text = options.GetValueOrDefault(name) ?? fallback;
        if (Uri.TryCreate(text, UriKind.Absolute, out uri!) && uri.Scheme is "http" or "https")
        {
            return true;
        }

        Console.Error.WriteLine($"--{name} must be an http(s) address; '{text}' is not.");
        return false;
    }
}
