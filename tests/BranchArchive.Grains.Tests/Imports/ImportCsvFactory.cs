using System.Globalization;
using System.Text;

namespace BranchArchive.Grains.Tests.Imports;

/// <summary>
/// Generates an export as departments send them: mixed header spellings (English and Chinese),
/// types and classes in several spellings, full-width digits and stray spaces in some names.
/// Row <c>i</c> (1-based) is customer <c>{tag}客户{i:D5}号</c> with id number <c>{tag}ID-{i:D8}</c>, in
/// cabinet <c>C{(i % cabinets) + 1:D2}</c>; <paramref name="change"/> plants errors and duplicates.
/// </summary>
public static class ImportCsvFactory
{
    public const string Header = "客户名称,customerType,id_number,行业,region,重要性,sensitivity,lendable,tags,合作阶段,relationship,year,季度,branch,cabinet,documents,归档日期";

    private static readonly string[] Types = ["个人", "enterprise", "政府", "Individual", "公司", "public institution"];
    private static readonly string[] Industries = ["机械", "Machinery", "金融", "Shipbuilding"];
    private static readonly string[] Importances = ["VIP", "普通", "潜在", "normal"];

    public static string Create(int rows, int cabinets, Action<int, string[]>? change = null, string tag = "")
    {
        var csv = new StringBuilder(rows * 160).Append(Header).Append('\n');
        for (var i = 1; i <= rows; i++)
        {
            var values = Row(i, cabinets, tag);
            change?.Invoke(i, values);
            csv.Append(string.Join(',', values)).Append('\n');
        }
        return csv.ToString();
    }

    public static string Name(int i, string tag = "") => $"{tag}客户{i:D5}号";

    public static string IdNumber(int i, string tag = "") => $"{tag}ID-{i:D8}";

    private static string[] Row(int i, int cabinets, string tag)
    {
        var name = i % 7 == 0 ? "  " + tag + "客户" + FullWidth(i.ToString("D5", CultureInfo.InvariantCulture)) + "号 " : Name(i, tag);
        return
        [
            name, Types[i % Types.Length], IdNumber(i, tag), Industries[i % Industries.Length], "Shanghai", Importances[i % Importances.Length],
            i % 5 == 0 ? "机密" : "", i % 11 == 0 ? "否" : "是", "contract;2024", i % 2 == 0 ? "签约" : "", "",
            "2024", $"Q{i % 4 + 1}", "", $"C{i % cabinets + 1:D2}", i % 3 == 0 ? "合同|Framework contract|12|2024/3/1" : "", "",
        ];
    }

    public static string FullWidth(string ascii) => new([.. ascii.Select(c => c is >= '!' and <= '~' ? (char)(c + 0xFEE0) : c)]);

    // Column positions in the generated rows.
    public const int NameColumn = 0, TypeColumn = 1, IdColumn = 2, LendableColumn = 7, YearColumn = 11, QuarterColumn = 12,
        BranchColumn = 13, CabinetColumn = 14, DocumentsColumn = 15, FiledOnColumn = 16;
}
