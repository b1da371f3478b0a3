using Microsoft.Extensions.FileProviders;
using ProSaaS.Api.Errors;

namespace ProSaaS.Api.Dashboard;

/// <summary>
/// Serves the built single-page dashboard from <see cref="DashboardOptions.Path"/>: its files as they are, and
/// <c>index.html</c> for any other GET that no endpoint answered (client-side routes such as <c>/leads/123</c>).
/// Paths that belong to the server keep their 404 problem details.
/// </summary>
public static partial class DashboardHosting
{
    private const string PropertyKey = "ProSaaS.Dashboard.Files";
    private static readonly PathString[] ServerPrefixes = ["/api", "/health", "/swagger", "/internal"];

    /// <summary>Static files; call before routing so that files win over endpoints.</summary>
    public static WebApplication UseDashboardFiles(this WebApplication app)
    {
        var root = DashboardOptions.ResolvePath(app.Configuration, app.Environment);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DashboardHosting).FullName!);
        if (!File.Exists(Path.Combine(root, "index.html")))
        {
            LogNotBuilt(logger, root);
            app.MapGet("/", NotBuiltAsync).ExcludeFromDescription();
            return app;
        }

        LogServing(logger, root);
        var files = new PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        ((IApplicationBuilder)app).Properties[PropertyKey] = files;
        return app;
    }

    /// <summary>The single-page fallback; call after routing so that it only sees requests no endpoint matched.</summary>
    public static WebApplication UseDashboardFallback(this WebApplication app)
    {
        if (((IApplicationBuilder)app).Properties.TryGetValue(PropertyKey, out var value) && value is IFileProvider files)
        {
            app.Use((context, next) => IsClientRoute(context) ? SendIndexAsync(context, files) : next(context));
        }

        return app;
    }

    private static bool IsClientRoute(HttpContext context)
    {
        if (context.GetEndpoint() is not null || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
        {
            return false;
        }

        var path = context.Request.Path;
        if (ServerPrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        // A missing asset (/assets/app.123.js) is a 404, not the app shell.
        var lastSegment = path.Value?[(path.Value.LastIndexOf('/') + 1)..] ?? string.Empty;
        return !Path.HasExtension(lastSegment);
    }

    private static async Task SendIndexAsync(HttpContext context, IFileProvider files)
    {
        var index = files.GetFileInfo("index.html");
        if (!index.Exists)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        // The shell names the current hashed bundles: always revalidate it.
        context.Response.Headers.CacheControl = "no-cache";
        if (HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.ContentLength = index.Length;
            return;
        }

        await context.Response.SendFileAsync(index, context.RequestAborted);
    }

    private static Task NotBuiltAsync(HttpContext context) =>
        ProblemResponses.WriteAsync(context, ProblemResponses.Create(
            StatusCodes.Status404NotFound,
            "The dashboard is not built",
            "לוח הבקרה עדיין לא נבנה. הריצו npm run build בתיקייה web, או ./prosaas up."));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard not built: no index.html in {DashboardPath}; / answers 404 until it is (set Dashboard:Path or run npm run build in web/)")]
    private static partial void LogNotBuilt(ILogger logger, string dashboardPath);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving the dashboard from {DashboardPath}")]
    private static partial void LogServing(ILogger logger, string dashboardPath);
}
