using BranchArchive.Contracts.Files;
using BranchArchive.Contracts.Imports;
using BranchArchive.Grains.Imports;

namespace BranchArchive.Grains.Tests.Imports;

/// <summary>Values as other departments write them, and what the archive makes of them.</summary>
public sealed class StandardiseTests
{
    [Theory]
    [InlineData("ＡＢＣ　有限公司", "ABC 有限公司")]
    [InlineData("  上海   某某\t机械 ", "上海 某某 机械")]
    [InlineData("９１３１００００", "91310000")]
    [InlineData("（北京）科技", "(北京)科技")]
    [InlineData("   ", null)]
    public void Text_is_half_width_with_whitespace_collapsed(string raw, string? expected) =>
        Assert.Equal(expected, Standardise.Text(raw));

    [Theory]
    [InlineData("2024-03-01")]
    [InlineData("2024/3/1")]
    [InlineData("2024.3.1")]
    [InlineData("20240301")]
    [InlineData("2024年3月1日")]
    [InlineData("２０２４年３月１日")]
    [InlineData(" 2024 - 03 - 01 ")]
    public void Dates_in_common_formats_are_read(string raw) => Assert.Equal(new DateOnly(2024, 3, 1), Standardise.Date(raw));

    [Theory]
    [InlineData("2024-13-01")]
    [InlineData("2023-02-29")]
    [InlineData("01/03/2024")]
    [InlineData("yesterday")]
    [InlineData("٢٠٢٤-٠٣-٠١")] // digits of another script: refused as a row error, never an exception
    public void Impossible_or_ambiguous_dates_are_not(string raw) => Assert.Null(Standardise.Date(raw));

    [Theory]
    [InlineData("个人", CustomerType.Individual)]
    [InlineData("Individual", CustomerType.Individual)]
    [InlineData("person", CustomerType.Individual)]
    [InlineData("企业", CustomerType.Enterprise)]
    [InlineData("ＣＯＭＰＡＮＹ", CustomerType.Enterprise)]
    [InlineData("政府", CustomerType.Government)]
    [InlineData("Public  Institution", CustomerType.Government)]
    public void Customer_types_from_common_spellings(string raw, CustomerType expected) => Assert.Equal(expected, Standardise.CustomerType(raw));

    [Theory]
    [InlineData("VIP", Importance.Vip)]
    [InlineData("重要", Importance.Vip)]
    [InlineData("普通", Importance.Normal)]
    [InlineData("normal", Importance.Normal)]
    [InlineData("潜在", Importance.Potential)]
    public void Importance_from_common_spellings(string raw, Importance expected) => Assert.Equal(expected, Standardise.Importance(raw));

    [Theory]
    [InlineData("3", 3)]
    [InlineData("Q2", 2)]
    [InlineData("2024Q4", 4)]
    [InlineData("第一季度", 1)]
    [InlineData("5", null)]
    public void Quarters(string raw, int? expected) => Assert.Equal(expected, Standardise.Quarter(raw));

    [Fact]
    public void Industry_names_take_the_configured_canonical_form()
    {
        var synonyms = new ImportOptions().IndustrySynonyms;
        Assert.Equal("Machinery", Standardise.Industry(" 机械制造 ", synonyms));
        Assert.Equal("Machinery", Standardise.Industry("MACHINERY", synonyms));
        Assert.Equal("Real estate", Standardise.Industry("Real  Estate", synonyms));
        Assert.Equal("Shipbuilding", Standardise.Industry("Shipbuilding", synonyms)); // not listed: kept as written
    }

    [Fact]
    public void Identity_keys_ignore_width_case_spacing_and_dashes()
    {
        var a = IdentityKeys.Of(new Customer("上海  ＡＢＣ 公司", CustomerType.Enterprise, "9131-0000 abc", null, null));
        var b = IdentityKeys.Of(new Customer("上海 abc 公司", CustomerType.Enterprise, "91310000ABC", null, null));
        Assert.Equal(a, b);
        Assert.NotEqual(a[1], IdentityKeys.Of(new Customer("上海 abc 公司", CustomerType.Individual, null, null, null))[0]);
    }

    [Fact]
    public void Chinese_headers_and_aliases_name_the_columns_and_unknown_ones_are_refused()
    {
        var (rows, errors) = ImportCsv.Read("客户名称,客户类型,证件号码,重要性,网点,柜号,季度,年度\n张三,个人,110101199001011234,VIP,SH01,C01,Q1,2024\n");
        Assert.True(errors.IsValid);
        var row = Assert.Single(rows);
        Assert.Equal(("张三", "个人", "C01"), (row[ImportColumns.CustomerName], row[ImportColumns.CustomerType], row[ImportColumns.Cabinet]));

        var (_, bad) = ImportCsv.Read("customer_name,colour\nx,red\n");
        Assert.Contains("header", bad.ToDictionary().Keys);
        var (_, noName) = ImportCsv.Read("type,idNumber\nindividual,1\n");
        Assert.Contains("customerName", Assert.Single(noName.ToDictionary()["header"]));
    }

    [Fact]
    public void A_row_is_read_into_the_registration_command_or_its_errors()
    {
        var reader = new ImportRowReader(new ImportOptions().IndustrySynonyms);
        var (rows, _) = ImportCsv.Read(
            "客户名称,客户类型,行业,重要性,可借阅,归档日期,文件,柜号\n" +
            "\"ＡＢＣ　机械\",企业,机械,重要,否,2024年5月6日,合同|Framework contract|12|2024/3/1; 基本信息|Licence,c01\n" +
            ",外星人,,?,maybe,2024-02-30,,C01\n");
        var (command, errors) = reader.Read(rows[0], "SH01");
        Assert.Empty(errors);
        Assert.Equal(new Customer("ABC 机械", CustomerType.Enterprise, null, "Machinery", null), command!.Customer);
        Assert.Equal((Importance.Vip, false, 2024, 2, "SH01", "C01"), (command.Importance, command.Lendable, command.Year, command.Quarter, command.Branch, command.Cabinet));
        Assert.Equal(new FileDocument(DocumentType.Cooperation, "Framework contract", 12, new DateOnly(2024, 3, 1)), command.Documents![0]);

        var (none, wrong) = reader.Read(rows[1], "SH01");
        Assert.Null(none);
        Assert.Equal(["customer.name", "customer.type", "filedOn", "importance", "lendable"], wrong.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.All(wrong, e => Assert.Equal(2, e.Row));
    }
}
