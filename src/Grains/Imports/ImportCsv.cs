using System.Text;
using BranchArchive.Contracts.Imports;
using BranchArchive.Contracts.Validation;
using CsvHelper;

namespace BranchArchive.Grains.Imports;

/// <summary>
/// Reads an import CSV (UTF-8; the separator , ; tab or | is detected) with CsvHelper: the header
/// must name known columns (<see cref="ImportColumns"/>), each once, including the customer's name;
/// every data row becomes an <see cref="ImportRow"/>, a row whose field count differs from the
/// header's being marked malformed rather than guessed at.
/// </summary>
public static class ImportCsv
{
    private static readonly CsvReaderOptions Options = CsvReaderOptions.Default with
    {
        HasHeader = true,
        SkipEmptyLines = true,
        AllowLineBreaksInQuotes = true,
    };

    public static (IReadOnlyList<ImportRow> Rows, ValidationErrors Errors) Read(string text)
    {
        var errors = new ValidationErrors();
        var rows = new List<ImportRow>();
        using var reader = CsvReader.FromText(text.TrimStart('\uFEFF'), Options);
        IReadOnlyList<string> headers;
        try
        {
            headers = [.. reader.Headers];
        }
        catch (CsvFormatException exception)
        {
            errors.Add("header", $"cannot be read: {exception.Message}");
            return (rows, errors);
        }
        var columns = MapHeader(headers, errors);
        if (!errors.IsValid)
        {
            return (rows, errors);
        }
        var count = 0;
        while (TryRead(reader, errors))
        {
            count++;
            if (count > StartImportCommand.MaxRows)
            {
                errors.Add("rows", $"must be at most {StartImportCommand.MaxRows} per import.");
                return ([], errors);
            }
            if (reader.FieldCount != headers.Count)
            {
                rows.Add(new ImportRow(count, [], $"has {reader.FieldCount} fields where the header has {headers.Count}."));
                continue;
            }
            var values = new string?[ImportColumns.Names.Length];
            for (var i = 0; i < columns.Length; i++)
            {
                values[columns[i]] = reader.GetString(i);
            }
            rows.Add(new ImportRow(count, values));
        }
        return errors.IsValid ? (rows, errors) : ([], errors);
    }

    /// <summary>The reader recovers from bad quoting by default; anything it still cannot read refuses the CSV.</summary>
    private static bool TryRead(CsvReader reader, ValidationErrors errors)
    {
        try
        {
            return reader.Read();
        }
        catch (CsvFormatException exception)
        {
            errors.Add("body", $"cannot be read as CSV: {exception.Message}");
            return false;
        }
    }

    /// <summary>For each field of the header, the column it names.</summary>
    private static int[] MapHeader(IReadOnlyList<string> headers, ValidationErrors errors)
    {
        var columns = new int[headers.Count];
        var seen = new HashSet<int>();
        for (var i = 0; i < headers.Count; i++)
        {
            if (ImportColumns.Find(headers[i]) is not { } column)
            {
                errors.Add("header", $"'{headers[i]}' (field {i + 1}) is not a known column; known: {string.Join(", ", ImportColumns.Names)}.");
                continue;
            }
            if (!seen.Add(column))
            {
                errors.Add("header", $"'{headers[i]}' (field {i + 1}) names column {ImportColumns.Names[column]} a second time.");
            }
            columns[i] = column;
        }
        if (errors.IsValid && !seen.Contains(ImportColumns.CustomerName))
        {
            errors.Add("header", "must have a customerName (客户名称) column.");
        }
        return columns;
    }

    /// <summary>Decodes the body as UTF-8, refusing bytes that are not (exports in GBK must be saved as UTF-8 first).</summary>
    public static string? Decode(byte[] body)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
