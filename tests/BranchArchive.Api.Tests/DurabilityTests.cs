using BranchArchive.Testing;
using System.Net;
using System.Text.Json;
using BranchArchive.Api.Tests.Support;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests;

/// <summary>Every acknowledged change outlives the process that acknowledged it.</summary>
public sealed class DurabilityTests
{
    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task A_new_host_on_the_same_database_reads_back_every_acknowledged_change(string storage)
    {
        var settings = await ArchiveSettings.FreshAsync(storage);
        Acknowledged acknowledged;
        await using (var first = await ArchiveHost.StartAsync(settings))
        {
            acknowledged = await MakeChanges(first.Client);
        }

        await using var second = await ArchiveHost.StartAsync(settings);
        await AssertReadBack(second.Client, acknowledged);
    }

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task After_kill_9_and_a_restart_nothing_acknowledged_is_lost(string storage)
    {
        var settings = await ArchiveSettings.FreshAsync(storage);
        Acknowledged acknowledged;
        await using (var first = await ArchiveProcess.StartAsync(settings))
        {
            acknowledged = await MakeChanges(first.Client);
            await first.KillAsync();
        }

        await using var second = await ArchiveProcess.StartAsync(settings);
        await AssertReadBack(second.Client, acknowledged);
    }

    internal sealed record Acknowledged(string Branch, string LoanedFile, JsonElement Loan, string ReturnedFile, long LastFileNumber, string RegistrationKey);

    internal static async Task<Acknowledged> MakeChanges(ArchiveClient api)
    {
        var branch = await api.OpenBranchWithCabinet();
        var clerk = await api.Clerk(branch);
        var key = Guid.NewGuid().ToString();
        var loaned = (await api.RegisterFile(clerk, branch, key)).GetProperty("id").GetString()!;
        var returned = await api.RegisterFile(clerk, branch);
        var returnedId = returned.GetProperty("id").GetString()!;
        var loan = await Expect(HttpStatusCode.OK, api.Post($"/api/files/{loaned}/checkout", clerk, Checkout(), "co-k"));
        var other = await Expect(HttpStatusCode.OK, api.Post($"/api/files/{returnedId}/checkout", clerk, Checkout("li.si")));
        await Expect(HttpStatusCode.OK, api.Post($"/api/files/{returnedId}/return", clerk,
            new { loanId = other.GetProperty("loanId").GetString(), condition = "Damaged", notes = "coffee stain" }));
        return new Acknowledged(branch, loaned, loan, returnedId, returned.GetProperty("fileNumber").GetInt64(), key);
    }

    internal static async Task AssertReadBack(ArchiveClient api, Acknowledged acknowledged)
    {
        var clerk = await api.Clerk(acknowledged.Branch);
        var loaned = await Expect(HttpStatusCode.OK, api.Get($"/api/files/{acknowledged.LoanedFile}", clerk));
        Assert.Equal("CheckedOut", loaned.GetProperty("status").GetString());
        Assert.Equal(acknowledged.Loan.GetProperty("loanId").GetString(), loaned.GetProperty("loan").GetProperty("loanId").GetString());
        var returned = await Expect(HttpStatusCode.OK, api.Get($"/api/files/{acknowledged.ReturnedFile}", clerk));
        Assert.Equal("Damaged", returned.GetProperty("status").GetString());
        Assert.Equal(3, returned.GetProperty("version").GetInt32());
        var cabinet = await Expect(HttpStatusCode.OK, api.Get($"/api/branches/{acknowledged.Branch}/cabinets/C01", clerk));
        Assert.Equal(2, cabinet.GetProperty("occupied").GetInt32());
        var branches = await Expect(HttpStatusCode.OK, api.Get("/api/branches", clerk));
        Assert.Contains(branches.EnumerateArray(), b => b.GetProperty("code").GetString() == acknowledged.Branch);

        // The idempotency keys' outcomes survived with their effects.
        var repeatedLoan = await Expect(HttpStatusCode.OK, api.Post($"/api/files/{acknowledged.LoanedFile}/checkout", clerk, Checkout(), "co-k"));
        Assert.Equal(acknowledged.Loan.GetProperty("loanId").GetString(), repeatedLoan.GetProperty("loanId").GetString());
        var repeatedFile = await api.RegisterFile(clerk, acknowledged.Branch, acknowledged.RegistrationKey);
        Assert.Equal(acknowledged.LoanedFile, repeatedFile.GetProperty("id").GetString());
        // A new file gets a number never issued before the crash.
        var next = await api.RegisterFile(clerk, acknowledged.Branch);
        Assert.True(next.GetProperty("fileNumber").GetInt64() > acknowledged.LastFileNumber);
    }
}
