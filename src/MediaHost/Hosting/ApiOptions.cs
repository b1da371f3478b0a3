namespace ProSaaS.MediaHost.Hosting;

/// <summary>The <c>Api</c> section: where MediaHost sends the facts of each call.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary><c>Api:BaseUrl</c> (default http://127.0.0.1:5080): base address of the ProSaaS Api.</summary>
    public Uri BaseUrl { get; set; } = new("http://127.0.0.1:5080");
}
