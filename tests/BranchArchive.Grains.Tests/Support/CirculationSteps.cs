using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Results;

namespace BranchArchive.Grains.Tests.Support;

/// <summary>The circulation tests' shared steps: a file any branch may borrow, a request, and "refused, nothing changed".</summary>
public static class CirculationSteps
{
    /// <summary>A registered file other branches may borrow (Internal: Confidential files are lent at home only).</summary>
    public static async Task<ICustomerFileGrain> Lendable(IGrainFactory grains, string branch)
    {
        var file = grains.GetGrain<ICustomerFileGrain>(FileIds.New());
        (await file.Register(Archive.NewFile(branch) with { Sensitivity = Sensitivity.Internal }, Archive.Archivist)).AssertSucceeded();
        return file;
    }

    public static RequestFileCommand Request(string pickupBranch) => new($"reader.{pickupBranch.ToLowerInvariant()}", pickupBranch, "Credit review", 7);

    public static async Task<CustomerFile> View(ICustomerFileGrain file) => (await file.Get(Archive.Archivist)).AssertSucceeded();

    /// <summary>The step is refused as expected and the file is exactly as before.</summary>
    public static async Task RefusedWithoutChange<T>(ICustomerFileGrain file, Func<Task<ArchiveResult<T>>> step, Outcome expected)
    {
        var before = await View(file);
        (await step()).AssertRefused(expected);
        Assert.Equal(before.Version, (await View(file)).Version);
    }
}
