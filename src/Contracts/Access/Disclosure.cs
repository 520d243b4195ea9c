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
        var seesInFull = actor.IsHeadOffice || (actor.Has(StaffRoles.Manager) && actor.Branch == fileBranch);
        if (seesInFull)
        {
            return customer;
        }
        if (sensitivity == Sensitivity.Restricted && !actor.Has(StaffRoles.Manager | StaffRoles.Auditor))
        {
            return new Customer(null, customer.Type, null, null, null);
        }
        return customer with { IdNumber = Mask(customer.IdNumber) };
    }

    public static string? Mask(string? idNumber) => idNumber switch
    {
        null => null,
        { Length: <= 7 } => new string('*', idNumber.Length),
        _ => string.Concat(idNumber.AsSpan(0, 3), new string('*', idNumber.Length - 7), idNumber.AsSpan(idNumber.Length - 4)),
    };
}
