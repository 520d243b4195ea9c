using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Imports;
using C = BranchArchive.Contracts.Imports.ImportColumns;

namespace BranchArchive.Grains.Imports;

/// <summary>
/// Reads one CSV row into the registration command POST /api/files takes: each value
/// standardised first, then the command's own <see cref="RegisterFileCommand.Validate"/>. A value
/// that cannot be read is an error on the command's field name (e.g. <c>customer.type</c>).
/// </summary>
public sealed class ImportRowReader(IReadOnlyDictionary<string, string> industrySynonyms)
{
    public const int MaxDocumentsText = 20_000;

    public (RegisterFileCommand? Command, IReadOnlyList<ImportIssue> Errors) Read(ImportRow row, string? defaultBranch)
    {
        var errors = new List<ImportIssue>();
        void Error(string field, string message) => errors.Add(new ImportIssue(row.Row, ImportIssueKind.Error, field, message));
        if (row.Malformed is { } malformed)
        {
            Error("row", malformed);
            return (null, errors);
        }

        T? Parse<T>(int column, string field, Func<string?, T?> parse, string expected) where T : struct
        {
            var raw = Standardise.Text(row[column]);
            if (raw is null)
            {
                return null;
            }
            var value = parse(raw);
            if (value is null)
            {
                Error(field, $"'{Clip(raw)}' is not {expected}.");
            }
            return value;
        }

        var type = Parse(C.CustomerType, "customer.type", Standardise.CustomerType, "a customer type (individual, enterprise, government)");
        var importance = Parse(C.Importance, "importance", Standardise.Importance, "an importance (VIP, normal, potential)");
        var sensitivity = Parse(C.Sensitivity, "sensitivity", Standardise.Sensitivity, "a sensitivity (internal, confidential, restricted)");
        var lendable = Parse(C.Lendable, "lendable", Standardise.Flag, "yes or no");
        var stage = Parse(C.Stage, "stage", Standardise.Stage, "a cooperation stage (potential, signed, stable, terminated)");
        var relationship = Parse(C.Relationship, "relationship", Standardise.Relationship, "a relationship (new, long-term, problem, former, potential)");
        var year = Parse(C.Year, "year", Standardise.Year, "a year");
        var quarter = Parse(C.Quarter, "quarter", Standardise.Quarter, "a quarter (1-4, Q1, 第一季度)");
        if (Parse(C.FiledOn, "filedOn", Standardise.Date, "a date (2024-03-01, 2024/3/1, 20240301, 2024年3月1日)") is { } filed
            && year is null && quarter is null)
        {
            (year, quarter) = (filed.Year, (filed.Month - 1) / 3 + 1);
        }
        var endedOn = Parse(C.RelationshipEndedOn, RelationshipEnd.Field, Standardise.Date, "a date (2015-06-30, 2015/6/30, 20150630, 2015年6月30日)");
        var documents = ReadDocuments(row, Error);

        var command = new RegisterFileCommand(
            Standardise.Text(row[C.Branch])?.ToUpperInvariant() ?? defaultBranch,
            Standardise.Text(row[C.Cabinet])?.ToUpperInvariant(),
            new Customer(Standardise.Text(row[C.CustomerName]), type, Standardise.Text(row[C.IdNumber])?.ToUpperInvariant(),
                Standardise.Industry(row[C.Industry], industrySynonyms), Standardise.Text(row[C.Region])),
            importance ?? (Standardise.Text(row[C.Importance]) is null ? Importance.Normal : null),
            sensitivity, lendable, Standardise.List(row[C.Tags]), documents, stage, relationship, year, quarter, endedOn);
        foreach (var (field, messages) in command.Validate().ToDictionary())
        {
            if (errors.Any(e => e.Field == field))
            {
                continue; // already said why the value could not be read
            }
            foreach (var message in messages)
            {
                Error(field, message);
            }
        }
        return errors.Count == 0 ? (command, errors) : (null, errors);
    }

    /// <summary>Documents as <c>type|title|pages|date</c>, separated by <c>;</c>; pages and date may be left out.</summary>
    private static List<FileDocument>? ReadDocuments(ImportRow row, Action<string, string> error)
    {
        var text = Standardise.Text(row[C.Documents]);
        if (text is null)
        {
            return null;
        }
        if (text.Length > MaxDocumentsText)
        {
            error("documents", $"must be at most {MaxDocumentsText} characters.");
            return null;
        }
        var documents = new List<FileDocument>();
        var entries = text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = 0; i < entries.Length; i++)
        {
            var parts = entries[i].Split('|', StringSplitOptions.TrimEntries);
            var type = Standardise.DocumentType(parts[0]);
            if (type is null)
            {
                error($"documents[{i}].type", $"'{Clip(parts[0])}' is not a document type (BasicInfo, Cooperation, Service, Credit, Other).");
            }
            int? pages = null;
            if (parts.Length > 2 && parts[2].Length > 0)
            {
                if (int.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p))
                {
                    pages = p;
                }
                else
                {
                    error($"documents[{i}].pages", $"'{Clip(parts[2])}' is not a number of pages.");
                }
            }
            DateOnly? date = null;
            if (parts.Length > 3 && parts[3].Length > 0 && (date = Standardise.Date(parts[3])) is null)
            {
                error($"documents[{i}].date", $"'{Clip(parts[3])}' is not a date (2024-03-01, 2024/3/1, 20240301, 2024年3月1日).");
            }
            documents.Add(new FileDocument(type, parts.Length > 1 ? Standardise.Text(parts[1]) : null, pages, date));
        }
        return documents;
    }

    private static string Clip(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
