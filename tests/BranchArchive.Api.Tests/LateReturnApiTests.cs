using System.Globalization;
using System.Net;
using BranchArchive.Api.Tests.Support;
using BranchArchive.Testing;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests;

/// <summary>Over HTTP: a return dated from a paper register, and renewals left on the loan.</summary>
public abstract class LateReturnApiTests(ArchiveHostFixture fixture)
{
    private ArchiveClient Api => fixture.Client;

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    [SkippableFact]
    public async Task A_return_carries_the_day_the_file_came_back_and_the_register_keeps_it_with_when_it_was_entered()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var clerk = await Api.Clerk(branch);
        var id = (await Api.RegisterFile(clerk, branch)).GetProperty("id").GetString();
        var loan = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/checkout", clerk, Checkout(days: 14)));
        var loanId = loan.GetProperty("loanId").GetString();
        var checkedOutAt = loan.GetProperty("checkedOutAt").GetDateTimeOffset();
        Assert.Equal(2, loan.GetProperty("renewalsLeft").GetInt32());

        var renewed = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/renew", clerk, new { loanId, days = 7 }));
        Assert.Equal(1, renewed.GetProperty("renewalsLeft").GetInt32());
        var view = await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}", clerk));
        Assert.Equal(1, view.GetProperty("loan").GetProperty("renewalsLeft").GetInt32());
        var open = Assert.Single((await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}/loans", clerk))).EnumerateArray().ToList());
        Assert.Equal(1, open.GetProperty("loan").GetProperty("renewalsLeft").GetInt32());

        var future = await ExpectProblem(HttpStatusCode.BadRequest, Api.Post($"/api/files/{id}/return", clerk,
            new { loanId, condition = "Intact", notes = "", returnedAt = Timestamp(DateTimeOffset.UtcNow.AddHours(1)) }));
        Assert.StartsWith("returnedAt must not be in the future", future.GetProperty("detail").GetString());
        Assert.True(future.GetProperty("errors").TryGetProperty("returnedAt", out _));
        var early = await ExpectProblem(HttpStatusCode.BadRequest, Api.Post($"/api/files/{id}/return", clerk,
            new { loanId, condition = "Intact", notes = "", returnedAt = Timestamp(checkedOutAt.AddMinutes(-5)) }));
        Assert.Contains("before the checkout", early.GetProperty("detail").GetString());
        Assert.Equal("CheckedOut", (await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}", clerk))).GetProperty("status").GetString());

        // Entered now, some requests after the checkout it names: the register keeps both moments.
        var returned = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/return", clerk,
            new { loanId, condition = "Intact", notes = "from the paper register", returnedAt = Timestamp(checkedOutAt) }));
        Assert.Equal("OnShelf", returned.GetProperty("status").GetString());
        var line = Assert.Single((await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}/loans", clerk))).EnumerateArray().ToList());
        Assert.Equal(checkedOutAt, line.GetProperty("returnedAt").GetDateTimeOffset());
        Assert.True(line.GetProperty("recordedAt").GetDateTimeOffset() > checkedOutAt);
        Assert.Equal(0, line.GetProperty("daysOverdue").GetInt32());
        var audit = await Expect(HttpStatusCode.OK, Api.Get($"/api/audit?fileId={id}&action=file.return", await Api.Archivist()));
        Assert.Equal(1, audit.GetProperty("total").GetInt32());
    }
}

[Collection(ArchiveHostCollection.Name)]
public sealed class LateReturnApiTestsOnSqlite(SqliteArchiveHostFixture fixture) : LateReturnApiTests(fixture);

[Collection(PostgresArchiveHostCollection.Name)]
public sealed class LateReturnApiTestsOnPostgres(PostgresArchiveHostFixture fixture) : LateReturnApiTests(fixture);

/// <summary>Over HTTP, with the archive's policy set: a renewal too early is refused, naming the policy.</summary>
public sealed class EarlyRenewalApiTests
{
    [Fact]
    public async Task A_renewal_asked_for_long_before_the_due_date_is_a_409_naming_the_policy_and_changes_nothing()
    {
        await using var host = await ArchiveHost.StartAsync(extra: new() { ["Circulation:EarliestRenewalBefore"] = "3.00:00:00" });
        var api = host.Client;
        var branch = await api.OpenBranchWithCabinet();
        var clerk = await api.Clerk(branch);
        var id = (await api.RegisterFile(clerk, branch)).GetProperty("id").GetString();
        var loan = await Expect(HttpStatusCode.OK, api.Post($"/api/files/{id}/checkout", clerk, Checkout(days: 14)));

        var refused = await ExpectProblem(HttpStatusCode.Conflict,
            api.Post($"/api/files/{id}/renew", clerk, new { loanId = loan.GetProperty("loanId").GetString(), days = 7 }));

        Assert.Contains("Circulation:EarliestRenewalBefore allows renewing at most 3 day(s) before the due date", refused.GetProperty("detail").GetString());
        var view = await Expect(HttpStatusCode.OK, api.Get($"/api/files/{id}", clerk));
        Assert.Equal((loan.GetProperty("dueAt").GetDateTimeOffset(), 2), (view.GetProperty("loan").GetProperty("dueAt").GetDateTimeOffset(),
            view.GetProperty("loan").GetProperty("renewalsLeft").GetInt32()));
    }
}
