using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using BranchArchive.Api.Tests.Support;
using BranchArchive.Testing;

namespace BranchArchive.Api.Tests.Scans;

/// <summary>
/// One archive for the scan tests, with a small scan limit so an oversize upload is cheap, and
/// its scan store where the embedded default puts it: <c>scans</c> beside the SQLite file.
/// </summary>
public sealed class ScanHostFixture : IAsyncLifetime
{
    public const long MaxBytes = 256 * 1024;

    private ArchiveHost? _host;

    public ArchiveHost Host => _host ?? throw new InvalidOperationException("Not started.");

    public ArchiveClient Client => Host.Client;

    public string ScanDirectory => Path.Combine(Path.GetDirectoryName(Host.Settings.Storage.Settings.Sqlite.Path)!, "scans");

    public async Task InitializeAsync() =>
        _host = await ArchiveHost.StartAsync(extra: new() { ["Scans:MaxBytes"] = MaxBytes.ToString() });

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    /// <summary>The content files in the store (temporary files included), by name.</summary>
    public IReadOnlyList<string> StoredFiles() =>
        Directory.Exists(ScanDirectory)
            ? Directory.EnumerateFiles(ScanDirectory, "*", SearchOption.AllDirectories).Select(path => Path.GetFileName(path)).ToList()
            : [];
}

[CollectionDefinition(Name)]
public sealed class ScanHostCollection : ICollectionFixture<ScanHostFixture>
{
    public const string Name = "archive with a small scan limit";
}

/// <summary>Scan content as scanners produce it (the right first bytes, then unique noise) and the calls that send it.</summary>
internal static class ScanContent
{
    public static byte[] Pdf(int size = 4096) => WithMagic("%PDF-1.7\n"u8, size);

    public static byte[] Png(int size = 4096) => WithMagic([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], size);

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static Task<HttpResponseMessage> Upload(this ArchiveClient api, string fileId, int document, string token, byte[] content,
        string? name = null, string contentType = "application/octet-stream")
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var query = name is null ? "" : $"?name={Uri.EscapeDataString(name)}";
        return api.Send(HttpMethod.Post, $"/api/files/{fileId}/documents/{document}/scans{query}", token, body);
    }

    /// <summary>Registers a file with the given documents and sensitivity; answers its id.</summary>
    public static async Task<string> RegisterFile(this ArchiveClient api, string token, string branch, string sensitivity, params string[] documentTypes)
    {
        var file = await ArchiveClient.Expect(HttpStatusCode.Created, api.Post("/api/files", token, new
        {
            branch,
            cabinet = "C01",
            customer = new { name = "张三", type = "Individual", idNumber = "310101199001011234" },
            importance = "Normal",
            sensitivity,
            documents = documentTypes.Select((type, i) => new { type, title = $"Document {i}", pages = 2, date = "2026-03-01" }).ToArray(),
        }));
        return file.GetProperty("id").GetString()!;
    }

    public static async Task<List<JsonElement>> AuditOf(this ArchiveClient api, string fileId, string action)
    {
        var page = await ArchiveClient.Expect(HttpStatusCode.OK, api.Get($"/api/audit?fileId={fileId}&pageSize=500", await api.Archivist()));
        return page.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("action").GetString() == action).ToList();
    }

    /// <summary>A body sent without Content-Length (chunked), as a scanner streaming its output would.</summary>
    public sealed class Chunked(byte[] content) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(content).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private static byte[] WithMagic(ReadOnlySpan<byte> magic, int size)
    {
        var content = RandomNumberGenerator.GetBytes(size);
        magic.CopyTo(content);
        return content;
    }
}
