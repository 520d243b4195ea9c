using BranchArchive.WebApp.Api;
using BranchArchive.WebApp.SignIn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BranchArchive.WebApp.HeadOffice;

/// <summary>
/// The search's CSV export as the browser downloads it. The browser holds no bearer token (it
/// stays in the web app's cookie), so this endpoint asks the API's <c>files.csv</c> with the
/// signed-in user's token and passes the answer on as it streams: the API decides what the user
/// may export and audits it, exactly as for any other client. No second door.
/// </summary>
public static class ExportEndpoint
{
    public const string Path = "/head-office/files.csv";

    /// <summary>The inventory filters passed on; anything else in the query is dropped.</summary>
    private static readonly string[] Filters = ["branch", "cabinet", "status", "importance", "type", "tag", "q", "overdue", "location", "destination", "circulationStage"];

    public static void MapHeadOfficeEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, async (HttpContext context, ApiConnection api) =>
        {
            var user = StaffUser.From(context.User);
            if (user.Token is null)
            {
                return Results.Challenge();
            }
            var query = string.Join('&', Filters
                .Where(name => context.Request.Query.ContainsKey(name))
                .Select(name => $"{name}={Uri.EscapeDataString(context.Request.Query[name].ToString())}"));
            var response = await api.GetStreamingAsync($"api/inventory/files.csv?{query}", user.Token, context.RequestAborted);
            context.Response.RegisterForDispose(response);
            if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
            {
                // The token expired: sign in again and come back to the search.
                return Results.Redirect($"/signin?expired=true&returnUrl={Uri.EscapeDataString("/head-office/search" + context.Request.QueryString)}");
            }
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
            if (response.Content.Headers.ContentDisposition is { } disposition)
            {
                context.Response.Headers.ContentDisposition = disposition.ToString();
            }
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
            return Results.Empty;
        }).RequireAuthorization(StaffCookie.Policy).ExcludeFromDescription();
    }
}
