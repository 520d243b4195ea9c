using BranchArchive.Contracts.Validation;

namespace BranchArchive.Contracts.Scans;

/// <summary>Records bytes already in the scan store as a scanned copy of the file's document at <see cref="DocumentIndex"/>.</summary>
[GenerateSerializer, Immutable, Alias("attach-scan-command")]
public sealed record AttachScanCommand(
    [property: Id(0)] int DocumentIndex,
    [property: Id(1)] string Digest,
    [property: Id(2)] long Size,
    [property: Id(3)] string MediaType,
    [property: Id(4)] string? OriginalName)
{
    public const int MaxNameLength = 200;

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        ValidateDocumentIndex(errors, DocumentIndex);
        if (!ScanDigests.IsValid(Digest))
        {
            errors.Add("digest", ScanDigests.Description);
        }
        errors.Range("size", Size, 1, long.MaxValue);
        if (!ScanMediaTypes.All.Contains(MediaType))
        {
            errors.Add("mediaType", $"must be one of {string.Join(", ", ScanMediaTypes.All)}.");
        }
        ValidateName(errors, OriginalName);
        return errors;
    }

    public static void ValidateDocumentIndex(ValidationErrors errors, int index) => errors.Range("index", index, 0, int.MaxValue);

    /// <summary>A file name as a scanner or desktop gives it: no path, no control characters.</summary>
    public static void ValidateName(ValidationErrors errors, string? name)
    {
        errors.OptionalText("name", name, MaxNameLength);
        if (name is not null && (name.Length == 0 || name.IndexOfAny(['/', '\\']) >= 0))
        {
            errors.Add("name", "must be a file name without a path.");
        }
    }
}
