using System.Globalization;
using System.Text;
using BranchArchive.Contracts.Inventory;
using CsvHelper;

namespace BranchArchive.Api.Apis;

/// <summary>
/// The inventory export's CSV, written by CsvHelper (RFC 4180 quoting, a byte-order mark so
/// spreadsheet programs read the Chinese names as UTF-8) with its formula-injection escape: a text
/// field a spreadsheet could run as a formula gets a leading <c>'</c>.
/// </summary>
public static class InventoryCsv
{
    public static readonly string[] Header =
        ["id", "fileNumber", "customerName", "customerType", "importance", "colorLabel", "status", "branch", "cabinet", "dueAt",
         "location", "circulationStage", "destination"];

    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        // OWASP's set, and a leading space: spreadsheets skip spaces before a formula.
        InjectionCharacters = "=@+-\t\r\n ",
        WriteByteOrderMark = true,
    };

    public static CsvWriter Open(Stream body) => CsvWriter.Create(body, Options, leaveOpen: true);

    public static async Task WriteHeaderAsync(CsvWriter csv)
    {
        foreach (var name in Header)
        {
            csv.WriteField(name);
        }
        await csv.EndRecordAsync();
    }

    public static async Task WriteAsync(CsvWriter csv, InventoryItem item)
    {
        csv.WriteField(item.Id);
        csv.WriteField(item.FileNumber.ToString(CultureInfo.InvariantCulture));
        csv.WriteField(AsSpreadsheetsReadIt(item.CustomerName));
        csv.WriteField(item.CustomerType?.ToString());
        csv.WriteField(item.Importance.ToString());
        csv.WriteField(item.ColorLabel.ToString());
        csv.WriteField(item.Status.ToString());
        csv.WriteField(AsSpreadsheetsReadIt(item.Branch));
        csv.WriteField(AsSpreadsheetsReadIt(item.Cabinet));
        csv.WriteField(item.DueAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        csv.WriteField(AsSpreadsheetsReadIt(item.Location));
        csv.WriteField(item.CirculationStage.ToString());
        csv.WriteField(AsSpreadsheetsReadIt(item.Destination));
        await csv.EndRecordAsync();
    }

    /// <summary>
    /// CsvHelper decides by a field's first character, and its injection characters must be ASCII.
    /// A spreadsheet also runs a formula that starts with what it skips or reads as those signs:
    /// invisible format characters (zero-width, bidi marks), any width of space (U+3000 included),
    /// and the full-width and small forms of = + - @ (＝＋－＠). So the start of a text field is
    /// written as a spreadsheet reads it: format characters dropped, spaces as ' ', signs as ASCII;
    /// the rest of the field is untouched. CsvHelper then escapes what starts like a formula.
    /// </summary>
    public static string? AsSpreadsheetsReadIt(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }
        var start = new StringBuilder();
        var index = 0;
        for (; index < text.Length; index++)
        {
            var c = text[index];
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                start.Append(' ');
                continue;
            }
            start.Append(AsciiSign(c) ?? c);
            index++;
            break;
        }
        return start.Append(text, index, text.Length - index).ToString();
    }

    /// <summary>The ASCII formula sign a look-alike stands for (spelled out, not NFKC: the same answer whether or not a host runs with ICU).</summary>
    private static char? AsciiSign(char c) => c switch
    {
        '＝' or '﹦' => '=',
        '＋' or '﹢' => '+',
        '－' or '﹣' or '\u2212' => '-',
        '＠' or '﹫' => '@',
        _ => null,
    };
}
