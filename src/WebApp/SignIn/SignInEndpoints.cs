using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Routing;

namespace BranchArchive.WebApp.SignIn;

/// <summary>The few plain HTTP endpoints of the web app: sign-out and the language switch.</summary>
public static class SignInEndpoints
{
    public static void MapSignInEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/signout", async (HttpContext context, IAntiforgery antiforgery) =>
        {
            // Only the app's own form may sign the user out (not another site's hidden form). The
            // antiforgery token is bound to the cookie's user, hence the policy below.
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }
            await StaffCookie.SignOutAsync(context);
            return Results.Redirect("/signin");
        }).RequireAuthorization(StaffCookie.Policy).ExcludeFromDescription().DisableAntiforgery();

        routes.MapGet("/culture/set", (HttpContext context, string? culture, string? returnUrl) =>
        {
            if (culture is not ("en" or "zh-Hans"))
            {
                return Results.BadRequest();
            }
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            return Results.LocalRedirect(returnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\") ? url : "/");
        }).AllowAnonymous().ExcludeFromDescription();
    }
}
