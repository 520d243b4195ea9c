using System.Net;
using BranchArchive.Api.Tests.Support;
using BranchArchive.Testing;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests.Disclosure;

/// <summary>Issue 16 point 8: the CSV export neutralises formulas however they start.</summary>
[Collection(ArchiveHostCollection.Name)]
public sealed class CsvInjectionTests(SqliteArchiveHostFixture fixture)
{
    private ArchiveClient Api => fixture.Client;

    public static readonly string[] Formulas =
    [
        "=1+1", " =1+1", "\u3000=1+1", "\u200B=1+1", "\u202E=1+1", "＝1+1", "＋1+1", "－1+1", "＠SUM(A1)", "\u00A0\u200D＝HYPERLINK(\"x\")",
    ];

    [Fact]
    public async Task Every_name_that_a_spreadsheet_could_run_as_a_formula_starts_with_a_quote_mark()
    {
        var branch = await Api.OpenBranchWithCabinet();
        var archivist = await Api.Archivist();
        foreach (var name in Formulas.Append("上海某某机械设备制造厂"))
        {
            await Expect(HttpStatusCode.Created, Api.Post("/api/files", archivist, new
            {
                branch, cabinet = "C01", customer = new { name, type = "Enterprise" }, importance = "Normal", sensitivity = "Internal",
                documents = new[] { new { type = "Cooperation", title = "Contract", pages = 1, date = "2026-03-01" } },
            }));
        }

        using var response = await Api.Get($"/api/inventory/files.csv?branch={branch}", archivist);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var names = lines.Skip(1).Select(NameField).ToList();

        Assert.Equal(Formulas.Length + 1, names.Count);
        Assert.All(names.Where(n => n != "上海某某机械设备制造厂"), name => Assert.StartsWith("'", name));
        Assert.Contains("上海某某机械设备制造厂", names);
    }

    /// <summary>The third field of a line, unquoted (the test's names hold no comma).</summary>
    private static string NameField(string line)
    {
        var field = line.Split(',')[2];
        return field.StartsWith('"') ? field[1..^1].Replace("\"\"", "\"") : field;
    }
}
