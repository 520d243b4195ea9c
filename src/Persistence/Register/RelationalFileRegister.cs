using BranchArchive.Contracts.Circulation;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Storage;
using BranchArchive.Persistence.Serialization;

namespace BranchArchive.Persistence.Register;

/// <summary>The file register in the archive's database (SQLite or PostgreSQL; the same SQL for both).</summary>
/// <param name="reads">Where queries run (SQLite: its readers, outside the writer).</param>
public sealed class RelationalFileRegister(DbDataSource reads) : IFileRegister
{
    private const string Loan = "loan";
    private const string Custody = "custody";

    /// <summary>Writes the entries inside the caller's transaction; an entry written before is overwritten with itself.</summary>
    internal static async Task AppendInAsync(DbConnection connection, DbTransaction transaction, RegisterEntries entries, CancellationToken cancellationToken)
    {
        foreach (var statement in Statements(entries))
        {
            await statement.ExecuteAsync(connection, transaction, cancellationToken);
        }
    }

    /// <summary>The upserts of the entries, oldest first (run in this order: each is numbered after the ones before).</summary>
    internal static IEnumerable<Statement> Statements(RegisterEntries entries)
    {
        foreach (var loan in entries.Loans)
        {
            yield return Upsert(entries.FileId, Loan, loan.Loan.LoanId, Json(loan));
        }
        foreach (var custody in entries.Custody)
        {
            var payload = Json(custody);
            yield return Upsert(entries.FileId, Custody, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(payload))), payload);
        }
    }

    public async Task<IReadOnlyList<LoanRecord>> LoansAsync(string fileId, int limit, CancellationToken cancellationToken = default) =>
        await NewestAsync<LoanRecord>(fileId, Loan, limit, null, cancellationToken);

    public async Task<IReadOnlyList<CustodyEvent>> CustodyAsync(string fileId, int limit, CancellationToken cancellationToken = default) =>
        await NewestAsync<CustodyEvent>(fileId, Custody, limit, null, cancellationToken);

    public async Task<IReadOnlyList<LoanRecord>> LoansAsync(string fileId, int limit, Func<LoanRecord, bool> include,
        CancellationToken cancellationToken = default) =>
        await NewestAsync(fileId, Loan, limit, include, cancellationToken);

    public async Task<IReadOnlyList<CustodyEvent>> CustodyAsync(string fileId, int limit, Func<CustodyEvent, bool> include,
        CancellationToken cancellationToken = default) =>
        await NewestAsync(fileId, Custody, limit, include, cancellationToken);

    public async Task<LoanRecord?> LoanAsync(string fileId, string loanId, CancellationToken cancellationToken = default)
    {
        await using var connection = await reads.OpenConnectionAsync(cancellationToken);
        await using var select = DbCommands.Create(connection, null,
            "SELECT Payload FROM FileRegister WHERE FileId = @file AND Kind = @kind AND EntryKey = @key",
            [("@file", fileId), ("@kind", Loan), ("@key", loanId)]);
        return await select.ExecuteScalarAsync(cancellationToken) is string payload ? Parse<LoanRecord>(payload) : null;
    }

    /// <summary>
    /// The newest entries, newest read first. Without <paramref name="include"/> the database stops at
    /// <paramref name="limit"/>; with it, rows are read (the file's own, on its index) until that many are kept.
    /// </summary>
    private async Task<List<T>> NewestAsync<T>(string fileId, string kind, int limit, Func<T, bool>? include, CancellationToken cancellationToken)
    {
        await using var connection = await reads.OpenConnectionAsync(cancellationToken);
        await using var select = DbCommands.Create(connection, null,
            "SELECT Payload FROM FileRegister WHERE FileId = @file AND Kind = @kind ORDER BY Seq DESC, EntryKey DESC" + (include is null ? " LIMIT @limit" : ""),
            include is null ? [("@file", fileId), ("@kind", kind), ("@limit", limit)] : [("@file", fileId), ("@kind", kind)]);
        var entries = new List<T>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (entries.Count < limit && await reader.ReadAsync(cancellationToken))
        {
            var entry = Parse<T>(reader.GetString(0));
            if (include?.Invoke(entry) ?? true)
            {
                entries.Add(entry);
            }
        }
        entries.Reverse();
        return entries;
    }

    // A new entry is numbered after the file's last one of its kind, by the table itself (the
    // file's writes are one at a time), so no count kept in the state can go wrong. A loan's
    // entry keeps the number it got when the loan opened; its payload follows the loan.
    private static Statement Upsert(string fileId, string kind, string key, string payload) => new(
        "INSERT INTO FileRegister (FileId, Kind, EntryKey, Seq, Payload) " +
        "VALUES (@file, @kind, @key, COALESCE((SELECT MAX(Seq) FROM FileRegister WHERE FileId = @file AND Kind = @kind), 0) + 1, @payload) " +
        "ON CONFLICT (FileId, Kind, EntryKey) DO UPDATE SET Payload = excluded.Payload",
        [("@file", fileId), ("@kind", kind), ("@key", key), ("@payload", payload)]);

    private static string Json<T>(T entry) => JsonSerializer.Serialize(entry, ArchiveStateSerializer.Options);

    private static T Parse<T>(string payload) =>
        JsonSerializer.Deserialize<T>(payload, ArchiveStateSerializer.Options) ?? throw new JsonException("A register entry is null.");
}
