using System.Text.RegularExpressions;

namespace BranchArchive.Contracts.Validation;

/// <summary>The formats of the codes and keys that name things in the archive.</summary>
public static partial class Codes
{
    [GeneratedRegex("^[A-Z0-9]{2,10}$", RegexOptions.CultureInvariant)]
    public static partial Regex Branch();

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{0,19}$", RegexOptions.CultureInvariant)]
    public static partial Regex Cabinet();

    /// <summary>Printable ASCII without spaces, as clients generate them (UUIDs, ULIDs, hashes).</summary>
    [GeneratedRegex("^[\\x21-\\x7E]{1,100}$", RegexOptions.CultureInvariant)]
    public static partial Regex IdempotencyKey();

    public const string BranchDescription = "2 to 10 upper-case letters or digits";
    public const string CabinetDescription = "1 to 20 upper-case letters, digits or dashes, starting with a letter or digit";
}
