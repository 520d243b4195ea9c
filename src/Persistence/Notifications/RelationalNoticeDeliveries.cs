using System.Data.Common;
using System.Globalization;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Notifications;
using BranchArchive.Persistence.Circulation;
using BranchArchive.Persistence.Writes;

namespace BranchArchive.Persistence.Notifications;

/// <summary>The delivery pipeline's table (SQLite or PostgreSQL; the same SQL for both).</summary>
/// <param name="reads">Where queries run (SQLite: its readers, outside the writer).</param>
/// <param name="writes">Where changes run (SQLite: the file's one writer).</param>
public sealed class RelationalNoticeDeliveries(DbDataSource reads, IDurableWrites writes) : INoticeDeliveries
{
    // The notice's columns come first in every row read here, as RelationalLoanNotices.Read expects.
    private static readonly string NoticeColumns = Prefixed("n.", RelationalLoanNotices.Columns);

    public Task<int> DispatchAsync(Func<NoticeSubscription, LoanNotice, bool> wants, DateTimeOffset now, int limit, CancellationToken cancellationToken = default) =>
        writes.RunAsync(async (connection, transaction, token) =>
        {
            // Read inside the unit: the notices marked below are exactly those turned into deliveries.
            await using var subscriptionsQuery = DbCommands.Create(connection, transaction,
                $"SELECT {RelationalNoticeSubscriptions.Columns} FROM NoticeSubscriptions WHERE Enabled = 1", []);
            var subscriptions = await RelationalNoticeSubscriptions.ReadAllAsync(subscriptionsQuery, token);
            await using var noticesQuery = DbCommands.Create(connection, transaction,
                $"SELECT {NoticeColumns} FROM LoanNotices n WHERE n.DispatchedAt IS NULL ORDER BY n.At, n.FileId, n.Kind LIMIT @limit",
                [("@limit", limit)]);
            var notices = new List<(LoanNotice Notice, string Subject, string Kind, string DueAt)>();
            await using (var reader = await noticesQuery.ExecuteReaderAsync(token))
            {
                while (await reader.ReadAsync(token))
                {
                    notices.Add((RelationalLoanNotices.Read(reader), reader.GetString(0), reader.GetString(1), reader.GetString(2)));
                }
            }
            var at = Timestamps.Format(now);
            foreach (var (notice, subject, kind, dueAt) in notices)
            {
                foreach (var subscription in subscriptions.Where(s => wants(s, notice)))
                {
                    await using var insert = DbCommands.Create(connection, transaction,
                        """
                        INSERT INTO NoticeDeliveries (SubscriptionId, NoticeId, FileId, Kind, DueAt, Branch, Status, Attempts, NextAttemptAt, CreatedAt)
                        VALUES (@subscription, @notice, @file, @kind, @due, @branch, 'Pending', 0, @now, @now)
                        ON CONFLICT (SubscriptionId, NoticeId) DO NOTHING
                        """,
                        [("@subscription", subscription.Id), ("@notice", notice.Id), ("@file", subject), ("@kind", kind), ("@due", dueAt),
                            ("@branch", notice.Branch), ("@now", at)]);
                    await insert.ExecuteNonQueryAsync(token);
                }
                await using var mark = DbCommands.Create(connection, transaction,
                    "UPDATE LoanNotices SET DispatchedAt = @now WHERE FileId = @file AND Kind = @kind AND DueAt = @due",
                    [("@now", at), ("@file", subject), ("@kind", kind), ("@due", dueAt)]);
                await mark.ExecuteNonQueryAsync(token);
            }
            return notices.Count;
        }, cancellationToken);

