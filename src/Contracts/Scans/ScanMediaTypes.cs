namespace BranchArchive.Contracts.Scans;

/// <summary>
/// The kinds of scan the archive keeps, recognised by their first bytes (what a client calls the
/// content does not count): PDF, PNG, JPEG and TIFF.
/// </summary>
public static class ScanMediaTypes
{
    public const string Pdf = "application/pdf";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Tiff = "image/tiff";

    public static readonly IReadOnlyList<string> All = [Pdf, Png, Jpeg, Tiff];

    /// <summary>How many leading bytes <see cref="Detect"/> needs to decide.</summary>
    public const int HeaderLength = 8;

    private static ReadOnlySpan<byte> PdfMagic => "%PDF-"u8;
    private static ReadOnlySpan<byte> PngMagic => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> JpegMagic => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> TiffLittleEndian => [0x49, 0x49, 0x2A, 0x00];
    private static ReadOnlySpan<byte> TiffBigEndian => [0x4D, 0x4D, 0x00, 0x2A];

    /// <summary>The media type the content starts like, or null for anything else.</summary>
    public static string? Detect(ReadOnlySpan<byte> header) =>
        header.StartsWith(PdfMagic) ? Pdf
        : header.StartsWith(PngMagic) ? Png
        : header.StartsWith(JpegMagic) ? Jpeg
        : header.StartsWith(TiffLittleEndian) || header.StartsWith(TiffBigEndian) ? Tiff
        : null;
}
