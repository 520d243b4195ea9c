using System.Data.Common;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Notifications;
using BranchArchive.Persistence.Writes;

namespace BranchArchive.Persistence.Notifications;

/// <summary>Notice subscriptions in the archive's database (SQLite or PostgreSQL; the same SQL for both).</summary>
public sealed class RelationalNoticeSubscriptions(DbDataSource reads, IDurableWrites writes) : INoticeSubscriptionStore
{
    internal const string Columns = "Id, Branch, Channel, Target, Kinds, Language, DailyDigest, Enabled, CreatedBy, CreatedAt";

    internal static readonly int ColumnCount = Columns.Split(", ").Length;

    public Task AddAsync(NoticeSubscription subscription, string? secret, CancellationToken cancellationToken = default) =>
        writes.RunAsync(async (connection, transaction, token) =>
        {
            await using var insert = DbCommands.Create(connection, transaction,
                $"INSERT INTO NoticeSubscriptions ({Columns}, Secret) VALUES (@id, @branch, @channel, @target, @kinds, @language, @digest, @enabled, @by, @at, @secret)",
                [
                    ("@id", subscription.Id), ("@branch", subscription.Branch), ("@channel", subscription.Channel.ToString()),
                    ("@target", subscription.Target), ("@kinds", string.Join(",", subscription.Kinds)), ("@language", subscription.Language),
                    ("@digest", subscription.DailyDigest ? 1 : 0), ("@enabled", subscription.Enabled ? 1 : 0),
                    ("@by", subscription.CreatedBy), ("@at", Timestamps.Format(subscription.CreatedAt)), ("@secret", secret),
                ]);
            await insert.ExecuteNonQueryAsync(token);
        }, cancellationToken);

    public Task<IReadOnlyList<NoticeSubscription>> ListEnabledAsync(CancellationToken cancellationToken = default) =>
        QueryAsync($"SELECT {Columns} FROM NoticeSubscriptions WHERE Enabled = 1 ORDER BY CreatedAt, Id", [], cancellationToken);

    public Task<IReadOnlyList<NoticeSubscription>> ListAsync(string? branch, CancellationToken cancellationToken = default) =>
        branch is null
            ? QueryAsync($"SELECT {Columns} FROM NoticeSubscriptions ORDER BY CreatedAt, Id", [], cancellationToken)
            : QueryAsync($"SELECT {Columns} FROM NoticeSubscriptions WHERE Branch = @branch ORDER BY CreatedAt, Id", [("@branch", branch)], cancellationToken);

    public async Task<NoticeSubscription?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        (await QueryAsync($"SELECT {Columns} FROM NoticeSubscriptions WHERE Id = @id", [("@id", id)], cancellationToken)).SingleOrDefault();

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        writes.RunAsync(async (connection, transaction, token) =>
        {
            await using var deliveries = DbCommands.Create(connection, transaction, "DELETE FROM NoticeDeliveries WHERE SubscriptionId = @id", [("@id", id)]);
            await deliveries.ExecuteNonQueryAsync(token);
            await using var delete = DbCommands.Create(connection, transaction, "DELETE FROM NoticeSubscriptions WHERE Id = @id", [("@id", id)]);
            return await delete.ExecuteNonQueryAsync(token) > 0;
        }, cancellationToken);

    public Task<bool> SetEnabledAsync(string id, bool enabled, CancellationToken cancellationToken = default) =>
        writes.RunAsync(async (connection, transaction, token) =>
        {
            await using var update = DbCommands.Create(connection, transaction, "UPDATE NoticeSubscriptions SET Enabled = @enabled WHERE Id = @id",
                [("@id", id), ("@enabled", enabled ? 1 : 0)]);
            return await update.ExecuteNonQueryAsync(token) > 0;
        }, cancellationToken);

    private async Task<IReadOnlyList<NoticeSubscription>> QueryAsync(string sql, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        await using var connection = await reads.OpenConnectionAsync(cancellationToken);
        await using var select = DbCommands.Create(connection, null, sql, parameters);
        return await ReadAllAsync(select, cancellationToken);
    }

    internal static async Task<IReadOnlyList<NoticeSubscription>> ReadAllAsync(DbCommand select, CancellationToken cancellationToken)
    {
        var items = new List<NoticeSubscription>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(Read(reader, 0));
        }
        return items;
    }

    /// <summary>A subscription from the <see cref="Columns"/>, starting at <paramref name="at"/>.</summary>
    internal static NoticeSubscription Read(DbDataReader reader, int at)
    {
        var kinds = reader.GetString(at + 4);
        return new NoticeSubscription(
            reader.GetString(at), reader.IsDBNull(at + 1) ? null : reader.GetString(at + 1), Enum.Parse<NoticeChannel>(reader.GetString(at + 2)),
            reader.GetString(at + 3),
            kinds.Length == 0 ? [] : [.. kinds.Split(',').Select(Enum.Parse<NoticeKind>)],
            reader.GetString(at + 5), Convert.ToInt64(reader.GetValue(at + 6), System.Globalization.CultureInfo.InvariantCulture) != 0,
            Convert.ToInt64(reader.GetValue(at + 7), System.Globalization.CultureInfo.InvariantCulture) != 0,
            reader.GetString(at + 8), Timestamps.Parse(reader.GetString(at + 9)));
    }
}