    public async Task<IReadOnlyList<DueDelivery>> DueAsync(IReadOnlyCollection<NoticeChannel> channels, DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        if (channels.Count == 0)
        {
            return [];
        }
        var names = channels.Distinct().Select((channel, i) => (Name: $"@channel{i}", Value: (object?)channel.ToString())).ToList();
        await using var connection = await reads.OpenConnectionAsync(cancellationToken);
        await using var select = DbCommands.Create(connection, null,
            $"""
            SELECT {NoticeColumns}, {Prefixed("s.", RelationalNoticeSubscriptions.Columns)}, s.Secret, d.Attempts, d.CreatedAt
            FROM NoticeDeliveries d
            JOIN NoticeSubscriptions s ON s.Id = d.SubscriptionId
            JOIN LoanNotices n ON n.FileId = d.FileId AND n.Kind = d.Kind AND n.DueAt = d.DueAt
            WHERE d.Status = 'Pending' AND d.NextAttemptAt <= @now AND s.Enabled = 1 AND s.Channel IN ({string.Join(", ", names.Select(n => n.Name))})
            ORDER BY d.NextAttemptAt
            LIMIT @limit
            """,
            [("@now", Timestamps.Format(now)), ("@limit", limit), .. names]);
        var due = new List<DueDelivery>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var subscription = RelationalLoanNotices.ColumnCount;
            var secret = subscription + RelationalNoticeSubscriptions.ColumnCount;
            due.Add(new DueDelivery(RelationalNoticeSubscriptions.Read(reader, subscription), reader.IsDBNull(secret) ? null : reader.GetString(secret),
                RelationalLoanNotices.Read(reader), reader.GetInt32(secret + 1), Timestamps.Parse(reader.GetString(secret + 2))));
        }
        return due;
    }

    private static string Prefixed(string prefix, string columns) => string.Join(", ", columns.Split(", ").Select(c => prefix + c));

    public Task RecordAsync(string subscriptionId, string noticeId, DeliveryAttempt attempt, CancellationToken cancellationToken = default) =>
        writes.RunAsync(async (connection, transaction, token) =>
        {
            await using var update = DbCommands.Create(connection, transaction,
                """
                UPDATE NoticeDeliveries SET Status = @status, Attempts = @attempts, NextAttemptAt = @next, LastError = @error,
                    LastStatusCode = @code, DeliveredAt = @delivered
                WHERE SubscriptionId = @subscription AND NoticeId = @notice
                """,
                [
                    ("@status", attempt.Status.ToString()), ("@attempts", attempt.Attempts),
                    ("@next", attempt.NextAttemptAt is { } next ? Timestamps.Format(next) : null), ("@error", attempt.LastError),
                    ("@code", attempt.LastStatusCode), ("@delivered", attempt.DeliveredAt is { } delivered ? Timestamps.Format(delivered) : null),
                    ("@subscription", subscriptionId), ("@notice", noticeId),
                ]);
            await update.ExecuteNonQueryAsync(token);
        }, cancellationToken);

    private const string DeliveryColumns = "SubscriptionId, NoticeId, Kind, Branch, Status, Attempts, CreatedAt, NextAttemptAt, DeliveredAt, LastError, LastStatusCode";

    public Task<NoticeDeliveryPage> LogAsync(string subscriptionId, int page, int pageSize, CancellationToken cancellationToken = default) =>
        PageAsync("SubscriptionId = @subscription", [("@subscription", subscriptionId)], "CreatedAt DESC, NoticeId", page, pageSize, cancellationToken);

    public Task<NoticeDeliveryPage> ParkedAsync(int page, int pageSize, CancellationToken cancellationToken = default) =>
        PageAsync("Status = 'Parked'", [], "CreatedAt, SubscriptionId, NoticeId", page, pageSize, cancellationToken);

    public async Task<long> CountParkedAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await reads.OpenConnectionAsync(cancellationToken);
        await using var count = DbCommands.Create(connection, null, "SELECT COUNT(*) FROM NoticeDeliveries WHERE Status = 'Parked'", []);
        return Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private async Task<NoticeDeliveryPage> PageAsync(string where, (string, object?)[] parameters, string order, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var connection = await reads.OpenConnectionAsync(cancellationToken);
        await using var count = DbCommands.Create(connection, null, $"SELECT COUNT(*) FROM NoticeDeliveries WHERE {where}", parameters);
        var total = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        await using var select = DbCommands.Create(connection, null,
            $"SELECT {DeliveryColumns} FROM NoticeDeliveries WHERE {where} ORDER BY {order} LIMIT @limit OFFSET @offset",
            [.. parameters, ("@limit", pageSize), ("@offset", (long)(page - 1) * pageSize)]);
        var items = new List<NoticeDelivery>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new NoticeDelivery(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                Enum.Parse<DeliveryStatus>(reader.GetString(4)), reader.GetInt32(5), Timestamps.Parse(reader.GetString(6)),
                reader.IsDBNull(7) ? null : Timestamps.Parse(reader.GetString(7)), reader.IsDBNull(8) ? null : Timestamps.Parse(reader.GetString(8)),
                reader.IsDBNull(9) ? null : reader.GetString(9), reader.IsDBNull(10) ? null : reader.GetInt32(10)));
        }
        return new NoticeDeliveryPage(total, page, pageSize, items);
    }

    public Task<int> ReplayAsync(string? subscriptionId, string? noticeId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        writes.RunAsync(async (connection, transaction, token) =>
        {
            var one = subscriptionId is not null;
            await using var update = DbCommands.Create(connection, transaction,
                "UPDATE NoticeDeliveries SET Status = 'Pending', Attempts = 0, NextAttemptAt = @now " +
                (one ? "WHERE Status = 'Parked' AND SubscriptionId = @subscription AND NoticeId = @notice" : "WHERE Status = 'Parked'"),
                one ? [("@now", Timestamps.Format(now)), ("@subscription", subscriptionId), ("@notice", noticeId)] : [("@now", Timestamps.Format(now))]);
            return await update.ExecuteNonQueryAsync(token);
        }, cancellationToken);
}
