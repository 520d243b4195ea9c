namespace BranchArchive.Contracts.Files;

/// <summary>
/// A customer's file as staff see it: classification, home (branch and cabinet), status, open
/// loan, where it is now (<c>Location</c>: the branch holding it, or null on the road), where it stands
/// in a journey (<c>CirculationStage</c>) and goes next (<c>Destination</c>), and who waits for it.
/// </summary>
[GenerateSerializer, Immutable, Alias("customer-file")]
public sealed record CustomerFile(
    [property: Id(0)] string Id,
    [property: Id(1)] long FileNumber,
    [property: Id(2)] Customer Customer,
    [property: Id(3)] Importance Importance,
    [property: Id(4)] ColorLabel ColorLabel,
    [property: Id(5)] Sensitivity Sensitivity,
    [property: Id(6)] bool Lendable,
    [property: Id(7)] IReadOnlyList<string> Tags,
    [property: Id(8)] IReadOnlyList<FileDocument> Documents,
    [property: Id(9)] FileStatus Status,
    [property: Id(10)] string Branch,
    [property: Id(11)] string Cabinet,
    [property: Id(12)] Loan? Loan,
    [property: Id(13)] long Version,
    [property: Id(14)] DateTimeOffset RegisteredAt,
    [property: Id(15)] DateTimeOffset UpdatedAt,
    [property: Id(16)] string? Location,
    [property: Id(17)] Circulation.TransitLeg? Transit,
    [property: Id(18)] IReadOnlyList<Circulation.FileRequest> Requests,
    [property: Id(19)] bool Overdue,
    [property: Id(20)] CooperationStage? Stage,
    [property: Id(21)] Relationship Relationship,
    [property: Id(22)] int? Year,
    [property: Id(23)] int? Quarter,
    [property: Id(24)] DateTimeOffset? RelationshipEndedAt,
    [property: Id(25)] IReadOnlyList<Repairs.MissingDocument> MissingDocuments,
    [property: Id(26)] Repairs.Repair? Repair,
    [property: Id(27)] Retention.LegalHold? LegalHold,
    [property: Id(28)] Retention.DestructionRequest? Destruction,
    [property: Id(29)] Retention.DestructionRecord? Destroyed,
    [property: Id(30)] Circulation.CirculationStage CirculationStage = Circulation.CirculationStage.AtHome,
    [property: Id(31)] string? Destination = null,
    [property: Id(32)] Circulation.ReadingSession? Reading = null);
