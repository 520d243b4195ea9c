using System.Net;
using System.Text;
using System.Text.Json;
using BranchArchive.Api.Tests.Support;
using BranchArchive.Testing;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests;

/// <summary>CSV imports over HTTP: 202 and a job resource that shows progress, its report, and the refusals.</summary>
public abstract class ImportApiTests(ArchiveHostFixture fixture)
{
    private ArchiveClient Api => fixture.Client;

    private Task<HttpResponseMessage> PostCsv(string path, string token, string csv, string contentType = "text/csv") =>
        Api.Send(HttpMethod.Post, path, token, new StringContent(csv, Encoding.UTF8, contentType));

    [SkippableFact]
    public async Task A_clerk_imports_a_csv_and_follows_the_job_to_its_report()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var clerk = await Api.Clerk(branch);
        var csv = "客户名称,客户类型,证件号码,重要性,柜号,归档日期\n" +
                  $"{branch}甲公司,企业,{branch}-1,VIP,C01,2024/3/1\n" +
                  $"{branch} 乙,个人,{branch}-2,普通,c01,20240615\n" +
                  $"{branch}丙,外星人,{branch}-3,普通,C01,\n" +
                  $"{branch}丁,政府,{branch}-1,潜在,C01,\n";

        using var response = await PostCsv("/api/imports", clerk, csv);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        var accepted = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal($"/api/imports/{accepted.GetProperty("id").GetString()}", location);
        Assert.Equal(4, accepted.GetProperty("rowsTotal").GetInt32());

        JsonElement job;
        var deadline = DateTime.UtcNow.AddMinutes(1);
        do
        {
            job = await Expect(HttpStatusCode.OK, Api.Get(location, clerk));
            Assert.True(DateTime.UtcNow < deadline, "The import did not finish.");
        }
        while (job.GetProperty("state").GetString() == "Running");
        Assert.Equal(("Completed", 4, 2, 1, 1), (job.GetProperty("state").GetString(), job.GetProperty("rowsDone").GetInt32(),
            job.GetProperty("imported").GetInt32(), job.GetProperty("duplicates").GetInt32(), job.GetProperty("errors").GetInt32()));

        var report = await Expect(HttpStatusCode.OK, Api.Get(location + "/report", clerk));
        var issues = report.GetProperty("issues").EnumerateArray().ToList();
        Assert.Equal([(3, "Error", "customer.type"), (4, "Duplicate", "customer.idNumber")],
            issues.Select(i => (i.GetProperty("row").GetInt32(), i.GetProperty("kind").GetString(), i.GetProperty("field").GetString())));
        Assert.Equal(1, issues[1].GetProperty("duplicateOfRow").GetInt32());

        var inventory = await Expect(HttpStatusCode.OK, Api.Get($"/api/inventory/files?branch={branch}", clerk));
        Assert.Equal(2, inventory.GetProperty("total").GetInt32());

        // The same CSV again is the same job: nothing new.
        using var again = await PostCsv("/api/imports", clerk, csv);
        Assert.Equal((HttpStatusCode.Accepted, location), (again.StatusCode, again.Headers.Location!.ToString()));
        Assert.Equal(2, (await Expect(HttpStatusCode.OK, Api.Get($"/api/inventory/files?branch={branch}", clerk))).GetProperty("total").GetInt32());

        var elsewhere = await Api.Clerk(await Api.OpenBranchWithCabinet());
        await ExpectProblem(HttpStatusCode.Forbidden, Api.Get(location, elsewhere));
    }

    [SkippableFact]
    public async Task A_malformed_header_another_branch_and_a_wrong_content_type_are_refused()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var other = await Api.OpenBranchWithCabinet();
        var clerk = await Api.Clerk(branch);

        var header = await ExpectProblem(HttpStatusCode.BadRequest, PostCsv("/api/imports", clerk, "colour,shape\nred,round\n"));
        Assert.Contains("colour", header.GetProperty("errors").GetProperty("header")[0].GetString());
        await ExpectProblem(HttpStatusCode.BadRequest, PostCsv("/api/imports", clerk, "客户名称\n"));
        await ExpectProblem(HttpStatusCode.Forbidden, PostCsv($"/api/imports?branch={other}", clerk, $"客户名称,客户类型,柜号\n{branch}戊,个人,C01\n"));
        await ExpectProblem(HttpStatusCode.UnsupportedMediaType, PostCsv("/api/imports", clerk, "{}", "application/json"));
        await ExpectProblem(HttpStatusCode.BadRequest, Api.Get("/api/imports/not-an-id", clerk));
        await ExpectProblem(HttpStatusCode.NotFound, Api.Get($"/api/imports/{Guid.NewGuid():D}", clerk));
        Assert.Equal(0, (await Expect(HttpStatusCode.OK, Api.Get($"/api/inventory/files?branch={other}", await Api.Archivist()))).GetProperty("total").GetInt32());
    }
}

[Collection(ArchiveHostCollection.Name)]
public sealed class ImportApiTestsOnSqlite(SqliteArchiveHostFixture fixture) : ImportApiTests(fixture);

[Collection(PostgresArchiveHostCollection.Name)]
public sealed class ImportApiTestsOnPostgres(PostgresArchiveHostFixture fixture) : ImportApiTests(fixture);
