namespace BranchArchive.Contracts.Scans;

/// <summary>A scan's address in the store: the SHA-256 of its bytes as 64 lower-case hex digits.</summary>
public static class ScanDigests
{
    public const string Description = "must be a SHA-256 digest: 64 lower-case hexadecimal digits.";

    public static bool IsValid(string? digest) =>
        digest is { Length: 64 } && digest.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
