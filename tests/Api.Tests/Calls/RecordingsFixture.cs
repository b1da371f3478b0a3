using System.Net.Http.Headers;
using MediatR;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Api.Tests.Tenancy;
using ProSaaS.Application.Common.Context;
using ProSaaS.Domain.Files;
using ProSaaS.Hosting.Calls;

namespace ProSaaS.Api.Tests.Calls;

/// <summary>
/// Businesses A and B on one Api in sandbox mode, with the media host's service key, a small recording size limit
/// (<see cref="MaxBytes"/>), and the retention job off: tests run it themselves.
/// </summary>
public sealed class RecordingsFixture() : TenancyFixture(Settings)
{
    public const long MaxBytes = 200_000;

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Twilio:PublicBaseUrl"] = CallsFixture.PublicBaseUrl,
        ["MediaHost:PublicStreamUrl"] = CallsFixture.StreamUrl,
        ["MediaHost:StreamTokenKey"] = Convert.ToBase64String(CallsFixture.TokenKey),
        ["MediaHost:ServiceKey"] = CallsFixture.ServiceKey,
        ["Calls:ReclaimScanSeconds"] = "0",
        ["Recordings:MaxBytes"] = MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Recordings:RetentionScanSeconds"] = "0",
    };

    /// <summary>A client as the media host: the service key and nothing else.</summary>
    public HttpClient MediaHostClient()
    {
        var client = Api.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        client.DefaultRequestHeaders.Add(MediaHostContract.ServiceKeyHeader, CallsFixture.ServiceKey);
        return client;
    }

    /// <summary>An inbound call of <paramref name="tenant"/> that has ended (as a call does before its recording comes), optionally from a lead's phone.</summary>
    public async Task<Twilio.Answer> EndedCallAsync(Guid tenant, string? from = null)
    {
        var number = await Database.ScalarAsync<string>(
            "select phone from tenant_phone_numbers where tenant_id = $1 order by assigned_at, phone limit 1", tenant.ToString());
        var call = await Api.CallAsync(number, from: from ?? Callers.UniqueMobile());
        call.Connected.Should().BeTrue();
        await Api.StatusAsync(call.CallSid, "completed", 2, 30);
        return call;
    }

    /// <summary>Uploads <paramref name="wav"/> as the media host does.</summary>
    public async Task<HttpResponseMessage> UploadAsync(Guid tenant, Guid callId, byte[] wav, string contentType = "audio/wav")
    {
        using var media = MediaHostClient();
        using var content = new ByteArrayContent(wav);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await media.PutAsync(MediaHostContract.RecordingPath(tenant.ToString(), callId), content);
    }

    /// <summary>A call of <paramref name="tenant"/> with a recording stored; returns the call and the file.</summary>
    public async Task<(Guid CallId, byte[] Wav)> RecordedCallAsync(Guid tenant, int milliseconds = 500)
    {
        var call = await EndedCallAsync(tenant);
        var wav = Recordings.Wav(milliseconds);
        var response = await UploadAsync(tenant, call.CallId, wav);
        await ReadAsync(response, "store a recording");
        return (call.CallId, wav);
    }

    /// <summary>Sends a command to the Api as the platform does (no user, no business: the retention job).</summary>
    public async Task<T> SendAsPlatformAsync<T>(IRequest<T> request)
    {
        await using var scope = Api.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.CorrelationId = "test-" + Guid.NewGuid().ToString("N");
        context.UserName = "system:test";
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>The blobs this Api keeps for <paramref name="tenant"/>.</summary>
    public IReadOnlyList<string> BlobsOf(Guid tenant)
    {
        var folder = Path.Combine(Api.StoragePath, tenant.ToString());
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : [];
    }

    public string BlobPath(string storageKey) => Path.Combine(Api.StoragePath, storageKey);
}

/// <summary>Call recordings as the media host writes them.</summary>
public static class Recordings
{
    /// <summary>
    /// A recording as the media host writes it: 16-bit PCM, two channels at 8 kHz, <paramref name="milliseconds"/> long,
    /// with random samples so that no two are the same file.
    /// </summary>
    public static byte[] Wav(int milliseconds = 500, WaveEncoding encoding = WaveEncoding.Pcm16, int channels = 2, int rate = 8000)
    {
        var frames = rate * milliseconds / 1000;
        var samples = new byte[frames * channels * (encoding == WaveEncoding.Pcm16 ? 2 : 1)];
        Random.Shared.NextBytes(samples);
        return WaveFile.Create(encoding, rate, channels, samples);
    }
}
