using BranchArchive.Testing;
using System.Net;
using BranchArchive.Api.Tests.Support;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests;

/// <summary>A client's mistake is a 4xx problem+json and changes nothing.</summary>
[Collection(ArchiveHostCollection.Name)]
public sealed class BadInputTests(SqliteArchiveHostFixture fixture)
{
    private ArchiveClient Api => fixture.Client;

    public static TheoryData<string> BadCheckouts => new()
    {
        "{",                                                              // malformed JSON
        "[]",                                                             // wrong shape
        "null",
        """{"borrower":"a","purpose":"b","days":"fourteen"}""",           // wrong type
        """{"borrower":42,"purpose":"b","days":3}""",
        """{"borrower":"a","purpose":"b","days":3.5}""",
        """{"borrower":"a","purpose":"b","days":0}""",                    // out of range
        """{"borrower":"a","purpose":"b","days":91}""",
        """{"borrower":"a","purpose":"b","days":99999999999}""",
        """{"borrower":"","purpose":"b","days":3}""",                     // missing fields
        """{"purpose":"b","days":3}""",
        """{"borrower":"a","purpose":"b"}""",
        """{"borrower":"a\u0000b","purpose":"b","days":3}""",            // control characters
    };

    public static TheoryData<string> BadReturns => new()
    {
        """{"loanId":"x","condition":"Broken"}""",                        // unknown enum
        """{"loanId":"x","condition":2}""",                               // enum as a number
        """{"loanId":"x"}""",
        """{"condition":"Intact"}""",
    };

    public static TheoryData<string> BadRegistrations => new()
    {
        """{"branch":"SH01"}""",
        """{"branch":"sh01","cabinet":"C01","customer":{"name":"a","type":"Enterprise"},"importance":"Vip"}""",
        """{"branch":"SH01","cabinet":"C01","customer":{"name":"a","type":"Alien"},"importance":"Vip"}""",
        """{"branch":"SH01","cabinet":"C01","customer":{"name":"a","type":"Enterprise"},"importance":"Huge"}""",
        """{"branch":"SH01","cabinet":"C01","customer":{"name":"a","type":"Enterprise"},"importance":"Vip","documents":[{"type":"Cooperation","title":"t","date":"2026-13-45"}]}""",
        """{"branch":"SH01","cabinet":"C01","customer":{"name":"a","type":"Enterprise"},"importance":"Vip","tags":"contract"}""",
    };

    [Theory]
    [MemberData(nameof(BadCheckouts))]
    public async Task A_bad_checkout_is_refused_and_the_file_stays_on_the_shelf(string body)
    {
        var (branch, id, clerk) = await FileOnShelf();

        await ExpectProblem(HttpStatusCode.BadRequest, Api.PostRaw($"/api/files/{id}/checkout", clerk, body));

        await AssertUnchanged(branch, id, clerk);
    }

