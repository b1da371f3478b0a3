using System.Text;

namespace ProSaaS.Sandbox.Scenarios;

/// <summary>One expectation (or one step that could not be played), with what was expected and what was found.</summary>
public sealed record ScenarioCheck(string Name, bool Passed, string Expected, string Actual)
{
    public override string ToString() => $"{(Passed ? "PASS" : "FAIL")} {Name}: expected {Expected}, got {Actual}";
}

/// <summary>The outcome of one scenario: the call it made and every check, passed or failed.</summary>
public sealed record ScenarioReport(string Scenario, string? File, Guid? CallId, IReadOnlyList<ScenarioCheck> Checks)
{
    /// <summary>Every check passed (and there was at least one: a call that could not even start fails).</summary>
    public bool Passed => Checks.Count > 0 && Checks.All(c => c.Passed);

    public IEnumerable<ScenarioCheck> Failures => Checks.Where(c => !c.Passed);

    /// <summary>The headline and one line per check.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        text.Append(Passed ? "PASS " : "FAIL ").Append(Scenario);
        if (File is not null)
        {
            text.Append(" (").Append(File).Append(')');
        }

        text.Append(CallId is { } id ? $" call {id}" : " (no call)")
            .Append($": {Checks.Count(c => c.Passed)}/{Checks.Count} checks passed").AppendLine();
        foreach (var check in Checks)
        {
            text.Append("  ").AppendLine(check.ToString());
        }

        return text.ToString();
    }

    public override string ToString() => ToText();
}
