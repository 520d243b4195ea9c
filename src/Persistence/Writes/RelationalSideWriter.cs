using System.Data.Common;
using BranchArchive.Contracts.Audit;
using BranchArchive.Contracts.Storage;
using BranchArchive.Persistence.Audit;
using BranchArchive.Persistence.Catalogue;
using BranchArchive.Persistence.Register;

namespace BranchArchive.Persistence.Writes;

/// <summary>
/// Writes what a stored change writes beside its state (audit records, catalogue line, register
/// entries), the one way each store does it best.
/// </summary>
public sealed class RelationalSideWriter : ISideWriter
{
    private readonly IDurableWrites _writes;
    private readonly RelationalAuditLog? _audit;
    private readonly IAuditLog? _groupedAudit;
    private readonly RelationalCatalogue _catalogue;
    private readonly WriteGroups<SideWrites>? _linesAndRegister;

    private RelationalSideWriter(IDurableWrites writes, RelationalAuditLog? audit, IAuditLog? groupedAudit, RelationalCatalogue catalogue)
    {
        (_writes, _audit, _groupedAudit, _catalogue) = (writes, audit, groupedAudit, catalogue);
        _linesAndRegister = groupedAudit is null
            ? null
            : new(group => _writes.RunAsync((connection, transaction, token) => WriteGroupInAsync(connection, transaction, group, token)));
    }

    /// <summary>
    /// SQLite: one writer runs the grain storage's statements and these alike, so they join the
    /// state write's own unit (one transaction, one commit for the whole change).
    /// </summary>
    public static RelationalSideWriter Joined(IDurableWrites writer, RelationalAuditLog audit, RelationalCatalogue catalogue) =>
        new(writer, audit, groupedAudit: null, catalogue);

    /// <summary>
    /// PostgreSQL: Orleans' provider commits the state on a connection of its own, so these follow
    /// it: the audit records through the process's grouped appends (the chain's end is one
    /// cluster-wide lock) while the catalogue line and register entries, at the same time, go in
    /// a group of their own (one transaction for what queued together, its counters moved once).
    /// </summary>
    public static RelationalSideWriter After(IDurableWrites writes, IAuditLog groupedAudit, RelationalCatalogue catalogue) =>
        new(writes, audit: null, groupedAudit, catalogue);

    /// <summary>Joined where appends are not grouped apart from the state's writer (SQLite).</summary>
    public bool JoinsStateWrites => _groupedAudit is null;

    public IJoinedWrites JoinNextStateWrite(SideWrites writes) => JoinsStateWrites
        ? StateWriteCompanion.Attach((connection, transaction, token) => WriteInAsync(connection, transaction, writes, token))
        : throw new NotSupportedException("This store writes side writes after the state, not with it.");

    public async Task WriteAsync(SideWrites writes, CancellationToken cancellationToken = default)
    {
        if (writes.IsEmpty)
        {
            return;
        }
        if (_groupedAudit is null)
        {
            await _writes.RunAsync((connection, transaction, token) => WriteInAsync(connection, transaction, writes, token),
                cancellationToken);
            return;
        }
        var audit = _groupedAudit.AppendAsync(writes.Audit, cancellationToken);
        var rest = writes.CatalogueLine is null && writes.Register is null
            ? Task.CompletedTask
            : _linesAndRegister!.WriteAsync(writes, cancellationToken);
        await Task.WhenAll(audit, rest);
    }

    /// <summary>Several changes' lines and register entries in one transaction, files in id order, counters last in key order.</summary>
    private async Task WriteGroupInAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<SideWrites> group, CancellationToken cancellationToken)
    {
        var counts = new RelationalCatalogue.CounterChanges();
        foreach (var writes in group.OrderBy(w => w.CatalogueLine?.FileId ?? w.Register?.FileId, StringComparer.Ordinal))
        {
            if (writes.Register is { } register)
            {
                await RelationalFileRegister.AppendInAsync(connection, transaction, register, cancellationToken);
            }
            if (writes.CatalogueLine is { } line)
            {
                await _catalogue.WriteLineInAsync(connection, transaction, line, counts, cancellationToken);
            }
        }
        await counts.ApplyAsync(connection, transaction, cancellationToken);
    }

    private async Task WriteInAsync(DbConnection connection, DbTransaction transaction, SideWrites writes, CancellationToken cancellationToken)
    {
        if (writes.Register is { } register)
        {
            await RelationalFileRegister.AppendInAsync(connection, transaction, register, cancellationToken);
        }
        if (writes.CatalogueLine is { } line)
        {
            await _catalogue.UpsertInAsync(connection, transaction, line, cancellationToken);
        }
        if (writes.Audit.Count > 0)
        {
            await _audit!.AppendInAsync(connection, transaction, writes.Audit, cancellationToken);
        }
    }
}
