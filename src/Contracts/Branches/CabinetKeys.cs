namespace BranchArchive.Contracts.Branches;

/// <summary>A cabinet grain is keyed by its branch and its own code: <c>SH01/C01</c>.</summary>
public static class CabinetKeys
{
    public static string Of(string branch, string cabinet) => $"{branch}/{cabinet}";

    public static (string Branch, string Cabinet) Parse(string key)
    {
        var slash = key.IndexOf('/');
        return (key[..slash], key[(slash + 1)..]);
    }
}
