using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Routing;

namespace BranchArchive.WebApp.SignIn;

/// <summary>The few plain HTTP endpoints of the web app: organisation sign-in, sign-out and the language switch.</summary>
public static class SignInEndpoints
{
    public static void MapSignInEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/signout", async (HttpContext context, IAntiforgery antiforgery, OrganisationSignIn organisation) =>
        {
            // Only the app's own form may sign the user out (not another site's hidden form). The
            // antiforgery token is bound to the cookie's user, hence the policy below.
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }
            // At the provider first (it reads the id token from the cookie), then the archive's cookie.
            var atProvider = await organisation.SignOutAtProviderAsync(context, "/signin");
            await StaffCookie.SignOutAsync(context);
            return atProvider ? Results.Empty : Results.Redirect("/signin");
        }).RequireAuthorization(StaffCookie.Policy).ExcludeFromDescription().DisableAntiforgery();

        // The sign-in page's "Sign in with your organisation": starts the code flow at the provider.
        routes.MapGet("/signin/organisation", (OrganisationSignIn organisation, string? returnUrl) =>
            organisation.Enabled ? OrganisationSignIn.Challenge(LocalOrHome(returnUrl)) : Results.NotFound())
            .AllowAnonymous().ExcludeFromDescription();

        routes.MapGet("/culture/set", (HttpContext context, string? culture, string? returnUrl) =>
        {
            if (culture is not ("en" or "zh-Hans"))
            {
                return Results.BadRequest();
            }
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            return Results.LocalRedirect(LocalOrHome(returnUrl));
        }).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>A path on this app, never another site's address (an open redirect).</summary>
    public static string LocalOrHome(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\") ? url : "/";
}
