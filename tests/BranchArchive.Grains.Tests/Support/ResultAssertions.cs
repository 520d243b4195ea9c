using BranchArchive.Contracts.Results;

namespace BranchArchive.Grains.Tests.Support;

public static class ResultAssertions
{
    public static T AssertSucceeded<T>(this ArchiveResult<T> result)
    {
        Assert.True(result.Succeeded, $"Expected success but got {result.Outcome}: {result.Detail}");
        return result.Value!;
    }

    public static void AssertRefused<T>(this ArchiveResult<T> result, Outcome expected)
    {
        Assert.Equal(expected, result.Outcome);
        Assert.False(string.IsNullOrWhiteSpace(result.Detail));
    }
}
