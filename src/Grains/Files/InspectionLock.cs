using BranchArchive.Contracts.Files;

namespace BranchArchive.Grains.Files;

/// <summary>A file held by its cabinet's inspection: which one, since when, and how it stood then.</summary>
public sealed record InspectionLock(string InspectionId, DateTimeOffset Since, FileStatus StatusAtStart);