    [Theory]
    [MemberData(nameof(BadReturns))]
    public async Task A_bad_return_is_refused_and_the_loan_stays_open(string body)
    {
        var (branch, id, clerk) = await FileOnShelf();
        var loan = await Expect(HttpStatusCode.OK, Api.Post($"/api/files/{id}/checkout", clerk, Checkout()));

        await ExpectProblem(HttpStatusCode.BadRequest, Api.PostRaw($"/api/files/{id}/return", clerk, body));

        var file = await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}", clerk));
        Assert.Equal(loan.GetProperty("loanId").GetString(), file.GetProperty("loan").GetProperty("loanId").GetString());
        Assert.Equal(2, file.GetProperty("version").GetInt32());
        _ = branch;
    }

    [Theory]
    [MemberData(nameof(BadRegistrations))]
    public async Task A_bad_registration_is_refused_and_fills_no_place(string body)
    {
        var (branch, id, clerk) = await FileOnShelf();

        await ExpectProblem(HttpStatusCode.BadRequest, Api.PostRaw("/api/files", clerk, body.Replace("SH01", branch)));

        await AssertUnchanged(branch, id, clerk);
    }

    [Fact]
    public async Task Validation_problems_name_each_bad_field()
    {
        var (_, id, clerk) = await FileOnShelf();

        var problem = await ExpectProblem(HttpStatusCode.BadRequest,
            Api.PostRaw($"/api/files/{id}/checkout", clerk, """{"borrower":"","purpose":"b","days":91}"""));

        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("borrower", out _));
        Assert.True(errors.TryGetProperty("days", out _));
    }

    [Theory]
    [InlineData("""{"borrower":"a","purpose":"b","days":"14"}""", "days")]
    [InlineData("""{"borrower":"a","purpose":"b","days":"0x0E"}""", "days")]
    public async Task A_number_sent_as_a_string_is_refused_with_the_field_named(string body, string field)
    {
        var (branch, id, clerk) = await FileOnShelf();

        var problem = await ExpectProblem(HttpStatusCode.BadRequest, Api.PostRaw($"/api/files/{id}/checkout", clerk, body));

        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.Contains("not in quotes", Assert.Single(problem.GetProperty("errors").GetProperty(field).EnumerateArray()).GetString());
        await AssertUnchanged(branch, id, clerk);
    }

    [Fact]
    public async Task A_capacity_sent_as_a_string_sets_up_no_cabinet()
    {
        var (branch, _, _) = await FileOnShelf();
        var archivist = await Api.Archivist();

        var problem = await ExpectProblem(HttpStatusCode.BadRequest,
            Api.PostRaw($"/api/branches/{branch}/cabinets", archivist, """{"code":"C9","name":"x","capacity":"500"}"""));

        Assert.True(problem.GetProperty("errors").TryGetProperty("capacity", out _));
        var shown = await Expect(HttpStatusCode.OK, Api.Get($"/api/branches/{branch}", archivist));
        Assert.Equal(1, shown.GetProperty("cabinets").GetArrayLength());
    }

    /// <summary>
    /// Comma lists ("Vip, Normal") are how .NET writes a combination of flags; no enum of the
    /// contract is a set of flags, so such a value is refused rather than read as one of them.
    /// </summary>
    [Theory]
    [InlineData("""{"branch":"SH01","cabinet":"C01","customer":{"name":"a","type":"Enterprise"},"importance":"Vip, Normal"}""", "importance")]
    [InlineData("""{"branch":"SH01","cabinet":"C01","customer":{"name":"a","type":"Enterprise,Government"},"importance":"Vip"}""", "customer.type")]
    [InlineData("""{"branch":"SH01","cabinet":"C01","customer":{"name":"a","type":"Enterprise"},"importance":"1"}""", "importance")]
    public async Task A_comma_list_or_a_number_for_an_enum_is_refused_with_the_field_named(string body, string field)
    {
        var (branch, id, clerk) = await FileOnShelf();

        var problem = await ExpectProblem(HttpStatusCode.BadRequest, Api.PostRaw("/api/files", clerk, body.Replace("SH01", branch)));

        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.StartsWith("must be one of", Assert.Single(problem.GetProperty("errors").GetProperty(field).EnumerateArray()).GetString());
        await AssertUnchanged(branch, id, clerk);
    }

    [Fact]
    public async Task An_oversize_body_is_refused_with_413()
    {
        var (branch, id, clerk) = await FileOnShelf();
        var huge = $$"""{"borrower":"{{new string('a', 300_000)}}","purpose":"b","days":3}""";

        await ExpectProblem(HttpStatusCode.RequestEntityTooLarge, Api.PostRaw($"/api/files/{id}/checkout", clerk, huge));

        await AssertUnchanged(branch, id, clerk);
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("1; DROP TABLE OrleansStorage")]
    [InlineData("ABCDEF00-0000-0000-0000-000000000000")]
    public async Task A_malformed_file_id_is_refused_before_it_reaches_a_grain(string id)
    {
        var archivist = await Api.Archivist();

        await ExpectProblem(HttpStatusCode.BadRequest, Api.Get($"/api/files/{Uri.EscapeDataString(id)}", archivist));
        await ExpectProblem(HttpStatusCode.BadRequest, Api.Post($"/api/files/{Uri.EscapeDataString(id)}/checkout", archivist, Checkout()));
    }

    [Fact]
    public async Task An_unknown_file_is_not_found()
    {
        await ExpectProblem(HttpStatusCode.NotFound, Api.Get($"/api/files/{Guid.NewGuid()}", await Api.Archivist()));
    }

    [Theory]
    [InlineData("""{"code":"sh 01","name":"x"}""")]
    [InlineData("""{"code":"TOOLONGCODE1","name":"x"}""")]
    [InlineData("""{"code":"OK01"}""")]
    public async Task A_bad_branch_is_refused_and_not_opened(string body)
    {
        var archivist = await Api.Archivist();

        await ExpectProblem(HttpStatusCode.BadRequest, Api.PostRaw("/api/branches", archivist, body));

        var branches = await Expect(HttpStatusCode.OK, Api.Get("/api/branches", archivist));
        Assert.DoesNotContain(branches.EnumerateArray(), b => b.GetProperty("code").GetString() == "OK01");
    }

    [Theory]
    [InlineData("""{"code":"C9","name":"x","capacity":0}""")]
    [InlineData("""{"code":"C9","name":"x","capacity":100001}""")]
    [InlineData("""{"code":"C9","name":"x"}""")]
    [InlineData("""{"code":"c 9","name":"x","capacity":5}""")]
    public async Task A_bad_cabinet_is_refused_and_not_set_up(string body)
    {
        var (branch, _, _) = await FileOnShelf();
        var archivist = await Api.Archivist();

        await ExpectProblem(HttpStatusCode.BadRequest, Api.PostRaw($"/api/branches/{branch}/cabinets", archivist, body));

        var shown = await Expect(HttpStatusCode.OK, Api.Get($"/api/branches/{branch}", archivist));
        Assert.Equal(1, shown.GetProperty("cabinets").GetArrayLength());
    }

    [Fact]
    public async Task A_malformed_idempotency_key_is_refused()
    {
        var (branch, id, clerk) = await FileOnShelf();

        await ExpectProblem(HttpStatusCode.BadRequest, Api.Post($"/api/files/{id}/checkout", clerk, Checkout(), new string('k', 101)));

        await AssertUnchanged(branch, id, clerk);
    }

    private async Task<(string Branch, string Id, string Clerk)> FileOnShelf()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var clerk = await Api.Clerk(branch);
        var id = (await Api.RegisterFile(clerk, branch)).GetProperty("id").GetString()!;
        return (branch, id, clerk);
    }

    private async Task AssertUnchanged(string branch, string id, string clerk)
    {
        var file = await Expect(HttpStatusCode.OK, Api.Get($"/api/files/{id}", clerk));
        Assert.Equal("OnShelf", file.GetProperty("status").GetString());
        Assert.Equal(1, file.GetProperty("version").GetInt32());
        var cabinet = await Expect(HttpStatusCode.OK, Api.Get($"/api/branches/{branch}/cabinets/C01", clerk));
        Assert.Equal(1, cabinet.GetProperty("occupied").GetInt32());
    }
}
