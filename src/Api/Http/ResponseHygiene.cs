namespace BranchArchive.Api.Http;

/// <summary>
/// Headers on every answer, set as it starts so error answers get them too: <c>nosniff</c> (a
/// browser never guesses a type, e.g. runs a scan or a CSV as HTML), and <c>no-store</c> (answers
/// carry customers' data, tokens and scans: no browser, proxy or disk cache keeps them). Only the
/// OpenAPI document, which holds no data, may be cached.
/// </summary>
public static class ResponseHygiene
{
    public static IApplicationBuilder UseResponseHygiene(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            if (!context.Request.Path.StartsWithSegments("/openapi", StringComparison.Ordinal))
            {
                headers.CacheControl = "no-store";
            }
            return Task.CompletedTask;
        });
        return next(context);
    });
}
