namespace ProSaaS.Api.Dashboard;

/// <summary>The <c>Dashboard</c> section.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>
    /// <c>Dashboard:Path</c>: folder of the built dashboard (the output of <c>npm run build</c> in <c>web/</c>).
    /// Relative paths start at the content root; unset means <c>&lt;contentRoot&gt;/../../web/dist</c>.
    /// </summary>
    public string? Path { get; set; }

    public static string ResolvePath(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration[$"{Section}:{nameof(Path)}"];
        var path = string.IsNullOrWhiteSpace(configured)
            ? System.IO.Path.Combine(environment.ContentRootPath, "..", "..", "web", "dist")
            : configured;
        return System.IO.Path.GetFullPath(path, environment.ContentRootPath);
    }
}
