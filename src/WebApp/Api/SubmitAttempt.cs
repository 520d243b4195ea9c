namespace BranchArchive.WebApp.Api;

/// <summary>
/// The Idempotency-Key of one form submission attempt. A double click or a retry after a lost
/// answer reuses the key, so the API does the write once; once the API has answered (yes or no)
/// the next submission is a new attempt with a new key.
/// </summary>
public sealed class SubmitAttempt
{
    private string? _key;

    /// <summary>True while a submission is on its way: the form's button is disabled meanwhile.</summary>
    public bool InFlight { get; private set; }

    /// <summary>The key for this attempt, made on first use and kept until <see cref="Settle"/>.</summary>
    public string Key => _key ??= Guid.NewGuid().ToString("N");

    /// <summary>
    /// Runs the write unless one is already on its way. The key is kept when no answer came
    /// (network failure, 5xx, expired sign-in) so the retry is recognised as the same write.
    /// </summary>
    public async Task<ApiResult<T>?> RunAsync<T>(Func<string, Task<ApiResult<T>>> write)
    {
        if (InFlight)
        {
            return null;
        }
        InFlight = true;
        try
        {
            var result = await write(Key);
            if (result.Problem is not { Status: >= 500 })
            {
                Settle();
            }
            return result;
        }
        finally
        {
            InFlight = false;
        }
    }

    /// <summary>The API answered: the next submission is a new attempt.</summary>
    public void Settle() => _key = null;
}
