using BranchArchive.Contracts.Circulation;
using BranchArchive.Contracts.Notifications;
using BranchArchive.Grains.Notifications.Email;

namespace BranchArchive.Grains.Tests.Notifications;

/// <summary>The wording files: every kind has its words in both languages, and an unknown kind still reads well.</summary>
public sealed class EmailTemplateTests
{
    private static readonly EmailTemplates Templates = new(TimeZoneInfo.Utc);

    [Theory]
    [InlineData(EmailTemplates.English)]
    [InlineData(EmailTemplates.Chinese)]
    public void Every_notice_kind_has_its_own_wording(string language)
    {
        var missing = Enum.GetValues<NoticeKind>().Where(kind => !EmailTemplates.For(language).Kinds.ContainsKey(kind.ToString()));

        Assert.True(!missing.Any(), $"Templates/{language}.json has no wording for {string.Join(", ", missing)} (they get the generic one).");
    }

    [Theory]
    [InlineData(EmailTemplates.English, "BranchArchive: ShelfAudited, file number 77", "A notice for branch BJ02: ShelfAudited, file number 77, dated 3 January 2027.")]
    [InlineData(EmailTemplates.Chinese, "客户档案管理系统：ShelfAudited，档案编号 77", "网点 BJ02 的通知：ShelfAudited，档案编号 77，日期 2027年1月3日。")]
    public void A_kind_without_its_own_wording_gets_the_generic_one_in_the_recipients_language(string language, string subject, string body)
    {
        var notice = new NoticeMessage("ntc_x", "ShelfAudited" /* a kind the wording files do not know */, DateTimeOffset.UnixEpoch, 1, "BJ02", "file-9", 77, null, null, null,
            new DateTimeOffset(2027, 1, 3, 8, 0, 0, TimeSpan.Zero), null);

        var text = Templates.Notice(language, notice);

        Assert.Equal(subject, text.Subject);
        Assert.Contains(body, text.Body);
    }

    [Fact]
    public void A_cabinet_notice_names_the_cabinet_and_an_unknown_language_reads_English()
    {
        var notice = new NoticeMessage("ntc_c", nameof(NoticeKind.InspectionDue), DateTimeOffset.UnixEpoch, 1, "SH01", null, null, "C07", null, null,
            new DateTimeOffset(2027, 3, 31, 0, 0, 0, TimeSpan.Zero), null);

        Assert.Equal("Inspection due: cabinet C07 of branch SH01 by 31 March 2027", Templates.Notice("fr", notice).Subject);
    }

    [Theory]
    [InlineData(EmailTemplates.English, "BranchArchive: ShelfAudited, branch BJ02")]
    [InlineData(EmailTemplates.Chinese, "客户档案管理系统：ShelfAudited，网点 BJ02")]
    public void A_notice_with_neither_file_nor_cabinet_is_about_its_branch(string language, string subject)
    {
        var notice = new NoticeMessage("ntc_i", "ShelfAudited", DateTimeOffset.UnixEpoch, 1, "BJ02", null, null, null, null, null,
            new DateTimeOffset(2027, 1, 3, 8, 0, 0, TimeSpan.Zero), null);

        Assert.Equal(subject, Templates.Notice(language, notice).Subject);
    }
}
