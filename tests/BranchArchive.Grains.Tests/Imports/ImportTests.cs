using System.Globalization;
using System.Text;
using BranchArchive.Contracts.Access;
using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Imports;
using BranchArchive.Contracts.Results;
using BranchArchive.Grains.Imports;
using BranchArchive.Grains.Tests.Support;
using static BranchArchive.Grains.Tests.Imports.ImportCsvFactory;

namespace BranchArchive.Grains.Tests.Imports;

/// <summary>
/// A department's export with planted errors and duplicates, imported through the grains. A
/// thousand rows (two batches of 500, each registered 32 rows at a time, planted rows in both) show
/// every planted row found by its number and exactly the rest imported, with progress between the
/// batches; the `import` benchmark sends a 10,000-row export through the API and checks every row is
/// filed, at the scale a department sends.
/// </summary>
[Collection(SqliteCluster.Name)]
public sealed class ImportTests(SqliteClusterFixture fixture)
{
    private const int Rows = 1_000;
    private const int Cabinets = 10;

    [SkippableFact]
    public async Task A_1000_row_import_reports_each_planted_error_and_duplicate_by_row_and_imports_exactly_the_rest()
    {
        var grains = fixture.Client;
        var branch = await Archive.OpenBranchWithCabinet(grains, capacity: 1000);
        for (var c = 2; c <= Cabinets; c++)
        {
            await Archive.AddCabinet(grains, branch, $"C{c:D2}", capacity: 1000);
        }
        var elsewhere = await Archive.OpenBranchWithCabinet(grains);
        var existing = FileIds.New();
        (await grains.GetGrain<ICustomerFileGrain>(existing).Register(
            new RegisterFileCommand(branch, "C01", new Customer(branch + "老客户有限公司", CustomerType.Enterprise, branch + "-0001", null, null),
                Importance.Normal, null, null, null, null), Archive.Archivist)).AssertSucceeded();

        var tag = branch; // customers of their own: the identity index is the cluster's
        var csv = Create(Rows, Cabinets, (row, v) =>
        {
            switch (row)
            {
                case 17: v[TypeColumn] = "外星人"; break;
                case 333: v[NameColumn] = " "; break;
                case 600: (v[FiledOnColumn], v[YearColumn], v[QuarterColumn]) = ("2024-13-45", "", ""); break;
                case 900: v[QuarterColumn] = "5"; break;
                case 700: v[CabinetColumn] = "C99"; break;
                case 701: v[BranchColumn] = "ZZ99"; break;
                case 750: v[BranchColumn] = elsewhere; break;
                case 990: v[LendableColumn] = "maybe"; break;
                case 800: v[IdColumn] = IdNumber(10, tag); break;                                   // same id number as row 10
                case 850: (v[NameColumn], v[TypeColumn]) = (" " + tag + "客户" + FullWidth("00020") + "号", "政府"); break; // row 20's name and type
                case 950: v[IdColumn] = tag.ToLowerInvariant() + "-0001"; break;                                  // the registered file's id number
                case 980: (v[NameColumn], v[TypeColumn]) = (tag + "老客户有限公司", "企业"); break;    // the registered file's name and type
            }
        }, tag);
        var clerk = Archive.Clerk(branch);
        var command = Command(csv, null);
        var job = grains.GetGrain<IImportJobGrain>(ImportIds.Job(clerk.Subject, null, command.Digest));

        var started = (await job.Start(command, clerk)).AssertSucceeded();
        Assert.Equal((ImportState.Running, Rows), (started.State, started.RowsTotal));
        var (done, progress) = await WaitAsync(job, clerk);

        Assert.Equal((ImportState.Completed, Rows, Rows - 12, 4, 8), (done.State, done.RowsDone, done.Imported, done.Duplicates, done.Errors));
        Assert.Equal(progress.Order(), progress);
        Assert.Contains(progress, p => p > 0 && p < Rows);
        Assert.Equal(Rows, progress[^1]);

        var report = (await job.GetReport(clerk)).AssertSucceeded();
        var found = report.Issues.GroupBy(i => i.Row).ToDictionary(g => g.Key, g => g.ToList());
        var expected = new Dictionary<int, (ImportIssueKind Kind, string Field)>
        {
            [17] = (ImportIssueKind.Error, "customer.type"), [333] = (ImportIssueKind.Error, "customer.name"),
            [600] = (ImportIssueKind.Error, "filedOn"), [900] = (ImportIssueKind.Error, "quarter"),
            [700] = (ImportIssueKind.Error, "cabinet"), [701] = (ImportIssueKind.Error, "branch"),
            [750] = (ImportIssueKind.Error, "branch"), [990] = (ImportIssueKind.Error, "lendable"),
            [800] = (ImportIssueKind.Duplicate, "customer.idNumber"), [850] = (ImportIssueKind.Duplicate, "customer.name"),
            [950] = (ImportIssueKind.Duplicate, "customer.idNumber"), [980] = (ImportIssueKind.Duplicate, "customer.name"),
        };
        Assert.Equal(expected.Keys.Order(), found.Keys.Order());
        foreach (var (row, (kind, field)) in expected)
        {
            var issue = Assert.Single(found[row]);
            Assert.Equal((row, kind, field), (issue.Row, issue.Kind, issue.Field));
        }
        Assert.Equal((10, ImportIds.File(job.GetPrimaryKeyString(), 10)), (found[800][0].DuplicateOfRow, found[800][0].DuplicateOfFile));
        Assert.Equal(20, found[850][0].DuplicateOfRow);
        Assert.Equal(existing, found[950][0].DuplicateOfFile);
        Assert.Equal(existing, found[980][0].DuplicateOfFile);
        Assert.Contains("Branch " + branch + " has no cabinet C99", found[700][0].Message);

        // Exactly the rest is in the archive: files, catalogue lines, and the standardised values.
        Assert.Equal(Rows - 12 + 1L, await CatalogueCount(branch));
        var seventh = (await FileOf(job, 7).Get(Archive.Archivist)).AssertSucceeded();
        Assert.Equal(new Customer(Name(7, tag), CustomerType.Enterprise, IdNumber(7, tag), "Shipbuilding", "Shanghai"), seventh.Customer); // full-width digits folded
        Assert.Equal((Importance.Normal, CooperationStage.Potential, 2024, 4, "C08"), (seventh.Importance, seventh.Stage, seventh.Year, seventh.Quarter, seventh.Cabinet));
        var tenth = (await FileOf(job, 10).Get(Archive.Archivist)).AssertSucceeded();
        Assert.Equal((CustomerType.Enterprise, Sensitivity.Confidential, CooperationStage.Signed, "Finance"), (tenth.Customer.Type, tenth.Sensitivity, tenth.Stage, tenth.Customer.Industry));
        Assert.Equal(DocumentType.Cooperation, Assert.Single((await FileOf(job, 3).Get(Archive.Archivist)).AssertSucceeded().Documents).Type);
        (await FileOf(job, 700).Get(Archive.Archivist)).AssertRefused(Outcome.NotFound);
        (await FileOf(job, 800).Get(Archive.Archivist)).AssertRefused(Outcome.NotFound);
        Assert.Equal(1L, await fixture.Archive.Storage.ScalarAsync(
            "SELECT COUNT(*) FROM AuditLog WHERE Action = 'import.finish' AND Detail LIKE @job", ("@job", $"%{job.GetPrimaryKeyString()}%")));
        Assert.Equal(2L, await fixture.Archive.Storage.ScalarAsync(
            "SELECT COUNT(*) FROM AuditLog WHERE Action = 'file.register' AND Outcome = 'Forbidden' AND Detail LIKE @job", ("@job", $"%{job.GetPrimaryKeyString()}%")));

        // Sending the same CSV again answers the same job and imports nothing new.
        var again = (await job.Start(command, clerk)).AssertSucceeded();
        Assert.Equal((done.Id, ImportState.Completed, Rows - 12), (again.Id, again.State, again.Imported));
        Assert.Equal(Rows - 12 + 1L, await CatalogueCount(branch));
    }

