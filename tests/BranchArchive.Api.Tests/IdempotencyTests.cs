using BranchArchive.Testing;
using System.Net;
using BranchArchive.Api.Tests.Support;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests;

public abstract class IdempotencyTests(ArchiveHostFixture fixture)
{
    private ArchiveClient Api => fixture.Client;

    [SkippableFact]
    public async Task Repeating_a_registration_with_its_key_answers_the_same_file_and_fills_one_place()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var clerk = await Api.Clerk(branch);
        var key = Guid.NewGuid().ToString();

        var first = await Api.RegisterFile(clerk, branch, key);
        var repeat = await Api.RegisterFile(clerk, branch, key);

        Assert.Equal(first.GetProperty("id").GetString(), repeat.GetProperty("id").GetString());
        Assert.Equal(first.GetProperty("fileNumber").GetInt64(), repeat.GetProperty("fileNumber").GetInt64());
        var cabinet = await Expect(HttpStatusCode.OK, Api.Get($"/api/branches/{branch}/cabinets/C01", clerk));
        Assert.Equal(1, cabinet.GetProperty("occupied").GetInt32());
    }

    [SkippableFact]
    public async Task Repeating_a_checkout_and_a_return_with_their_keys_has_one_effect_each()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var clerk = await Api.Clerk(branch);
        var id = (await Api.RegisterFile(clerk, branch)).GetProperty("id").GetString();

        var loan = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/checkout", clerk, Checkout(), "co-1"));
        var again = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/checkout", clerk, Checkout(), "co-1"));
        var giveBack = new { loanId = loan.GetProperty("loanId").GetString(), condition = "Intact" };
        await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/return", clerk, giveBack, "ret-1"));
        var returnedAgain = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/return", clerk, giveBack, "ret-1"));

        Assert.Equal(loan.GetProperty("loanId").GetString(), again.GetProperty("loanId").GetString());
        Assert.Equal(3, returnedAgain.GetProperty("version").GetInt32());
        var register = await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}/loans", clerk));
        Assert.Equal(1, register.GetArrayLength());
    }

    [SkippableFact]
    public async Task A_key_reused_with_another_body_is_a_conflict()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var clerk = await Api.Clerk(branch);
        var id = (await Api.RegisterFile(clerk, branch)).GetProperty("id").GetString();
        await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/checkout", clerk, Checkout("li.si"), "co-x"));

        await ExpectProblem(HttpStatusCode.Conflict, Api.Post($"/api/files/{id}/checkout", clerk, Checkout("wang.wu"), "co-x"));
    }

    [SkippableFact]
    public async Task Repeating_a_branch_opening_with_its_key_answers_created_again_but_without_it_conflicts()
    {
        var archivist = await Api.Archivist();
        var code = "I" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var body = new { code, name = "Hangzhou", region = "East" };

        await Expect(HttpStatusCode.Created, Api.Post("/api/branches", archivist, body, "open-1"));
        await Expect(HttpStatusCode.Created, Api.Post("/api/branches", archivist, body, "open-1"));
        await ExpectProblem(HttpStatusCode.Conflict, Api.Post("/api/branches", archivist, body));
    }
}

[Collection(ArchiveHostCollection.Name)]
public sealed class IdempotencyTestsOnSqlite(SqliteArchiveHostFixture fixture) : IdempotencyTests(fixture);

[Collection(PostgresArchiveHostCollection.Name)]
public sealed class IdempotencyTestsOnPostgres(PostgresArchiveHostFixture fixture) : IdempotencyTests(fixture);
