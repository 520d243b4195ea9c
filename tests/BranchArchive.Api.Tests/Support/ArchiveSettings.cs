using BranchArchive.Testing;

namespace BranchArchive.Api.Tests.Support;

/// <summary>The settings that put one archive on its own database and its own ports.</summary>
public sealed record ArchiveSettings(TestStorage Storage, int SiloPort, int GatewayPort, string SigningKey)
{
    /// <summary>Writes one user may burst; tests that race 64 requests need far more than production allows.</summary>
    public int WriteBurst { get; init; } = 1_000_000;

    public int WritesPerSecond { get; init; } = 1_000_000;

    /// <summary>Refusals one user may run into; the authorisation matrix alone makes hundreds.</summary>
    public int DenialBurst { get; init; } = 1_000_000;

    /// <summary>
    /// Most tests lend to made-up names ("zhang.san"); the staff-list tests turn this off, as production has it.
    /// </summary>
    public bool AllowUnlistedBorrowers { get; init; } = true;

    /// <summary>The finance approver of every branch (<c>Accounting:FinanceApprovers:*</c>) the accounting tests sign in as.</summary>
    public const string FinanceApprover = "finance.head";

    public static async Task<ArchiveSettings> FreshAsync(string storage = TestStorage.Sqlite) => new(
        await TestStorage.CreateAsync(storage), FreePorts.Next(), FreePorts.Next(),
        Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));

    /// <summary>As configuration keys; a restart with the same settings finds the same data.</summary>
    public Dictionary<string, string?> ToConfiguration(bool devTokens = true) => new(Storage.ToConfiguration())
    {
        ["Cluster:SiloPort"] = SiloPort.ToString(),
        ["Cluster:GatewayPort"] = GatewayPort.ToString(),
        ["Auth:SigningKey"] = SigningKey,
        ["Auth:DevTokens"] = devTokens.ToString(),
        ["Api:WriteRateLimit:Burst"] = WriteBurst.ToString(),
        ["Api:WriteRateLimit:PerSecond"] = WritesPerSecond.ToString(),
        ["Api:DenialRateLimit:Burst"] = DenialBurst.ToString(),
        ["Circulation:AllowUnlistedBorrowers"] = AllowUnlistedBorrowers.ToString(),
        ["Accounting:FinanceApprovers:*:0"] = FinanceApprover,
    };
}
