using System.Net;
using System.Net.Http.Json;
using BranchArchive.Api.Tests.Support;
using BranchArchive.Testing;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests;

/// <summary>
/// Borrowers over HTTP, as production has it (made-up borrowers refused): a branch's staff list,
/// the per-borrower limit under racing checkouts, "my loans" and a manager's view, and the holder's
/// second request refused. Clerks have a limit of 2 here.
/// </summary>
public sealed class BorrowersApiTests
{
    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task Loans_go_to_listed_staff_within_their_limit_and_each_sees_only_what_their_scope_allows(string storage)
    {
        var settings = await ArchiveSettings.FreshAsync(storage) with { AllowUnlistedBorrowers = false };
        await using var host = await ArchiveHost.StartAsync(settings, extra: new() { ["Circulation:LoanLimits:clerk"] = "2" });
        var api = host.Client;
        var home = await api.OpenBranchWithCabinet();
        var elsewhere = await api.OpenBranchWithCabinet();
        var (clerk, manager) = (await api.Clerk(home), await api.Token($"manager.{home}", ["manager"], home));
        var staffId = $"wang.wu.{Guid.NewGuid():N}"[..20];
        var staffToken = await api.Token(staffId, ["clerk"], home);

        // The staff list: kept by the branch's manager, read by its staff.
        await ExpectProblem(HttpStatusCode.Forbidden, Put(api, $"/api/branches/{home}/staff/{staffId}", clerk, new { name = "王五", roles = new[] { "clerk" } }));
        var invalid = await ExpectProblem(HttpStatusCode.BadRequest, Put(api, $"/api/branches/{home}/staff/{staffId}", manager, new { name = "王五", roles = new[] { "boss" } }));
        Assert.True(invalid.GetProperty("errors").TryGetProperty("roles", out _));
        var member = await Expect(HttpStatusCode.OK, Put(api, $"/api/branches/{home}/staff/{staffId}", manager, new { name = "王五", roles = new[] { "clerk" } }));
        Assert.Equal(home, member.GetProperty("branch").GetString());
        var list = await Expect(HttpStatusCode.OK, api.Get($"/api/branches/{home}/staff", clerk));
        Assert.Contains(list.EnumerateArray(), m => m.GetProperty("staffId").GetString() == staffId);
        await ExpectProblem(HttpStatusCode.Forbidden, api.Get($"/api/branches/{home}/staff", await api.Clerk(elsewhere)));

        // Someone not on the list: 400 naming the field, nothing lent.
        var files = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            files.Add((await api.RegisterFile(clerk, home)).GetProperty("id").GetString()!);
        }
        var unknown = await ExpectProblem(HttpStatusCode.BadRequest, api.Post($"/api/files/{files[0]}/checkout", clerk, Checkout("nobody")));
        Assert.Contains("not on the staff list", unknown.GetProperty("errors").GetProperty("borrower")[0].GetString());

        // Three checkouts for one borrower at once: two loans (the clerks' limit), one 409 naming it.
        var answers = await Task.WhenAll(files.Select(id => api.Post($"/api/files/{id}/checkout", clerk, Checkout(staffId))));
        Assert.Equal(2, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        var refused = answers.Single(a => a.StatusCode != HttpStatusCode.OK);
        var problem = await ExpectProblem(HttpStatusCode.Conflict, Task.FromResult(refused));
        Assert.Contains("the limit for a clerk is 2", problem.GetProperty("detail").GetString());
        var lentId = files.Where((_, i) => answers[i].StatusCode == HttpStatusCode.OK).First();

        // The holder asks for the file again: 409, the file does not go round.
        var again = await ExpectProblem(HttpStatusCode.Conflict, api.Post($"/api/files/{lentId}/requests", clerk,
            new { borrower = staffId, pickupBranch = home, purpose = "Again", days = 7 }));
        Assert.Contains("already holds file", again.GetProperty("detail").GetString());

        // My loans; a manager's view; another branch's manager sees nothing; a clerk may not ask.
        var mine = await Expect(HttpStatusCode.OK, api.Get("/api/loans/mine", staffToken));
        Assert.Equal(2, mine.GetProperty("loans").GetArrayLength());
        Assert.Equal(2, mine.GetProperty("limit").GetInt32());
        var seen = await Expect(HttpStatusCode.OK, api.Get($"/api/borrowers/{staffId}/loans", manager));
        Assert.Equal(("王五", 2), (seen.GetProperty("name").GetString(), seen.GetProperty("loans").GetArrayLength()));
        var outside = await Expect(HttpStatusCode.OK, api.Get($"/api/borrowers/{staffId}/loans", await api.Token($"manager.{elsewhere}", ["manager"], elsewhere)));
        Assert.Equal(0, outside.GetProperty("loans").GetArrayLength());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, outside.GetProperty("name").ValueKind);
        await ExpectProblem(HttpStatusCode.Forbidden, api.Get($"/api/borrowers/{staffId}/loans", clerk));
        Assert.Equal(0, (await Expect(HttpStatusCode.OK, api.Get("/api/loans/mine", clerk))).GetProperty("loans").GetArrayLength());

        // Off the list: no more loans to them; the open ones stay.
        await Expect(HttpStatusCode.OK, api.Send(HttpMethod.Delete, $"/api/branches/{home}/staff/{staffId}", manager, null));
        var lastFile = (await api.RegisterFile(clerk, home)).GetProperty("id").GetString()!;
        await ExpectProblem(HttpStatusCode.BadRequest, api.Post($"/api/files/{lastFile}/checkout", clerk, Checkout(staffId)));
        Assert.Equal(2, (await Expect(HttpStatusCode.OK, api.Get("/api/loans/mine", staffToken))).GetProperty("loans").GetArrayLength());

        // Every change to the list and every denial is in the audit log.
        var audit = await Expect(HttpStatusCode.OK, api.Get($"/api/audit?branch={home}&pageSize=500", await api.Token("auditor", ["auditor"])));
        var actions = audit.GetProperty("items").EnumerateArray()
            .Select(e => (e.GetProperty("action").GetString(), e.GetProperty("outcome").GetString())).ToList();
        Assert.Contains(actions, a => a.Item1!.StartsWith($"http PUT /api/branches/{home}/staff/", StringComparison.Ordinal) && a.Item2 == "Forbidden");
        Assert.Contains(("staff.list", "Created"), actions);
        Assert.Contains(("staff.unlist", "Ok"), actions);
    }

    private static Task<HttpResponseMessage> Put(ArchiveClient api, string path, string token, object body) =>
        api.Send(HttpMethod.Put, path, token, JsonContent.Create(body));
}
