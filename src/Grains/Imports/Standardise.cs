using System.Globalization;
using BranchArchive.Contracts.Imports;
using System.Text.RegularExpressions;
using BranchArchive.Contracts.Files;

namespace BranchArchive.Grains.Imports;

/// <summary>
/// Turns values as other departments write them into the archive's: NFKC (full-width letters,
/// digits and punctuation become half-width), whitespace collapsed and trimmed, common spellings
/// of types and classes (English and Chinese) to their names, dates in common formats. Each
/// parser answers null for a value it does not recognise; the caller reports it.
/// </summary>
public static partial class Standardise
{
    public static string? Text(string? value)
    {
        if (value is null)
        {
            return null;
        }
        var text = Whitespace().Replace(HalfWidth.Fold(value), " ").Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>The form names are compared in: standardised text, lower case.</summary>
    public static string? Key(string? value) => Text(value)?.ToLowerInvariant();

    public static CustomerType? CustomerType(string? value) => Lookup(value, CustomerTypes);

    public static Importance? Importance(string? value) => Lookup(value, Importances);

    public static Sensitivity? Sensitivity(string? value) => Lookup(value, Sensitivities);

    public static CooperationStage? Stage(string? value) => Lookup(value, Stages);

    public static Relationship? Relationship(string? value) => Lookup(value, Relationships);

    public static DocumentType? DocumentType(string? value) => Lookup(value, DocumentTypes);

    public static bool? Flag(string? value) => Lookup(value, Flags);

    public static string? Industry(string? value, IReadOnlyDictionary<string, string> synonyms) =>
        Key(value) is { } key ? synonyms.TryGetValue(key, out var canonical) ? canonical : Text(value) : null;

    /// <summary>2024-03-01, 2024/3/1, 2024.3.1, 20240301, 2024年3月1日 (full-width digits too).</summary>
    public static DateOnly? Date(string? value)
    {
        var text = Text(value)?.Replace(" ", "", StringComparison.Ordinal);
        if (text is null)
        {
            return null;
        }
        var match = DateParts().Match(text);
        if (!match.Success)
        {
            return null;
        }
        var (year, month, day) = (Number(match.Groups["y"]), Number(match.Groups["m"]), Number(match.Groups["d"]));
        return year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;
    }

    /// <summary>2024, 2024年.</summary>
    public static int? Year(string? value) =>
        Text(value)?.TrimEnd('年') is { } text && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : null;

    /// <summary>1..4, Q1, 2024Q1, 2024-Q1, 第一季度, 一季度.</summary>
    public static int? Quarter(string? value)
    {
        var text = Key(value)?.Replace(" ", "", StringComparison.Ordinal);
        if (text is null)
        {
            return null;
        }
        var match = QuarterParts().Match(text);
        if (!match.Success)
        {
            return null;
        }
        var digit = match.Groups["q"].Value;
        return digit switch { "一" => 1, "二" => 2, "三" => 3, "四" => 4, _ => int.Parse(digit, CultureInfo.InvariantCulture) };
    }

    /// <summary>Tags separated by ; , | or the Chinese enumeration comma, each standardised, empty ones dropped.</summary>
    public static IReadOnlyList<string>? List(string? value) =>
        Text(value) is { } text
            ? text.Split([';', ',', '|', '、'], StringSplitOptions.RemoveEmptyEntries).Select(Text).OfType<string>().Distinct(StringComparer.Ordinal).ToList()
            : null;

    private static int Number(Group group) => int.Parse(group.Value, CultureInfo.InvariantCulture);

    private static T? Lookup<T>(string? value, Dictionary<string, T> table) where T : struct =>
        Key(value) is { } key && table.TryGetValue(key.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal), out var found)
            ? found
            : null;

