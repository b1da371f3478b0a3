using System.Net;
using System.Net.Http.Headers;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Domain.Files;
using ProSaaS.Hosting.Calls;

namespace ProSaaS.Api.Tests.Calls;

/// <summary>
/// The recording upload on the real server (Kestrel) with the default <c>Recordings:MaxBytes</c> (64 MB): a recording
/// larger than the server's own default body limit (about 28.6 MB) is taken, and one declared over the limit is refused
/// with 413 before a byte of it is sent.
/// </summary>
public sealed class RecordingUploadKestrelTests(RecordingsFixture fx) : IClassFixture<RecordingsFixture>, IAsyncLifetime
{
    private const long DefaultMaxBytes = 64L * 1024 * 1024;

    private ApiFactory _kestrel = null!;

    public Task InitializeAsync()
    {
        _kestrel = new ApiFactory(fx.Database.ConnectionString, new Dictionary<string, string?>
        {
            ["MediaHost:PublicStreamUrl"] = CallsFixture.StreamUrl,
            ["MediaHost:StreamTokenKey"] = Convert.ToBase64String(CallsFixture.TokenKey),
            ["MediaHost:ServiceKey"] = CallsFixture.ServiceKey,
            ["Calls:ReclaimScanSeconds"] = "0",
            ["Recordings:RetentionScanSeconds"] = "0",
        });
        _kestrel.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _kestrel.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _kestrel.DisposeAsync();

    [Fact]
    public async Task A_recording_over_the_servers_default_body_limit_is_taken()
    {
        var call = await fx.EndedCallAsync(fx.TenantA);
        var wav = WaveFile.Create(WaveEncoding.Pcm16, 8000, 2, new byte[32 * 1024 * 1024]);
        using var client = MediaHostClient();
        using var content = new ByteArrayContent(wav);
        content.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");

        var response = await client.PutAsync(MediaHostContract.RecordingPath(fx.TenantA.ToString(), call.CallId), content);

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        (await response.ReadJsonAsync()).GetProperty("bytes").GetInt64().Should().Be(wav.Length);
    }

    [Fact]
    public async Task A_recording_declared_over_the_limit_is_refused_before_it_is_sent()
    {
        var call = await fx.EndedCallAsync(fx.TenantA);
        using var client = MediaHostClient(waitForContinue: true);
        client.DefaultRequestHeaders.ExpectContinue = true;
        using var content = new StreamContent(new Zeros(DefaultMaxBytes + 1));
        content.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");

        var response = await client.PutAsync(MediaHostContract.RecordingPath(fx.TenantA.ToString(), call.CallId), content);

        (await response.ShouldBeProblemAsync(413)).GetProperty("code").GetString().Should().Be("recording.too_large");
        (await fx.Database.ScalarAsync<long>("select count(*) from call_recordings where call_id = $1", call.CallId)).Should().Be(0);
        (Directory.Exists(_kestrel.StoragePath) ? Directory.GetFiles(_kestrel.StoragePath, "*", SearchOption.AllDirectories) : [])
            .Should().BeEmpty();
    }

    /// <param name="waitForContinue">Wait for the server's answer to <c>Expect: 100-continue</c> however long it takes (not the client's default of one second), so that the body is never sent.</param>
    private HttpClient MediaHostClient(bool waitForContinue = false)
    {
        var client = _kestrel.CreateClient();
        if (waitForContinue)
        {
            var address = client.BaseAddress;
            client.Dispose();
            client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(1) }) { BaseAddress = address };
        }

        client.Timeout = TimeSpan.FromMinutes(2);
        client.DefaultRequestHeaders.Add(MediaHostContract.ServiceKeyHeader, CallsFixture.ServiceKey);
        return client;
    }

    /// <summary>A long run of zero bytes that is never held in memory.</summary>
    private sealed class Zeros(long length) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = (int)Math.Min(count, Length - Position);
            Array.Clear(buffer, offset, read);
            Position += read;
            return read;
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            _ => Length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
