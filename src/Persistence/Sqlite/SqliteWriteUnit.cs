using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace BranchArchive.Persistence.Sqlite;

/// <summary>One caller's writes inside a group commit, and the answer it waits for.</summary>
internal abstract class SqliteWriteUnit(CancellationToken cancellationToken)
{
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Why this unit's own statements were rolled back, if they were.</summary>
    public Exception? Failure { get; set; }

    /// <summary>Runs the statements on the writer's thread, inside the group's transaction.</summary>
    public abstract void Run(SqliteConnection connection, SqliteTransaction transaction);

    /// <summary>Answers the caller: after the group's commit, or with the reason nothing was kept.</summary>
    public abstract void Finish(Exception? groupFailure);

    /// <summary>Answers a caller who gave up before the unit ran.</summary>
    public abstract void Cancel();
}

internal sealed class SqliteWriteUnit<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    : SqliteWriteUnit(cancellationToken)
{
    // Continuations run elsewhere: the writer's thread goes straight on to the next group.
    private readonly TaskCompletionSource<T> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public Task<T> Answer => _answer.Task;

    // Microsoft.Data.Sqlite's async methods complete synchronously, so this runs to its end here,
    // on the writer's own thread (which no one else needs while it waits).
    public override void Run(SqliteConnection connection, SqliteTransaction transaction) =>
        _result = work(connection, transaction, CancellationToken).GetAwaiter().GetResult();

    public override void Finish(Exception? groupFailure)
    {
        if ((groupFailure ?? Failure) is { } failure)
        {
            _answer.TrySetException(failure);
        }
        else
        {
            _answer.TrySetResult(_result!);
        }
    }

    public override void Cancel() => _answer.TrySetCanceled(CancellationToken);
}
