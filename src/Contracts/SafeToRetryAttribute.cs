namespace BranchArchive.Contracts;

/// <summary>
/// Marks a grain method that may be sent again when a call failed in transit (a silo died, a
/// gateway vanished): it changes nothing, or repeating it answers the first outcome again.
/// The API's Orleans client retries such calls; it never retries any other.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SafeToRetryAttribute : Attribute
{
    /// <summary>
    /// When set, the call is safe to repeat only if this argument (an Idempotency-Key) is not
    /// null: the grain then answers a repeat with the first outcome.
    /// </summary>
    public string? WhenArgumentGiven { get; init; }
}
