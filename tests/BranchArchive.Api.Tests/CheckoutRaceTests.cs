using BranchArchive.Testing;
using System.Net;
using System.Text.Json;
using BranchArchive.Api.Tests.Support;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests;

public abstract class CheckoutRaceTests(ArchiveHostFixture fixture)
{
    private ArchiveClient Api => fixture.Client;

    [SkippableFact]
    public async Task Sixty_four_concurrent_checkouts_over_http_give_one_loan_and_sixty_three_conflicts_every_round()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var clerk = await Api.Clerk(branch);
        for (var round = 0; round < 20; round++)
        {
            var id = (await Api.RegisterFile(clerk, branch)).GetProperty("id").GetString();

            var answers = await Task.WhenAll(Enumerable.Range(0, 64).Select(async i =>
            {
                using var response = await Api.Post($"/api/files/{id}/checkout", clerk, Checkout($"borrower.{i}"));
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
            }));

            var granted = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
            Assert.Equal(63, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
            var loanId = JsonDocument.Parse(granted.Body).RootElement.GetProperty("loanId").GetString();
            var file = await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}", clerk));
            Assert.Equal(loanId, file.GetProperty("loan").GetProperty("loanId").GetString());
        }
    }
}

[Collection(ArchiveHostCollection.Name)]
public sealed class CheckoutRaceTestsOnSqlite(SqliteArchiveHostFixture fixture) : CheckoutRaceTests(fixture);

[Collection(PostgresArchiveHostCollection.Name)]
public sealed class CheckoutRaceTestsOnPostgres(PostgresArchiveHostFixture fixture) : CheckoutRaceTests(fixture);
