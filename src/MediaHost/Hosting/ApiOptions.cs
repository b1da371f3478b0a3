namespace ProSaaS.MediaHost.Hosting;

/// <summary>The <c>Api</c> section: where MediaHost sends the facts of each call.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary><c>Api:BaseUrl</c> (default http://127.0.0.1:5080): base address of the ProSaaS Api.</summary>
    public Uri BaseUrl { get; set; } = new("http://127.0.0.1:5080");

    /// <summary>
    /// <c>Api:ServiceKey</c>: the credential presented to the Api's internal call routes (header
    /// <c>X-ProSaaS-Service-Key</c>), the same value as the Api's <c>MediaHost:ServiceKey</c>.
    /// </summary>
    public string ServiceKey { get; set; } = string.Empty;
}
