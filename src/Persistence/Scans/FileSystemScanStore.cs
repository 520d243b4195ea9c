using System.Buffers;
using System.Security.Cryptography;
using BranchArchive.Contracts.Scans;
using Microsoft.Extensions.Logging;

namespace BranchArchive.Persistence.Scans;

/// <summary>
/// The scan store as a directory: content lives at <c>&lt;root&gt;/&lt;first two hex digits&gt;/&lt;digest&gt;</c>
/// (the fan-out keeps directories small). An upload is written to a temporary file in the root,
/// flushed to disk, then renamed into place and the directory flushed, so a crash leaves either
/// the whole content under its digest or nothing under it (at most a stray temporary file).
/// Several processes may share the directory: they only ever rename complete, identical content
/// onto a digest.
/// </summary>
public sealed partial class FileSystemScanStore(string root, ILogger<FileSystemScanStore> logger, ScanMetrics? metrics = null) : IScanStore
{
    private const int BufferSize = 81920;
    private const string TemporaryPrefix = ".incoming-";

    /// <summary>An upload's temporary file untouched this long belongs to a process that died mid-upload.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(1);

    private int _sweptAbandoned;

    public string Root { get; } = Path.GetFullPath(root);

    public async Task<ScanWrite> PutAsync(Stream content, long maxBytes, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(Root))
        {
            Directory.CreateDirectory(Root);
            DirectorySync.Flush(Path.GetDirectoryName(Root)!); // the store's own entry, durable like what goes in it
        }
        if (Interlocked.Exchange(ref _sweptAbandoned, 1) == 0)
        {
            RemoveAbandonedUploads(AbandonedAfter);
        }
        var temporary = Path.Combine(Root, $"{TemporaryPrefix}{Guid.NewGuid():N}.tmp");
        try
        {
            var written = await WriteTemporaryAsync(content, temporary, maxBytes, cancellationToken);
            if (written.Outcome == ScanWriteOutcome.Stored)
            {
                written = MoveIntoPlace(temporary, written);
            }
            metrics?.Record(written);
            LogWrite(written.Outcome, written.Digest, written.Size, written.MediaType);
            return written;
        }
        finally
        {
            File.Delete(temporary); // refused, already stored, or failed: nothing of it stays
        }
    }

    public Stream? OpenRead(string digest)
    {
        try
        {
            return new FileStream(PathOf(digest), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            LogMissing(digest);
            return null;
        }
    }

    public bool Contains(string digest) => File.Exists(PathOf(digest));

    public async Task<bool> DeleteAsync(string digest, CancellationToken cancellationToken = default)
    {
        var path = PathOf(digest);
        if (!File.Exists(path))
        {
            return false;
        }
        // Zeros over the content before unlinking, so the blocks freed do not keep it (as far as the
        // file system writes in place; see docs/scans.md for copy-on-write volumes and backups).
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous))
        {
            var zeros = new byte[BufferSize];
            for (var left = file.Length; left > 0; left -= zeros.Length)
            {
                await file.WriteAsync(zeros.AsMemory(0, (int)Math.Min(left, zeros.Length)), cancellationToken);
            }
            file.Flush(flushToDisk: true);
        }
        File.Delete(path);
        DirectorySync.Flush(Path.GetDirectoryName(path)!);
        LogDeleted(digest);
        return true;
    }

    /// <summary>
    /// Removes temporary files left by uploads cut off by a crash (done once per process, at its
    /// first upload). Only old ones: another process sharing the volume may be writing the rest.
    /// </summary>
    public int RemoveAbandonedUploads(TimeSpan olderThan)
    {
        var removed = 0;
        foreach (var temporary in Directory.EnumerateFiles(Root, TemporaryPrefix + "*"))
        {
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(temporary) > olderThan)
            {
                File.Delete(temporary);
                removed++;
            }
        }
        if (removed > 0)
        {
            LogAbandonedRemoved(removed);
        }
        return removed;
    }

    private string PathOf(string digest) =>
        ScanDigests.IsValid(digest)
            ? Path.Combine(Root, digest[..2], digest)
            : throw new ArgumentException(ScanDigests.Description, nameof(digest));

    /// <summary>Copies, hashes and type-checks the content into <paramref name="temporary"/>; stops at the first reason to refuse it.</summary>
    private async Task<ScanWrite> WriteTemporaryAsync(Stream content, string temporary, long maxBytes, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            var header = new byte[ScanMediaTypes.HeaderLength];
            var headerLength = 0;
            string? mediaType = null;
            long size = 0;
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
            {
                size += read;
                if (size > maxBytes)
                {
                    return new ScanWrite(ScanWriteOutcome.TooLarge, null, size, null);
                }
                if (mediaType is null)
                {
                    var take = Math.Min(read, header.Length - headerLength);
                    buffer.AsSpan(0, take).CopyTo(header.AsSpan(headerLength));
                    headerLength += take;
                    if (headerLength == header.Length && (mediaType = ScanMediaTypes.Detect(header)) is null)
                    {
                        return new ScanWrite(ScanWriteOutcome.UnsupportedType, null, size, null);
                    }
                }
                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            if (size == 0)
            {
                return new ScanWrite(ScanWriteOutcome.Empty, null, 0, null);
            }
            mediaType ??= ScanMediaTypes.Detect(header.AsSpan(0, headerLength)); // content shorter than the header
            if (mediaType is null)
            {
                return new ScanWrite(ScanWriteOutcome.UnsupportedType, null, size, null);
            }
            var digest = Convert.ToHexStringLower(hash.GetHashAndReset());
            if (!File.Exists(PathOf(digest)))
            {
                file.Flush(flushToDisk: true); // only bytes about to be kept need to reach the disk
            }
            return new ScanWrite(ScanWriteOutcome.Stored, digest, size, mediaType);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private ScanWrite MoveIntoPlace(string temporary, ScanWrite written)
    {
        var target = PathOf(written.Digest!);
        if (File.Exists(target))
        {
            return written with { Outcome = ScanWriteOutcome.AlreadyStored };
        }
        var directory = Path.GetDirectoryName(target)!;
        var newDirectory = !Directory.Exists(directory);
        Directory.CreateDirectory(directory);
        if (newDirectory)
        {
            DirectorySync.Flush(Root);
        }
        // Another writer may have renamed the same content onto the digest meanwhile: the bytes are
        // identical, so replacing them atomically changes nothing a reader could see.
        File.Move(temporary, target, overwrite: true);
        DirectorySync.Flush(directory);
        return written;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scan upload {Outcome}: {Digest}, {Size} bytes, {MediaType}")]
    private partial void LogWrite(ScanWriteOutcome outcome, string? digest, long size, string? mediaType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scan {Digest} was asked for but is not in the store")]
    private partial void LogMissing(string digest);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} temporary file(s) of abandoned uploads removed from the scan store")]
    private partial void LogAbandonedRemoved(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scan {Digest} overwritten and deleted from the store")]
    private partial void LogDeleted(string digest);
}
