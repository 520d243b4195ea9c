using System.Globalization;
using System.Text;

namespace BranchArchive.Contracts.Imports;

/// <summary>
/// The columns an import CSV may have, by canonical name, and the header spellings other
/// departments' exports use for them (English and Chinese; matched after NFKC, trimming, and
/// ignoring case, spaces, dashes and underscores). Only the customer's name is required as a column.
/// </summary>
public static class ImportColumns
{
    public const int CustomerName = 0;
    public const int CustomerType = 1;
    public const int IdNumber = 2;
    public const int Industry = 3;
    public const int Region = 4;
    public const int Importance = 5;
    public const int Sensitivity = 6;
    public const int Lendable = 7;
    public const int Tags = 8;
    public const int Stage = 9;
    public const int Relationship = 10;
    public const int Year = 11;
    public const int Quarter = 12;
    public const int Branch = 13;
    public const int Cabinet = 14;
    public const int Documents = 15;
    public const int FiledOn = 16;
    public const int RelationshipEndedOn = 17;

    /// <summary>Canonical names (the first alias of each column), in column order.</summary>
    public static readonly string[] Names =
    [
        "customerName", "customerType", "idNumber", "industry", "region", "importance", "sensitivity", "lendable",
        "tags", "stage", "relationship", "year", "quarter", "branch", "cabinet", "documents", "filedOn",
        "relationshipEndedOn",
    ];

    private static readonly string[][] Aliases =
    [
        ["customerName", "name", "customer", "客户名称", "客户名", "名称", "姓名"],
        ["customerType", "type", "客户类型", "类型"],
        ["idNumber", "id", "idNo", "证件号码", "证件号", "身份证号", "统一社会信用代码"],
        ["industry", "行业"],
        ["region", "area", "地区", "区域"],
        ["importance", "level", "重要性", "重要程度", "客户等级"],
        ["sensitivity", "敏感等级", "密级"],
        ["lendable", "可借阅", "可外借"],
        ["tags", "tag", "标签"],
        ["stage", "cooperationStage", "合作阶段"],
        ["relationship", "关系", "客户关系"],
        ["year", "年度", "年份"],
        ["quarter", "季度"],
        ["branch", "branchCode", "网点", "分支机构"],
        ["cabinet", "cabinetCode", "档案柜", "柜号"],
        ["documents", "docs", "文件", "文档"],
        ["filedOn", "date", "filingDate", "归档日期", "日期"],
        ["relationshipEndedOn", "relationshipEnded", "endedOn", "terminatedOn", "终止日期", "合作终止日期", "关系终止日期"],
    ];

    private static readonly Dictionary<string, int> ByKey = Aliases
        .SelectMany((names, column) => names.Select(name => (Key: KeyOf(name), column)))
        .ToDictionary(a => a.Key, a => a.column, StringComparer.Ordinal);

    /// <summary>The column a header names, or null when it names none.</summary>
    public static int? Find(string? header) => header is not null && ByKey.TryGetValue(KeyOf(header), out var column) ? column : null;

    private static string KeyOf(string header)
    {
        var text = HalfWidth.Fold(header).Trim().TrimStart('\uFEFF');
        var key = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c) && c is not ('_' or '-' or '.'))
            {
                key.Append(char.ToLower(c, CultureInfo.InvariantCulture));
            }
        }
        return key.ToString();
    }
}
