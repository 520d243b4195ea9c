using System.Net;
using System.Text;
using System.Text.Json;
using BranchArchive.Api.Tests.Support;
using BranchArchive.Testing;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests.Disclosure;

/// <summary>Issue 16 point 3: an import's duplicates name no file the importer may not read.</summary>
[Collection(ArchiveHostCollection.Name)]
public sealed class ImportReportDisclosureTests(SqliteArchiveHostFixture fixture)
{
    private ArchiveClient Api => fixture.Client;

    [Fact]
    public async Task Duplicates_of_files_the_importer_may_not_read_are_reported_without_naming_them()
    {
        var (holder, importer) = (await Api.OpenBranchWithCabinet(), await Api.OpenBranchWithCabinet());
        var secret = await Register(await Api.Archivist(), holder, $"{holder}隐秘公司", $"{holder}-R1", "Restricted");
        var own = await Register(await Api.Clerk(importer), importer, $"{importer}公开公司", $"{importer}-N1", "Internal");

        var issues = await Import(await Api.Clerk(importer),
            "客户名称,客户类型,证件号码,柜号\n" +
            $"{importer}甲,企业,{holder}-R1,C01\n" +      // another branch's Restricted customer, by id number
            $"{holder}隐秘公司,企业,,C01\n" +             // the same, by name
            $"{importer}乙,企业,{importer}-N1,C01\n");    // a file of the importer's own branch it may read
        // A clerk of the holding branch may open the file but not see a Restricted customer.
        var sameBranch = await Import(await Api.Clerk(holder), $"客户名称,客户类型,证件号码,柜号\n{holder}丙,企业,{holder}-R1,C01\n");

        foreach (var issue in issues.Take(2).Concat(sameBranch))
        {
            Assert.Equal("Duplicate", issue.GetProperty("kind").GetString());
            Assert.Equal(JsonValueKind.Null, issue.GetProperty("duplicateOfFile").ValueKind);
            Assert.DoesNotContain(secret, issue.GetRawText());
            Assert.DoesNotContain("registration", issue.GetRawText());
        }
        Assert.Equal(["customer.idNumber", "customer.name"], issues.Take(2).Select(i => i.GetProperty("field").GetString()));
        Assert.Equal(own, issues[2].GetProperty("duplicateOfFile").GetString());
    }

    private async Task<string> Register(string token, string branch, string name, string idNumber, string sensitivity)
    {
        var body = new
        {
            branch, cabinet = "C01", customer = new { name, type = "Enterprise", idNumber }, importance = "Normal", sensitivity,
            documents = new[] { new { type = "Cooperation", title = "Framework contract", pages = 3, date = "2026-03-01" } },
        };
        return (await Expect(HttpStatusCode.Created, Api.Post("/api/files", token, body))).GetProperty("id").GetString()!;
    }

    /// <summary>Imports the CSV, waits for the job to finish and answers its report's issues.</summary>
    private async Task<List<JsonElement>> Import(string token, string csv)
    {
        using var response = await Api.Send(HttpMethod.Post, "/api/imports", token, new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while ((await Expect(HttpStatusCode.OK, Api.Get(location, token))).GetProperty("state").GetString() == "Running")
        {
            Assert.True(DateTime.UtcNow < deadline, "The import did not finish.");
            await Task.Delay(100);
        }
        return [.. (await Expect(HttpStatusCode.OK, Api.Get(location + "/report", token))).GetProperty("issues").EnumerateArray()];
    }
}
