using BranchArchive.Persistence.Writes;

namespace BranchArchive.Grains.Tests.Storage;

public sealed class WriteGroupsTests
{
    [Fact]
    public async Task Writes_queued_meanwhile_go_together_and_one_bad_item_fails_only_its_own_caller()
    {
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstHeld = new TaskCompletionSource();
        var groups = new List<string[]>();
        var writes = new WriteGroups<string>(async group =>
        {
            groups.Add([.. group]);
            if (group.Contains("first"))
            {
                firstStarted.SetResult();
                await firstHeld.Task; // the rest queue while this group is written
            }
            if (group.Contains("bad"))
            {
                throw new IOException("bad item");
            }
        });

        var first = writes.WriteAsync("first");
        await firstStarted.Task;
        var others = new[] { "a", "bad", "b" }.ToDictionary(item => item, item => writes.WriteAsync(item));
        firstHeld.SetResult();

        await first;
        await others["a"];
        await others["b"];
        await Assert.ThrowsAsync<IOException>(() => others["bad"]);
        // They went as one group; when it failed, each was written again on its own.
        Assert.Equal([["first"], ["a", "bad", "b"], ["a"], ["bad"], ["b"]], groups);
    }
}
