namespace ProSaaS.Infrastructure.AfterCall;

/// <summary>Configuration section <c>OpenAI</c>, as the Api's call summaries read it.</summary>
public sealed class OpenAiSummaryOptions
{
    public const string Section = "OpenAI";

    /// <summary>The OpenAI key; without one the rules write the summaries (sandbox mode).</summary>
    public string? ApiKey { get; set; }

    /// <summary>The REST address the chat completions are sent to (<c>{BaseUrl}/chat/completions</c>).</summary>
    public string BaseUrl { get; set; } = "https://api.openai.com/v1";

    /// <summary>The chat model that writes call summaries.</summary>
    public string SummaryModel { get; set; } = "gpt-4.1-mini";

    /// <summary>Time allowed for one summary request.</summary>
    public TimeSpan SummaryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsSandbox => string.IsNullOrWhiteSpace(ApiKey);

    /// <summary>The base address with a trailing slash, so that relative paths keep its path (<c>/v1/</c>).</summary>
    public Uri BaseAddress()
    {
        if (!Uri.TryCreate(BaseUrl?.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new InvalidOperationException($"{Section}:BaseUrl must be an absolute http(s) address; it is '{BaseUrl}'.");
        }

        return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }
}
