namespace BranchArchive.Persistence.Writes;

/// <summary>
/// Writes that arrive while a group is being written wait for it, then go together in the next
/// group: under load one transaction (one lock, one commit) carries many callers' writes. Each
/// caller is answered when the group holding its item is written. If a group fails, its items are
/// written again one at a time, so one bad item fails only its own caller.
/// </summary>
public sealed class WriteGroups<T>(Func<IReadOnlyList<T>, Task> writeGroup)
{
    private readonly Lock _lock = new();
    private List<Waiting> _queued = [];
    private bool _writing;

    public async Task WriteAsync(T item, CancellationToken cancellationToken = default)
    {
        var waiting = new Waiting(item);
        lock (_lock)
        {
            _queued.Add(waiting);
            if (!_writing)
            {
                // Written off the caller's thread (a grain's turn): under steady load the loop
                // never runs dry, and no caller should wait for more than its own group.
                _writing = true;
                _ = Task.Run(WriteQueuedAsync, CancellationToken.None);
            }
        }
        await waiting.Answer.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteQueuedAsync()
    {
        while (true)
        {
            List<Waiting> group;
            lock (_lock)
            {
                if (_queued.Count == 0)
                {
                    _writing = false;
                    return;
                }
                (group, _queued) = (_queued, []);
            }
            try
            {
                await writeGroup([.. group.Select(w => w.Item)]);
                group.ForEach(w => w.Answer.TrySetResult());
            }
            catch (Exception failure) when (group.Count == 1)
            {
                group[0].Answer.TrySetException(failure);
            }
            catch (Exception)
            {
                foreach (var waiting in group)
                {
                    try
                    {
                        await writeGroup([waiting.Item]);
                        waiting.Answer.TrySetResult();
                    }
                    catch (Exception failure)
                    {
                        waiting.Answer.TrySetException(failure);
                    }
                }
            }
        }
    }

    private sealed record Waiting(T Item)
    {
        public TaskCompletionSource Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