    private static Dictionary<string, T> Table<T>(params (T Value, string[] Spellings)[] entries) where T : struct, Enum =>
        entries.SelectMany(e => e.Spellings.Append(e.Value.ToString()).Select(s => (Key: s.ToLowerInvariant(), e.Value)))
            .ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    private static readonly Dictionary<string, CustomerType> CustomerTypes = Table(
        (Contracts.Files.CustomerType.Individual, ["个人", "个人客户", "自然人", "person", "personal", "private", "individuals"]),
        (Contracts.Files.CustomerType.Enterprise, ["企业", "企业客户", "公司", "company", "corporate", "corporation", "business"]),
        (Contracts.Files.CustomerType.Government, ["政府", "政府机关", "事业单位", "政府/事业单位", "public institution", "public", "gov", "publicinstitution"]));

    private static readonly Dictionary<string, Importance> Importances = Table(
        (Contracts.Files.Importance.Vip, ["重要", "重要客户", "vip客户", "key", "red", "红"]),
        (Contracts.Files.Importance.Normal, ["普通", "一般", "普通客户", "regular", "standard", "blue", "蓝"]),
        (Contracts.Files.Importance.Potential, ["潜在", "潜在客户", "prospect", "green", "绿"]));

    private static readonly Dictionary<string, Sensitivity> Sensitivities = Table(
        (Contracts.Files.Sensitivity.Internal, ["内部", "一般", "normal"]),
        (Contracts.Files.Sensitivity.Confidential, ["机密", "秘密", "保密", "secret"]),
        (Contracts.Files.Sensitivity.Restricted, ["绝密", "受限", "限制"]));

    private static readonly Dictionary<string, CooperationStage> Stages = Table(
        (CooperationStage.Potential, ["潜在", "prospect"]),
        (CooperationStage.Signed, ["签约", "已签约"]),
        (CooperationStage.Stable, ["稳定", "稳定合作"]),
        (CooperationStage.Terminated, ["终止", "已终止", "ended"]));

    private static readonly Dictionary<string, Relationship> Relationships = Table(
        (Contracts.Files.Relationship.New, ["新", "新客户"]),
        (Contracts.Files.Relationship.LongTerm, ["长期", "长期客户", "long term"]),
        (Contracts.Files.Relationship.Problem, ["问题", "问题客户", "risky"]),
        (Contracts.Files.Relationship.Former, ["以前", "原客户", "流失", "lost"]),
        (Contracts.Files.Relationship.Potential, ["潜在", "潜在客户"]));

    private static readonly Dictionary<string, DocumentType> DocumentTypes = Table(
        (Contracts.Files.DocumentType.BasicInfo, ["基本信息", "basic", "basic info"]),
        (Contracts.Files.DocumentType.Cooperation, ["合作记录", "合同", "contract"]),
        (Contracts.Files.DocumentType.Service, ["服务记录", "服务"]),
        (Contracts.Files.DocumentType.Credit, ["信用资料", "信用"]),
        (Contracts.Files.DocumentType.Other, ["其他"]),
        (Contracts.Files.DocumentType.Accounting, ["会计档案", "会计资料", "会计", "accounting records"]));

    private static readonly Dictionary<string, bool> Flags = new(StringComparer.Ordinal)
    {
        ["true"] = true, ["yes"] = true, ["y"] = true, ["1"] = true, ["是"] = true, ["可"] = true, ["可借"] = true,
        ["false"] = false, ["no"] = false, ["n"] = false, ["0"] = false, ["否"] = false, ["不可"] = false, ["不可借"] = false,
    };

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^(?:(?<y>[0-9]{4})[-/.年](?<m>[0-9]{1,2})[-/.月](?<d>[0-9]{1,2})日?|(?<y>[0-9]{4})(?<m>[0-9]{2})(?<d>[0-9]{2}))$", RegexOptions.CultureInvariant)]
    private static partial Regex DateParts();

    [GeneratedRegex(@"^(?:[0-9]{4}[-/年]?)?(?:q(?<q>[1-4])|(?<q>[1-4])|第?(?<q>[一二三四1-4])季度?)$", RegexOptions.CultureInvariant)]
    private static partial Regex QuarterParts();
}
