using System.Data.Common;

namespace BranchArchive.Persistence.Changes;

/// <summary>
/// The provider's own write statement (<c>WriteToStorageKey</c> in OrleansQuery, installed by the
/// schema scripts): read once, so a change store's version check is the provider's, word for word.
/// </summary>
internal sealed class WriteQuery(DbDataSource reads)
{
    private Task<string>? _text;

    public Task<string> TextAsync(CancellationToken cancellationToken) => _text ??= LoadAsync(cancellationToken);

    private async Task<string> LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await reads.OpenConnectionAsync(cancellationToken);
            await using var command = DbCommands.Create(connection, null, "SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'WriteToStorageKey'", []);
            return (string?)await command.ExecuteScalarAsync(cancellationToken)
                ?? throw new InvalidOperationException("OrleansQuery holds no WriteToStorageKey: the schema is not installed.");
        }
        catch
        {
            _text = null; // tried again by the next change
            throw;
        }
    }
}
