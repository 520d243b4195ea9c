using BranchArchive.Contracts.Files;

namespace BranchArchive.Grains.Imports;

/// <summary>
/// The keys under which a customer is one customer: the id number (spaces and dashes ignored), and
/// the name with the customer type (standardised, case-folded). Two files sharing either are duplicates.
/// </summary>
public static class IdentityKeys
{
    public static IReadOnlyList<string> Of(Customer customer)
    {
        var keys = new List<string>(2);
        if (Standardise.Text(customer.IdNumber) is { } id)
        {
            keys.Add("id/" + id.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToUpperInvariant());
        }
        if (Standardise.Key(customer.Name) is { } name && customer.Type is { } type)
        {
            keys.Add($"name/{type}/{name}");
        }
        return keys;
    }

    public static string Describe(string key) =>
        key.StartsWith("id/", StringComparison.Ordinal) ? "customer.idNumber" : "customer.name";
}
