using System.Text;
using Microsoft.Extensions.Options;
using ProSaaS.Application.Files;
using ProSaaS.Infrastructure.Files;

namespace ProSaaS.Infrastructure.Tests.Files;

public sealed class DiskFileStorageTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "prosaas-storage-test-" + Guid.NewGuid().ToString("N"));
    private readonly DiskFileStorage _storage;

    public DiskFileStorageTests() => _storage = new DiskFileStorage(Options.Create(new StorageOptions { Path = _root }));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task A_blob_is_saved_read_and_deleted_under_its_key()
    {
        var key = StorageKeys.New("tenant-a", new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        key.Should().MatchRegex("^tenant-a/2026/03/[0-9a-f]{32}$");
        var bytes = Encoding.UTF8.GetBytes("תוכן הקובץ");

        await _storage.SaveAsync(key, new MemoryStream(bytes), CancellationToken.None);

        (await _storage.ExistsAsync(key, CancellationToken.None)).Should().BeTrue();
        File.ReadAllBytes(Path.Combine(_root, "tenant-a", "2026", "03", key.Split('/')[^1])).Should().Equal(bytes);
        await using (var read = await _storage.OpenReadAsync(key, CancellationToken.None))
        {
            using var copy = new MemoryStream();
            await read!.CopyToAsync(copy);
            copy.ToArray().Should().Equal(bytes);
        }

        (await _storage.DeleteAsync(key, CancellationToken.None)).Should().BeTrue();
        (await _storage.DeleteAsync(key, CancellationToken.None)).Should().BeFalse("a missing blob is already deleted");
        (await _storage.OpenReadAsync(key, CancellationToken.None)).Should().BeNull();
        (await _storage.ExistsAsync(key, CancellationToken.None)).Should().BeFalse();
    }

    [Fact]
    public async Task A_write_that_fails_midway_leaves_nothing_not_even_a_temporary_file()
    {
        var key = StorageKeys.New("tenant-a", DateTimeOffset.UtcNow);

        await FluentActions.Awaiting(() => _storage.SaveAsync(key, new FailingStream(100_000), CancellationToken.None))
            .Should().ThrowAsync<IOException>();

        (await _storage.ExistsAsync(key, CancellationToken.None)).Should().BeFalse();
        Directory.GetFiles(_root, "*", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Fact]
    public async Task An_existing_blob_is_never_overwritten()
    {
        var key = StorageKeys.New("tenant-a", DateTimeOffset.UtcNow);
        await _storage.SaveAsync(key, new MemoryStream([1, 2, 3]), CancellationToken.None);

        await FluentActions.Awaiting(() => _storage.SaveAsync(key, new MemoryStream([9]), CancellationToken.None)).Should().ThrowAsync<IOException>();

        await using var read = await _storage.OpenReadAsync(key, CancellationToken.None);
        read!.Length.Should().Be(3);
        Directory.GetFiles(_root, "*", SearchOption.AllDirectories).Should().ContainSingle();
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("tenant-a/../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("tenant-a/2026/03/../../../../x")]
    [InlineData("tenant-a/2026/03/photo.png")]
    [InlineData("tenant-a/2026/03/0123456789abcdef0123456789abcdef/extra")]
    [InlineData("tenant a/2026/03/0123456789abcdef0123456789abcdef")]
    [InlineData("tenant-a\\2026\\03\\0123456789abcdef0123456789abcdef")]
    [InlineData("")]
    public async Task Anything_but_a_storage_key_is_refused(string key)
    {
        await FluentActions.Awaiting(() => _storage.SaveAsync(key, new MemoryStream([1]), CancellationToken.None)).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => _storage.OpenReadAsync(key, CancellationToken.None)).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => _storage.DeleteAsync(key, CancellationToken.None)).Should().ThrowAsync<ArgumentException>();
        Directory.Exists(_root).Should().BeFalse();
    }

    [Fact]
    public void Keys_never_carry_what_the_uploader_chose()
    {
        FluentActions.Invoking(() => StorageKeys.New("../x", DateTimeOffset.UtcNow)).Should().Throw<ArgumentException>();
        StorageKeys.BelongsTo(StorageKeys.New("tenant-a", DateTimeOffset.UtcNow), "tenant-a").Should().BeTrue();
        StorageKeys.BelongsTo(StorageKeys.New("tenant-a", DateTimeOffset.UtcNow), "tenant").Should().BeFalse();
    }

    [Fact]
    public void A_relative_path_is_taken_from_the_content_root()
    {
        var storage = new DiskFileStorage(Options.Create(new StorageOptions()), new Environment(_root));
        storage.Root.Should().Be(Path.Combine(_root, ".state", "files") + Path.DirectorySeparatorChar);
    }

    private sealed class Environment(string root) : Microsoft.Extensions.Hosting.IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";
        public string ApplicationName { get; set; } = "Test";
        public string ContentRootPath { get; set; } = root;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }

    /// <summary>Gives some bytes, then fails like a dropped connection.</summary>
    private sealed class FailingStream(int failAfter) : Stream
    {
        private int _given;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_given >= failAfter)
            {
                throw new IOException("The client went away.");
            }

            var n = Math.Min(count, failAfter - _given);
            Array.Fill(buffer, (byte)7, offset, n);
            _given += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _given; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
