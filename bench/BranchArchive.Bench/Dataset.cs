using BranchArchive.Contracts.Files;
using BranchArchive.Grains.Branches;
using BranchArchive.Grains.Files;

namespace BranchArchive.Bench;

/// <summary>What one file will be: the small facts the benchmark needs later (queries, the writer), kept for every file.</summary>
public sealed record FilePlan(
    string Id, long Number, int Branch, int Cabinet, string Name, CustomerType Type, Importance Importance,
    Sensitivity Sensitivity, FileStatus Status, bool Lendable, bool Overdue, string[] Tags);

/// <summary>
/// A deterministic archive of <c>files</c> customer files across <c>branches</c> branches with
/// 20 cabinets each. The mix follows what branches report: most files on the shelf, about a fifth
/// out on loan (a quarter of those overdue), a few in transit, missing or damaged; names drawn from
/// common surnames and city prefixes, so prefix searches hit realistic crowds.
/// </summary>
public sealed class Dataset
{
    public const int CabinetsPerBranch = 20;

    public static readonly string[] TagVocabulary =
    [
        "contract", "mortgage", "loan", "credit-card", "deposit", "kyc", "guarantee", "collateral", "lease", "insurance",
        "payroll", "trade-finance", "letter-of-credit", "fx", "wealth", "pension", "aml-review", "renewal", "sme", "export",
        "import", "agriculture", "litigation", "restructuring", "dormant", "closed-account", "audit-2025", "audit-2026",
        "government-program", "vip-service",
    ];

    // Real-world frequency order: the first few surnames cover a large share of individuals.
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹"];
    private static readonly string[] GivenChars = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玉", "建", "国", "文", "辉", "红", "斌", "鹏", "飞", "婷", "雪", "志", "海", "春", "立", "新"];
    private static readonly string[] Cities = ["上海", "北京", "深圳", "广州", "杭州", "南京", "苏州", "成都", "武汉", "天津", "重庆", "西安", "宁波", "青岛", "厦门", "长沙"];
    private static readonly string[] Brands = ["华信", "东方", "金桥", "宏达", "恒通", "新世纪", "远航", "中联", "瑞丰", "万通", "鑫源", "长城", "天成", "博远", "海纳", "正泰", "永安", "联创", "嘉禾", "盛世"];
    private static readonly string[] Industries = ["机械设备", "电子科技", "国际贸易", "建筑工程", "食品", "物流", "化工", "纺织", "医药", "信息技术", "汽车零部件", "房地产开发"];
    private static readonly string[] Suffixes = ["有限公司", "有限公司", "股份有限公司", "制造厂", "集团有限公司"];
    private static readonly string[] Departments = ["财政局", "税务局", "教育局", "人民医院", "公安局", "交通运输局", "住房和城乡建设局", "第一中学", "社会保障中心", "水务局"];
    private static readonly string[] LatinCompanies = ["ACME Trading", "Siemens Shanghai", "Pacific Logistics", "Golden Bridge Foods", "Orient Machinery", "Blue Ocean Shipping"];
    private static readonly string[] Purposes = ["Contract renewal", "Credit review", "Audit", "Customer visit", "Loan application", "Compliance check"];
    private static readonly string[] Borrowers = ["zhang.san", "li.si", "wang.wu", "zhao.liu", "chen.qi", "liu.ba", "yang.jiu", "huang.shi"];

    // Some tags are on many files, most on few (a Zipf-like curve): the top one is on about a third of the files.
    private static readonly double[] TagWeights = TagVocabulary.Select((_, i) => 1.0 / Math.Pow(i + 1, 0.8)).ToArray();

    // Approximate shares of China's most common surnames (per cent of the population): 王 and 李 about 7 % each.
    private static readonly double[] SurnameWeights = [7.1, 7.0, 6.8, 5.4, 4.5, 3.2, 2.3, 2.3, 2.0, 1.9, 1.8, 1.5, 1.3, 1.3, 1.3, 1.2, 1.2, 1.1, 1.1, 0.9, 0.9, 0.9, 0.8, 0.8, 0.8, 0.7, 0.7, 0.7, 0.7, 0.7];

