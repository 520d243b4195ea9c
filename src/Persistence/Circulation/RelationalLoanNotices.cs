using System.Data.Common;
using System.Globalization;
using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Files;
using BranchArchive.Persistence.Writes;

namespace BranchArchive.Persistence.Circulation;

/// <summary>Loan notices in the archive's database (SQLite or PostgreSQL; the same SQL for both).</summary>
/// <param name="reads">Where queries run (SQLite: its readers, outside the writer).</param>
/// <param name="writes">Where a notice is stored (SQLite: the file's one writer).</param>
public sealed class RelationalLoanNotices(DbDataSource reads, IDurableWrites writes) : ILoanNotices
{

    public Task AddAsync(LoanNotice notice, CancellationToken cancellationToken = default) =>
        writes.RunAsync((connection, transaction, token) => AddInAsync(connection, transaction, notice, token), cancellationToken);

    private static async Task AddInAsync(DbConnection connection, DbTransaction transaction, LoanNotice notice, CancellationToken cancellationToken)
    {
        var (subject, kind, due) = (SubjectOf(notice), notice.Kind.ToString(), Timestamps.Format(notice.DueAt));
        await using var insert = DbCommands.Create(connection, transaction,
            """
            INSERT INTO LoanNotices (FileId, Kind, DueAt, Branch, FileNumber, LoanId, Borrower, At, RequestId, NoticeId, Recipient)
            VALUES (@file, @kind, @due, @branch, @number, @loan, @borrower, @at, @request, @id, @recipient)
            ON CONFLICT (FileId, Kind, DueAt) DO NOTHING
            """,
            [
                ("@file", subject), ("@kind", kind), ("@due", due),
                ("@branch", notice.Branch), ("@number", notice.FileNumber), ("@loan", notice.LoanId),
                ("@borrower", notice.Borrower), ("@at", Timestamps.Format(notice.At)), ("@request", notice.RequestId),
                ("@id", IdOf(subject, kind, due)), ("@recipient", notice.Recipient),
            ]);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<LoanNoticePage> ListAsync(NoticeQuery query, CancellationToken cancellationToken = default)
    {
        var (where, parameters) = WhereOf(query);
        await using var connection = await reads.OpenConnectionAsync(cancellationToken);
        await using var count = DbCommands.Create(connection, null, "SELECT COUNT(*) FROM LoanNotices" + where, parameters);
        var total = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        await using var select = DbCommands.Create(connection, null,
            $"SELECT {Columns} FROM LoanNotices{where} " +
            "ORDER BY At DESC, FileId, Kind LIMIT @limit OFFSET @offset",
            [.. parameters, ("@limit", query.PageSize), ("@offset", (long)(query.Page - 1) * query.PageSize)]);
        var items = new List<LoanNotice>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(Read(reader));
        }
        return new LoanNoticePage(total, query.Page, query.PageSize, items);
    }

    /// <summary>The columns <see cref="Read"/> reads, in its order (the delivery pipeline joins them with its own).</summary>
    internal const string Columns = "FileId, Kind, DueAt, Branch, FileNumber, LoanId, Borrower, At, RequestId, Recipient, ReadAt, ReadBy";

    internal static readonly int ColumnCount = Columns.Split(", ").Length;

