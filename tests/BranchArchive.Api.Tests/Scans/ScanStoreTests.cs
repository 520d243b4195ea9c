using System.Security.Cryptography;
using BranchArchive.Contracts.Scans;
using BranchArchive.Persistence.Scans;
using System.Diagnostics.Metrics;
using BranchArchive.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace BranchArchive.Api.Tests.Scans;

/// <summary>The scan store on a real directory: what a write leaves on disk, dedupe, refusals, delete.</summary>
public sealed class ScanStoreTests : IDisposable
{
    private const long Limit = 64 * 1024;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "branch-archive-tests", "scans-" + Guid.NewGuid().ToString("N"));
    private readonly FileSystemScanStore _store;

    public ScanStoreTests() => _store = new FileSystemScanStore(_root, NullLogger<FileSystemScanStore>.Instance);

    [Fact]
    public async Task Content_is_kept_complete_under_its_sha256_with_no_temporary_file_left()
    {
        var pdf = ScanContent.Pdf(50_000);

        var written = await _store.PutAsync(new MemoryStream(pdf), Limit);

        Assert.Equal(new ScanWrite(ScanWriteOutcome.Stored, ScanContent.Sha256(pdf), pdf.Length, ScanMediaTypes.Pdf), written);
        var onDisk = Path.Combine(_root, written.Digest![..2], written.Digest);
        Assert.Equal(pdf, await File.ReadAllBytesAsync(onDisk));
        Assert.Equal([onDisk], Directory.GetFiles(_root, "*", SearchOption.AllDirectories));
        await using var read = _store.OpenRead(written.Digest)!;
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal(pdf, copy.ToArray());
    }

    [Fact]
    public async Task Identical_content_is_stored_once_even_when_written_concurrently()
    {
        var png = ScanContent.Png(30_000);

        var writes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => _store.PutAsync(new MemoryStream(png), Limit))));

        Assert.All(writes, w => Assert.True(w.Kept));
        Assert.Contains(writes, w => w.Outcome == ScanWriteOutcome.Stored);
        Assert.Equal(ScanWriteOutcome.AlreadyStored, (await _store.PutAsync(new MemoryStream(png), Limit)).Outcome);
        var files = Directory.GetFiles(_root, "*", SearchOption.AllDirectories);
        Assert.Equal(ScanContent.Sha256(png), Path.GetFileName(Assert.Single(files)));
        Assert.Equal(png, await File.ReadAllBytesAsync(files[0]));
    }

    [Theory]
    [InlineData("tiff-le", "image/tiff")]
    [InlineData("tiff-be", "image/tiff")]
    [InlineData("jpeg", "image/jpeg")]
    [InlineData("text", null)]
    [InlineData("zip", null)]
    [InlineData("short-pdf", "application/pdf")]
    public async Task The_type_is_judged_by_the_first_bytes(string kind, string? expected)
    {
        byte[] content = kind switch
        {
            "tiff-le" => [0x49, 0x49, 0x2A, 0x00, .. RandomNumberGenerator.GetBytes(100)],
            "tiff-be" => [0x4D, 0x4D, 0x00, 0x2A, .. RandomNumberGenerator.GetBytes(100)],
            "jpeg" => [0xFF, 0xD8, 0xFF, 0xE0, .. RandomNumberGenerator.GetBytes(100)],
            "text" => "Hello, this is not a scan at all."u8.ToArray(),
            "zip" => [0x50, 0x4B, 0x03, 0x04, .. RandomNumberGenerator.GetBytes(100)],
            _ => "%PDF-"u8.ToArray(),
        };

        var written = await _store.PutAsync(new MemoryStream(content), Limit);

        Assert.Equal(expected, written.MediaType);
        Assert.Equal(expected is null ? ScanWriteOutcome.UnsupportedType : ScanWriteOutcome.Stored, written.Outcome);
        Assert.Equal(expected is null ? 0 : 1, Directory.GetFiles(_root, "*", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task Refused_content_leaves_nothing_behind()
    {
        Assert.Equal(ScanWriteOutcome.TooLarge, (await _store.PutAsync(new MemoryStream(ScanContent.Pdf((int)Limit + 1)), Limit)).Outcome);
        Assert.Equal(ScanWriteOutcome.Empty, (await _store.PutAsync(new MemoryStream(), Limit)).Outcome);
        Assert.Equal(ScanWriteOutcome.Stored, (await _store.PutAsync(new MemoryStream(ScanContent.Pdf((int)Limit)), Limit)).Outcome);

        Assert.Single(Directory.GetFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task An_upload_that_breaks_off_leaves_neither_content_nor_temporary_file()
    {
        var pdf = ScanContent.Pdf(40_000);

        await Assert.ThrowsAsync<IOException>(() => _store.PutAsync(new BreaksOff(pdf, after: 20_000), Limit));

        Assert.Empty(Directory.GetFiles(_root, "*", SearchOption.AllDirectories));
        Assert.False(_store.Contains(ScanContent.Sha256(pdf)));
    }

    [Fact]
    public async Task Delete_removes_the_content_for_good()
    {
        var pdf = ScanContent.Pdf();
        var other = ScanContent.Pdf();
        var digest = (await _store.PutAsync(new MemoryStream(pdf), Limit)).Digest!;
        await _store.PutAsync(new MemoryStream(other), Limit);

        Assert.True(await _store.DeleteAsync(digest));

        Assert.False(_store.Contains(digest));
        Assert.Null(_store.OpenRead(digest));
        Assert.False(await _store.DeleteAsync(digest));
        Assert.True(_store.Contains(ScanContent.Sha256(other)));
        Assert.Equal(ScanWriteOutcome.Stored, (await _store.PutAsync(new MemoryStream(pdf), Limit)).Outcome); // can come back only by a new upload
    }

    [Fact]
    public void Digests_that_are_not_sha256_hex_are_refused_before_touching_the_disk()
    {
        Assert.Throws<ArgumentException>(() => _store.OpenRead("../../archive.db"));
        Assert.Throws<ArgumentException>(() => _store.Contains(new string('A', 64)));
    }

    [Fact]
    public async Task Temporary_files_of_uploads_cut_off_long_ago_are_removed_at_the_first_upload_and_recent_ones_kept()
    {
        Directory.CreateDirectory(_root);
        var abandoned = Path.Combine(_root, ".incoming-abandoned.tmp");
        var inProgress = Path.Combine(_root, ".incoming-in-progress.tmp");
        await File.WriteAllBytesAsync(abandoned, ScanContent.Pdf());
        await File.WriteAllBytesAsync(inProgress, ScanContent.Pdf());
        File.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow - FileSystemScanStore.AbandonedAfter - TimeSpan.FromMinutes(1));

        await _store.PutAsync(new MemoryStream(ScanContent.Png()), Limit);

        Assert.False(File.Exists(abandoned));
        Assert.True(File.Exists(inProgress)); // another process sharing the volume may still be writing it
    }

    [Fact]
    public async Task The_bytes_newly_stored_are_counted_once_and_every_write_by_its_outcome()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var store = new FileSystemScanStore(_root, NullLogger<FileSystemScanStore>.Instance, new ScanMetrics(meters));
        var measured = new List<(string Instrument, long Value, string? Outcome)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Meter.Name == StorageMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? outcome = null;
            foreach (var tag in tags)
            {
                outcome = tag.Key == "outcome" ? tag.Value as string : outcome;
            }
            lock (measured)
            {
                measured.Add((instrument.Name, value, outcome));
            }
        });
        listener.Start();
        var pdf = ScanContent.Pdf(10_000);

        await store.PutAsync(new MemoryStream(pdf), Limit);
        await store.PutAsync(new MemoryStream(pdf), Limit);
        await store.PutAsync(new MemoryStream("not a scan"u8.ToArray()), Limit);

        Assert.Equal([10_000], measured.Where(m => m.Instrument == "archive.scans.stored_bytes").Select(m => m.Value));
        Assert.Equal(["Stored", "AlreadyStored", "UnsupportedType"], measured.Where(m => m.Instrument == "archive.scans.writes").Select(m => m.Outcome));
        Assert.Equal([10_000, 10_000], measured.Where(m => m.Instrument == "archive.scans.size").Select(m => m.Value));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    /// <summary>A client connection dropping midway: some bytes, then an I/O error.</summary>
    private sealed class BreaksOff(byte[] content, int after) : Stream
    {
        private int _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= after)
            {
                throw new IOException("The connection was reset.");
            }
            var read = Math.Min(count, after - _position);
            Array.Copy(content, _position, buffer, offset, read);
            _position += read;
            return read;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
