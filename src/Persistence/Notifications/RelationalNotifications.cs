using BranchArchive.Persistence.Sqlite;
using BranchArchive.Persistence.Writes;
using Npgsql;

namespace BranchArchive.Persistence.Notifications;

/// <summary>The notice subscriptions and deliveries of one database, built the way each store needs (as <see cref="RelationalArchive"/>).</summary>
public sealed record RelationalNotifications(RelationalNoticeSubscriptions Subscriptions, RelationalNoticeDeliveries Deliveries)
{
    public static RelationalNotifications On(SqliteDatabase sqlite) =>
        new(new RelationalNoticeSubscriptions(sqlite.Readers, sqlite.Writes), new RelationalNoticeDeliveries(sqlite.Readers, sqlite.Writes));

    public static RelationalNotifications On(NpgsqlDataSource postgres)
    {
        var writes = new TransactionPerUnit(postgres);
        return new(new RelationalNoticeSubscriptions(postgres, writes), new RelationalNoticeDeliveries(postgres, writes));
    }
}