    public async Task<LoanNotice?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await reads.OpenConnectionAsync(cancellationToken);
        await using var select = DbCommands.Create(connection, null, $"SELECT {Columns} FROM LoanNotices WHERE NoticeId = @id", [("@id", id)]);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public Task<bool> MarkAsync(string id, bool read, string by, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        writes.RunAsync(async (connection, transaction, token) =>
        {
            // Read: the first reader stays (marking again changes nothing). Unread: forgets who read it.
            await using var update = DbCommands.Create(connection, transaction,
                read
                    ? "UPDATE LoanNotices SET ReadAt = @at, ReadBy = @by WHERE NoticeId = @id AND ReadAt IS NULL"
                    : "UPDATE LoanNotices SET ReadAt = NULL, ReadBy = NULL WHERE NoticeId = @id AND ReadAt IS NOT NULL",
                [("@id", id), ("@at", Timestamps.Format(at)), ("@by", by)]);
            return await update.ExecuteNonQueryAsync(token) > 0;
        }, cancellationToken);

    private static (string Where, (string, object?)[] Parameters) WhereOf(NoticeQuery query)
    {
        var conditions = new List<string>();
        var parameters = new List<(string, object?)>();
        if (query.Recipient is not null)
        {
            conditions.Add("Recipient = @recipient");
            parameters.Add(("@recipient", query.Recipient));
        }
        else if (query.BranchAddressed)
        {
            conditions.Add("Recipient IS NULL");
        }
        if (query.Read is { } read)
        {
            conditions.Add(read ? "ReadAt IS NOT NULL" : "ReadAt IS NULL");
        }
        if (query.Branch is not null)
        {
            conditions.Add("Branch = @branch");
            parameters.Add(("@branch", query.Branch));
        }
        if (query.Kinds is { Count: > 0 } kinds)
        {
            // Kinds are an enum: their names are safe to place in the statement as parameters, one each.
            var names = kinds.Distinct().Select((kind, i) => (Name: $"@kind{i}", Value: kind.ToString())).ToList();
            conditions.Add($"Kind IN ({string.Join(", ", names.Select(n => n.Name))})");
            parameters.AddRange(names.Select(n => (n.Name, (object?)n.Value)));
        }
        if (query.Since is { } since)
        {
            conditions.Add("At >= @since");
            parameters.Add(("@since", Timestamps.Format(since)));
        }
        if (query.Before is { } before)
        {
            conditions.Add("At < @before");
            parameters.Add(("@before", Timestamps.Format(before)));
        }
        return (conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions), [.. parameters]);
    }

    /// <summary>A notice from a row of <see cref="Columns"/> (in that order).</summary>
    internal static LoanNotice Read(DbDataReader reader)
    {
        var subject = reader.GetString(0);
        var (file, cabinet, import) = FromSubject(subject);
        var kind = reader.GetString(1);
        var due = reader.GetString(2);
        return new LoanNotice(file, Enum.Parse<NoticeKind>(kind), Timestamps.Parse(due),
            reader.GetString(3), reader.GetInt64(4), reader.GetString(5), reader.GetString(6), Timestamps.Parse(reader.GetString(7)), cabinet,
            TextOrNull(reader, 8), IdOf(subject, kind, due), TextOrNull(reader, 9), import,
            TextOrNull(reader, 10) is { } readAt ? Timestamps.Parse(readAt) : null, TextOrNull(reader, 11));
    }

