using BranchArchive.Contracts.Files;

namespace BranchArchive.Contracts.Access;

/// <summary>
/// How much of a customer's identity a member of staff is shown. Identity numbers are masked
/// (first 3 and last 4 characters kept) except for head office and the manager of the file's
/// branch; a clerk sees nothing of the customer of a Restricted file but its type.
/// </summary>
public static class Disclosure
{
    public static Customer CustomerFor(Actor actor, string fileBranch, Sensitivity sensitivity, Customer customer)
    {
        if (ShowsIdentityNumbers(actor, fileBranch))
        {
            return customer;
        }
        if (!ShowsCustomer(actor, fileBranch, sensitivity))
        {
            return new Customer(null, customer.Type, null, null, null);
        }
        return customer with { IdNumber = Mask(customer.IdNumber) };
    }

    /// <summary>Head office and the manager of the file's branch see identity numbers unmasked.</summary>
    public static bool ShowsIdentityNumbers(Actor actor, string fileBranch) =>
        actor.IsHeadOffice || (actor.Has(StaffRoles.Manager) && actor.Branch == fileBranch);

    /// <summary>Is anything of the customer but its type shown? Not to a clerk, for a Restricted file.</summary>
    public static bool ShowsCustomer(Actor actor, string fileBranch, Sensitivity sensitivity) =>
        ShowsIdentityNumbers(actor, fileBranch) || sensitivity != Sensitivity.Restricted || actor.Has(StaffRoles.Manager | StaffRoles.Auditor);

    /// <summary>
    /// A scan shows the paper as it is, unmasked: it goes only to staff shown the customer, and a
    /// scan of basic information (the ID copy) only to staff shown identity numbers in full.
    /// </summary>
    public static bool ShowsScanOf(Actor actor, string fileBranch, Sensitivity sensitivity, DocumentType? documentType) =>
        documentType == DocumentType.BasicInfo
            ? ShowsIdentityNumbers(actor, fileBranch)
            : ShowsCustomer(actor, fileBranch, sensitivity);

    public static string? Mask(string? idNumber) => idNumber switch
    {
        null => null,
        { Length: <= 7 } => new string('*', idNumber.Length),
        _ => string.Concat(idNumber.AsSpan(0, 3), new string('*', idNumber.Length - 7), idNumber.AsSpan(idNumber.Length - 4)),
    };
}
