namespace BranchArchive.Grains.Imports;

/// <summary>Settings of CSV imports (configuration section <c>Import</c>).</summary>
public sealed class ImportOptions
{
    public const string Section = "Import";

    /// <summary>Rows per batch: stored together, done together, progress kept after each.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Rows of a batch registered at once.</summary>
    public int Parallelism { get; set; } = 32;

    /// <summary>
    /// Industry names as departments write them → the archive's name. Keys are matched after
    /// standardisation (NFKC, collapsed whitespace, lower case); a name not listed is kept as written.
    /// </summary>
    public Dictionary<string, string> IndustrySynonyms { get; set; } = new(StringComparer.Ordinal)
    {
        ["machinery"] = "Machinery", ["机械"] = "Machinery", ["机械制造"] = "Machinery", ["machine building"] = "Machinery",
        ["manufacturing"] = "Manufacturing", ["制造"] = "Manufacturing", ["制造业"] = "Manufacturing",
        ["finance"] = "Finance", ["financial services"] = "Finance", ["金融"] = "Finance", ["金融业"] = "Finance",
        ["real estate"] = "Real estate", ["property"] = "Real estate", ["房地产"] = "Real estate",
        ["trade"] = "Trade", ["trading"] = "Trade", ["贸易"] = "Trade", ["商贸"] = "Trade",
        ["it"] = "IT", ["information technology"] = "IT", ["信息技术"] = "IT", ["软件"] = "IT",
        ["retail"] = "Retail", ["零售"] = "Retail",
        ["public sector"] = "Public sector", ["government"] = "Public sector", ["政府"] = "Public sector", ["事业单位"] = "Public sector",
    };
}