    [SkippableFact]
    public async Task A_clerk_may_not_start_an_import_for_another_branch_and_others_do_not_see_the_job()
    {
        var grains = fixture.Client;
        var branch = await Archive.OpenBranchWithCabinet(grains);
        var elsewhere = await Archive.OpenBranchWithCabinet(grains);
        var command = Command(Create(3, 1, tag: branch), elsewhere);
        var clerk = Archive.Clerk(branch);
        (await grains.GetGrain<IImportJobGrain>(ImportIds.Job(clerk.Subject, elsewhere, command.Digest)).Start(command, clerk))
            .AssertRefused(Outcome.Forbidden);

        var own = Command(Create(3, 1, tag: branch), null);
        var job = grains.GetGrain<IImportJobGrain>(ImportIds.Job(clerk.Subject, null, own.Digest));
        (await job.Start(own, clerk)).AssertSucceeded();
        (await job.Get(Archive.Clerk(elsewhere))).AssertRefused(Outcome.Forbidden);
        Assert.Equal(3, (await WaitAsync(job, new Actor("manager", StaffRoles.Manager, branch))).Job.Imported);
    }

    internal static StartImportCommand Command(string csv, string? branch)
    {
        var (rows, errors) = ImportCsv.Read(csv);
        Assert.True(errors.IsValid);
        return new StartImportCommand(ImportIds.Digest(Encoding.UTF8.GetBytes(csv)), branch, rows);
    }

    internal static async Task<(ImportJob Job, List<int> Progress)> WaitAsync(IImportJobGrain job, Actor actor)
    {
        var progress = new List<int>();
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            var now = (await job.Get(actor)).AssertSucceeded();
            progress.Add(now.RowsDone);
            if (now.State != ImportState.Running)
            {
                return (now, progress);
            }
            Assert.True(DateTime.UtcNow < deadline, $"Import still running after 5 minutes: {now}");
            await Task.Delay(100);
        }
    }

    private ICustomerFileGrain FileOf(IImportJobGrain job, int row) =>
        fixture.Client.GetGrain<ICustomerFileGrain>(ImportIds.File(job.GetPrimaryKeyString(), row));

    private async Task<long> CatalogueCount(string branch) =>
        Convert.ToInt64(await fixture.Archive.Storage.ScalarAsync("SELECT COUNT(*) FROM CatalogueFiles WHERE Branch = @branch", ("@branch", branch)),
            CultureInfo.InvariantCulture);
}
