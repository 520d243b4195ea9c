using BranchArchive.Contracts.Storage;

namespace BranchArchive.Grains.Tests.Support;

/// <summary>
/// The real side writer, whose audit or catalogue part a test can make fail, as a lost connection
/// to that table would. While either is down, side writes are not joined to state writes (the
/// state still stores them), so the test sees the deferred path that a store writing them after
/// the state (PostgreSQL) takes on such a failure.
/// </summary>
public sealed class SwitchableSideWriter(ISideWriter inner, AuditOutage audit, CatalogueOutage catalogue) : ISideWriter
{
    public bool JoinsStateWrites => inner.JoinsStateWrites && !audit.Down && !catalogue.Down;

    public IJoinedWrites JoinNextStateWrite(SideWrites writes) => inner.JoinNextStateWrite(writes);

    public Task WriteAsync(SideWrites writes, CancellationToken cancellationToken = default) =>
        audit.Down && writes.Audit.Count > 0 ? throw new IOException("The audit log is unavailable (test outage).")
        : catalogue.Down && writes.CatalogueLine is not null ? throw new IOException("The catalogue is unavailable (test outage).")
        : inner.WriteAsync(writes, cancellationToken);

    public static void Install(ISiloBuilder silo, AuditOutage? audit = null, CatalogueOutage? catalogue = null) =>
        silo.Services.Decorate<ISideWriter>(inner => new SwitchableSideWriter(inner, audit ?? new AuditOutage(), catalogue ?? new CatalogueOutage()));
}

public sealed class CatalogueOutage
{
    public volatile bool Down;
}
