namespace BranchArchive.Api.Http;

/// <summary>The body size limit for JSON requests (<c>Api:MaxRequestBodyBytes</c>); scans and CSV imports raise it for themselves.</summary>
public static class RequestLimits
{
    public const long DefaultMaxBodyBytes = 256 * 1024;

    public static long MaxBodyBytes(IConfiguration configuration) =>
        configuration.GetValue<long?>("Api:MaxRequestBodyBytes") ?? DefaultMaxBodyBytes;
}