    public Dataset(int files, int branches, DateTimeOffset now, int seed = 20261123)
    {
        Now = now;
        Branches = Enumerable.Range(1, branches).Select(i => $"BR{i:D3}").ToArray();
        Cabinets = Enumerable.Range(1, CabinetsPerBranch).Select(i => $"C{i:D2}").ToArray();
        Seed = seed;
        var random = new Random(seed);
        Files = new FilePlan[files];
        for (var n = 1; n <= files; n++)
        {
            Files[n - 1] = Plan(random, n);
        }
    }

    public DateTimeOffset Now { get; }

    public int Seed { get; }

    public string[] Branches { get; }

    public string[] Cabinets { get; }

    /// <summary>Indexed by file number - 1.</summary>
    public FilePlan[] Files { get; }

    /// <summary>Room for every planned file plus new registrations.</summary>
    public int CabinetCapacity => Math.Max(500, Files.Length / (Branches.Length * CabinetsPerBranch) * 2);

    private FilePlan Plan(Random random, long number)
    {
        var id = NewGuid(random).ToString("D");
        var type = Pick(random, (CustomerType.Individual, 55), (CustomerType.Enterprise, 38), (CustomerType.Government, 7));
        var status = Pick(random, (FileStatus.OnShelf, 75), (FileStatus.CheckedOut, 18), (FileStatus.InTransit, 3), (FileStatus.Missing, 2), (FileStatus.Damaged, 2));
        var importance = Pick(random, (Importance.Vip, 10), (Importance.Normal, 60), (Importance.Potential, 30));
        var sensitivity = Pick(random, (Sensitivity.Internal, 85), (Sensitivity.Confidential, 12), (Sensitivity.Restricted, 3));
        var tags = new HashSet<string>(StringComparer.Ordinal);
        var tagCount = random.Next(1, 4);
        while (tags.Count < tagCount)
        {
            tags.Add(TagVocabulary[PickIndex(random, TagWeights)]);
        }
        return new FilePlan(id, number, random.Next(Branches.Length), random.Next(CabinetsPerBranch), Name(random, type), type, importance,
            sensitivity, status, Lendable: status == FileStatus.CheckedOut || random.Next(50) != 0, // a few are read on site only
            Overdue: status == FileStatus.CheckedOut && random.Next(4) == 0, [.. tags]);
    }

    private static string Name(Random random, CustomerType type) => type switch
    {
        // "王" alone matches about 6 % of all files: tens of thousands in a million.
        CustomerType.Individual => Surnames[PickIndex(random, SurnameWeights)]
            + GivenChars[random.Next(GivenChars.Length)] + (random.Next(3) == 0 ? "" : GivenChars[random.Next(GivenChars.Length)]),
        CustomerType.Enterprise when random.Next(25) == 0 => $"{LatinCompanies[random.Next(LatinCompanies.Length)]} Co., Ltd. No. {random.Next(1, 999)}",
        CustomerType.Enterprise => City(random) + Brands[random.Next(Brands.Length)] + Industries[random.Next(Industries.Length)] + Suffixes[random.Next(Suffixes.Length)],
        _ => City(random) + "市" + Departments[random.Next(Departments.Length)],
    };

    // A steep curve again: a quarter of the companies and offices are in Shanghai, one in ten in Beijing.
    private static string City(Random random) => Cities[Math.Min(Cities.Length - 1, (int)(Math.Pow(random.NextDouble(), 2) * Cities.Length))];

