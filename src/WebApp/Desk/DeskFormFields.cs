using BranchArchive.Contracts.Files;

namespace BranchArchive.WebApp.Desk;

// What each action form holds while it is filled in (and in its draft, should the sign-in expire).

public sealed class CheckoutFormFields
{
    public string? Borrower { get; set; }

    public string? Purpose { get; set; }

    public int Days { get; set; } = 14;
}

public sealed class CloseReadingFormFields
{
    public string? Notes { get; set; }
}

public sealed class ReadingFormFields
{
    public string? Reader { get; set; }

    public string? Purpose { get; set; }
}

public sealed class RenewFormFields
{
    public int Days { get; set; } = 14;
}

public sealed class RequestFormFields
{
    /// <summary>Only when asking by id for a file this branch cannot see yet.</summary>
    public string? FileId { get; set; }

    public string? Borrower { get; set; }

    public string? Purpose { get; set; }

    public int Days { get; set; } = 14;
}

public sealed class ReturnFormFields
{
    public ReturnCondition Condition { get; set; } = ReturnCondition.Intact;

    public string? Notes { get; set; }

    /// <summary>The day the file came back, when caught up from the paper register; empty: now.</summary>
    public DateTime? ReturnedOn { get; set; }
}

public sealed class TransferFormFields
{
    public string? Text { get; set; }
}

public sealed class CancelTransitFormFields
{
    public string? Reason { get; set; }
}

public sealed class MissingFormFields
{
    public string? Note { get; set; }
}
