using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Retention;
using BranchArchive.Grains.Files;
using BranchArchive.Grains.Retention;

namespace BranchArchive.Grains.Tests.Retention;

/// <summary>Until when a file is kept, from its stage, its documents and the configured rules.</summary>
public sealed class RetentionRulesTests
{
    private static readonly DateTimeOffset Registered = new(2020, 1, 10, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Ended = new(2024, 6, 30, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_file_stored_before_stages_were_kept_has_no_end_of_retention()
    {
        var file = File(stage: null);

        Assert.Null(RetentionRules.RetainUntil(file, new RetentionOptions()));
        Assert.NotNull(RetentionRules.RefuseDestruction(file, new RetentionOptions(), Registered.AddYears(50)));
    }

    [Fact]
    public void The_longest_matching_rule_counts_from_the_end_of_the_relationship_or_from_registration()
    {
        var defaults = new RetentionOptions();

        Assert.Equal(Ended.AddYears(5), RetentionRules.RetainUntil(File(CooperationStage.Terminated, DocumentType.BasicInfo), defaults));
        Assert.Equal(Ended.AddYears(10), RetentionRules.RetainUntil(File(CooperationStage.Terminated, DocumentType.BasicInfo, DocumentType.Credit), defaults));
        Assert.Equal(Registered.AddYears(3), RetentionRules.RetainUntil(File(CooperationStage.Potential), defaults));
        Assert.Null(RetentionRules.RetainUntil(File(CooperationStage.Stable), defaults));
        var configured = new RetentionOptions { Rules = [new RetentionRule { Stage = CooperationStage.Terminated, Years = 7 }] };
        Assert.Equal(Ended.AddYears(7), RetentionRules.RetainUntil(File(CooperationStage.Terminated, DocumentType.Credit), configured));
    }

    [Fact]
    public void A_legal_hold_takes_the_file_off_the_list()
    {
        var file = File(CooperationStage.Terminated);
        file.LegalHold = new LegalHold("Litigation", "head.archivist", Ended);

        Assert.Null(RetentionRules.RetainUntil(file, new RetentionOptions()));
    }

    private static CustomerFileState File(CooperationStage? stage, params DocumentType[] documents) => new()
    {
        Stage = stage,
        RegisteredAt = Registered,
        RelationshipEndedAt = stage == CooperationStage.Terminated ? Ended : null,
        Documents = documents.Select(type => new FileDocument(type, type.ToString(), 1, null)).ToList(),
        Status = FileStatus.OnShelf,
    };
}