    /// <summary>The stored state of a file: the same shape the grain writes, with a plausible history.</summary>
    public CustomerFileState State(FilePlan plan)
    {
        // Seeded by the file number alone (HashCode is randomised per process), so a file's details are
        // the same in every run and in any order of generation.
        var random = new Random(unchecked(Seed * 1_000_003 + (int)plan.Number));
        var registered = Now.AddDays(-random.Next(30, 3650)).AddSeconds(-random.Next(86_400));
        var state = new CustomerFileState
        {
            FileNumber = plan.Number,
            Customer = new Customer(plan.Name, plan.Type, IdNumber(random, plan.Type), plan.Type == CustomerType.Individual ? null : Industries[random.Next(Industries.Length)],
                Cities[random.Next(Cities.Length)]),
            Importance = plan.Importance,
            Sensitivity = plan.Sensitivity,
            Lendable = plan.Lendable,
            Tags = [.. plan.Tags],
            Documents = Enumerable.Range(0, random.Next(1, 5)).Select(i => new FileDocument(
                (DocumentType)random.Next(5), $"Document {i + 1}: {Purposes[random.Next(Purposes.Length)]}", random.Next(1, 60),
                DateOnly.FromDateTime(registered.AddDays(random.Next(0, 300)).UtcDateTime))).ToList(),
            Branch = Branches[plan.Branch],
            Cabinet = Cabinets[plan.Cabinet],
            Status = plan.Status,
            RegisteredAt = registered,
            RegisteredBy = Borrowers[random.Next(Borrowers.Length)],
            RegistrationFingerprint = Convert.ToHexString(NewGuid(random).ToByteArray()) + Convert.ToHexString(NewGuid(random).ToByteArray()),
            Version = 1,
        };
        // Past loans, all returned; a Damaged file came back damaged from its last one.
        var at = registered;
        var pastLoans = random.Next(0, 5) + (plan.Status == FileStatus.Damaged ? 1 : 0);
        for (var i = 0; i < pastLoans && at < Now.AddDays(-120); i++)
        {
            var loan = NewLoan(random, plan, at.AddDays(random.Next(1, 60)), random.Next(7, 30));
            var returnedAt = loan.CheckedOutAt.AddDays(random.Next(1, 20));
            var condition = plan.Status == FileStatus.Damaged && i == pastLoans - 1 ? ReturnCondition.Damaged : ReturnCondition.Intact;
            state.Record(new LoanRecord(loan, returnedAt, loan.CheckedOutBy, condition, null));
            state.Version += 2;
            at = returnedAt;
        }
        if (plan.Status == FileStatus.CheckedOut)
        {
            // Overdue loans fell due 1-60 days ago; the others fall due in the next weeks.
            var days = random.Next(7, 60);
            var due = plan.Overdue ? Now.AddDays(-random.Next(1, 60)) : Now.AddDays(random.Next(1, days));
            var loan = NewLoan(random, plan, due.AddDays(-days), days);
            state.OpenLoan = loan;
            state.Record(new LoanRecord(loan, null, null, null, null));
            state.Version += 1;
            at = loan.CheckedOutAt;
        }
        state.UpdatedAt = at;
        return state;
    }

    public BranchState StateOfBranch(int branch) => new()
    {
        Code = Branches[branch],
        Name = $"{Cities[branch % Cities.Length]} branch {branch + 1}",
        Region = Cities[branch % Cities.Length],
        Cabinets = [.. Cabinets],
        OpenedAt = Now.AddYears(-10),
        OpenedBy = "import",
    };

    private Loan NewLoan(Random random, FilePlan plan, DateTimeOffset checkedOut, int days) => new(
        NewGuid(random).ToString("D"), plan.Id, Borrowers[random.Next(Borrowers.Length)], Branches[plan.Branch],
        Purposes[random.Next(Purposes.Length)], checkedOut, checkedOut.AddDays(days), Borrowers[random.Next(Borrowers.Length)]);

    private static string IdNumber(Random random, CustomerType type) => type == CustomerType.Individual
        ? $"3101{random.Next(10, 99)}********{random.Next(1000, 9999)}"
        : $"9131{random.Next(1000, 9999)}{random.Next(100_000, 999_999)}XX";

    private static Guid NewGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4, as Guid.NewGuid makes them
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private static T Pick<T>(Random random, params (T Value, int Percent)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Percent));
        foreach (var (value, percent) in choices)
        {
            if ((roll -= percent) < 0)
            {
                return value;
            }
        }
        return choices[^1].Value;
    }

    private static int PickIndex(Random random, double[] weights)
    {
        var roll = random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            if ((roll -= weights[i]) < 0)
            {
                return i;
            }
        }
        return weights.Length - 1;
    }
}