    private static string? TextOrNull(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>
    /// The notice's stable id: a hash of its primary key (subject, kind, due date), so the same event
    /// has the same id however often it is raised, read or delivered, with no column to fill.
    /// </summary>
    internal static string IdOf(string subject, string kind, string dueAt)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{subject}\n{kind}\n{dueAt}"));
        return "ntc_" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    // A cabinet's inspection notice is keyed by the cabinet in the FileId column (no file id has
    // this prefix), so "once per kind and due date" holds for cabinets with the same primary key.
    private const string CabinetPrefix = "cabinet:";

    // A notice of the circulation's exceptions goes to several branches (or several requests of one
    // branch) at once: its key names the request, or else the branch, after the file id and a '#'
    // (no file id has one), so each is stored once.
    private const string RecipientSeparator = "#";

    // An import's notice is keyed by the import job in the FileId column, as a cabinet's.
    private const string ImportPrefix = "import:";

    // A notice to a person is the same event as its branch's notice, told to one more addressee:
    // its key is the branch notice's with '@' and the staff id after it.
    private const string PersonSeparator = "@";

    private static string SubjectOf(LoanNotice notice)
    {
        var subject = notice.Cabinet is { } cabinet ? CabinetPrefix + notice.Branch + "/" + cabinet
            : notice.ImportJob is { } job ? ImportPrefix + job
            : IsKeyedByFile(notice.Kind) ? notice.FileId
            : notice.FileId + RecipientSeparator + (notice.RequestId ?? notice.Branch);
        return notice.Recipient is { } person ? subject + PersonSeparator + person : subject;
    }

    // Loan reminders, and the warning that a pickup is about to expire, are one per file and date:
    // the sweeper finds the files still to be told by that key.
    private static bool IsKeyedByFile(NoticeKind kind) => kind is NoticeKind.DueSoon or NoticeKind.Overdue or NoticeKind.PickupExpiring;

    private static (string FileId, string? Cabinet, string? Import) FromSubject(string subject)
    {
        if (subject.StartsWith(CabinetPrefix, StringComparison.Ordinal))
        {
            return ("", subject[(subject.LastIndexOf('/') + 1)..], null);
        }
        if (subject.StartsWith(ImportPrefix, StringComparison.Ordinal))
        {
            var job = subject[ImportPrefix.Length..];
            return ("", null, job.IndexOf(PersonSeparator, StringComparison.Ordinal) is var at and >= 0 ? job[..at] : job);
        }
        // File ids are letters, digits and '-': the first '#' or '@' ends one.
        var cut = subject.IndexOfAny(['#', '@']);
        return (cut >= 0 ? subject[..cut] : subject, null, null);
    }

    public async Task<IReadOnlyList<string>> FindUnnoticedAsync(NoticeKind kind, DateTimeOffset dueBefore, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await reads.OpenConnectionAsync(cancellationToken);
        // The catalogue's overdue index serves the range; the notice's key answers "already told".
        await using var select = DbCommands.Create(connection, null,
            $"""
            SELECT f.FileId FROM CatalogueFiles f
            WHERE f.Status = '{FileStatus.CheckedOut}' AND f.DueAt IS NOT NULL AND f.DueAt < @before
              AND NOT EXISTS (SELECT 1 FROM LoanNotices n WHERE n.FileId = f.FileId AND n.Kind = @kind AND n.DueAt = f.DueAt)
            LIMIT @limit
            """,
            [("@before", Timestamps.Format(dueBefore)), ("@kind", kind.ToString()), ("@limit", limit)]);
        return await ReadIds(select, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> FindAwaitingPickupSinceAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await reads.OpenConnectionAsync(cancellationToken);
        // IX_CatalogueFiles_AwaitingPickup holds only the few files waiting for their borrower.
        await using var select = DbCommands.Create(connection, null,
            "SELECT FileId FROM CatalogueFiles WHERE AwaitingPickupSince IS NOT NULL AND AwaitingPickupSince < @since ORDER BY AwaitingPickupSince LIMIT @limit",
            [("@since", Timestamps.Format(since)), ("@limit", limit)]);
        return await ReadIds(select, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> FindPickupsToWarnAsync(DateTimeOffset since, DateTimeOffset notBefore, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await reads.OpenConnectionAsync(cancellationToken);
        // A warning raised since the wait began is this wait's (the file's key is its id, the date its expiry).
        await using var select = DbCommands.Create(connection, null,
            $"""
            SELECT f.FileId FROM CatalogueFiles f
            WHERE f.AwaitingPickupSince IS NOT NULL AND f.AwaitingPickupSince < @since AND f.AwaitingPickupSince >= @notBefore
              AND NOT EXISTS (SELECT 1 FROM LoanNotices n WHERE n.FileId = f.FileId AND n.Kind = '{NoticeKind.PickupExpiring}' AND n.At >= f.AwaitingPickupSince)
            ORDER BY f.AwaitingPickupSince LIMIT @limit
            """,
            [("@since", Timestamps.Format(since)), ("@notBefore", Timestamps.Format(notBefore)), ("@limit", limit)]);
        return await ReadIds(select, cancellationToken);
    }

    private static async Task<IReadOnlyList<string>> ReadIds(DbCommand select, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }
}
