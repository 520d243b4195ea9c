using BranchArchive.Contracts.Files;

namespace BranchArchive.Grains.Imports;

/// <summary>
/// The keys under which a customer is one customer: the id number (spaces and dashes ignored), and
/// the name with the customer type (standardised, case-folded). Two files sharing either are duplicates.
/// A key names a grain, and grain ids are stored in clear beside its state, so the identifying part
/// is kept only as its SHA-256: the index holds no customer's id number or name (note: a digest of
/// an id number can be guessed by trying numbers; a keyed hash would need a managed secret).
/// </summary>
public static class IdentityKeys
{
    public static IReadOnlyList<string> Of(Customer customer)
    {
        var keys = new List<string>(2);
        if (Standardise.Text(customer.IdNumber) is { } id)
        {
            keys.Add("id/" + Digest(id.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToUpperInvariant()));
        }
        if (Standardise.Key(customer.Name) is { } name && customer.Type is { } type)
        {
            keys.Add($"name/{type}/{Digest(name)}");
        }
        return keys;
    }

    private static string Digest(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    public static string Describe(string key) =>
        key.StartsWith("id/", StringComparison.Ordinal) ? "customer.idNumber" : "customer.name";
}
