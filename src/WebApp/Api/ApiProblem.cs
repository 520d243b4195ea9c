namespace BranchArchive.WebApp.Api;

/// <summary>
/// An RFC 9457 problem the API answered (400, 403, 404, 409, ...), as the page shows it:
/// the detail, and each invalid field's messages to put next to that field.
/// </summary>
public sealed record ApiProblem(int Status, string? Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    public static ApiProblem Unavailable(string detail) => new(503, null, detail, new Dictionary<string, string[]>());

    /// <summary>The messages for one field; the API names fields in camelCase (e.g. <c>customer.name</c>).</summary>
    public string? ErrorFor(string field) =>
        Errors.FirstOrDefault(pair => string.Equals(pair.Key, field, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } messages
            ? string.Join(" ", messages)
            : null;
}

/// <summary>What one API call came to: the value, or the problem the API answered.</summary>
public sealed record ApiResult<T>(T? Value, ApiProblem? Problem)
{
    public bool Succeeded => Problem is null;

    public static ApiResult<T> Ok(T value) => new(value, null);

    public static ApiResult<T> Failed(ApiProblem problem) => new(default, problem);
}

/// <summary>
/// The API answered 401: the token has expired (or was revoked). The page keeps its draft and
/// sends the user to sign in again; nothing else should catch this.
/// </summary>
public sealed class ApiSessionExpiredException() : Exception("The sign-in has expired.");
