using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace BranchArchive.WebApp.SignIn;

/// <summary>
/// The web app's own sign-in: an encrypted, HTTP-only cookie that holds the user's API token.
/// The browser never sees the token; the API never accepts the cookie (it stays bearer-only), so
/// the cookie opens the web app's pages and nothing else.
/// </summary>
public static class StaffCookie
{
    public const string Scheme = "StaffWebApp";
    public const string Policy = "StaffWebApp";
    public const string CookieName = "branch-archive-staff";

    public static IServiceCollection AddStaffCookie(this IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.LoginPath = "/signin";
            cookie.AccessDeniedPath = "/signin";
            // The cookie lives as long as the token in it (set at sign-in), never longer.
            cookie.SlidingExpiration = false;
            // Only a page request is sent to the sign-in page: a POST without the cookie (a script, or
            // an API path whose dot segments resolve to a page) is refused, never answered with a page.
            cookie.Events.OnRedirectToLogin = context => RedirectPageRequests(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => RedirectPageRequests(context, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(Scheme)
            .RequireAuthenticatedUser());
        return services;
    }

    private static Task RedirectPageRequests(RedirectContext<CookieAuthenticationOptions> context, int refusal)
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.Redirect(context.RedirectUri);
        }
        else
        {
            context.Response.StatusCode = refusal;
        }
        return Task.CompletedTask;
    }

    /// <summary>Signs the user in with the claims of <paramref name="token"/>, which the API issued or accepts.</summary>
    public static async Task SignInAsync(HttpContext context, string token)
    {
        var jwt = new JsonWebToken(token);
        var identity = new ClaimsIdentity(Scheme, StaffUser.SubjectClaim, StaffUser.RoleClaim);
        identity.AddClaims(jwt.Claims.Where(claim => claim.Type is StaffUser.SubjectClaim or StaffUser.RoleClaim or StaffUser.BranchClaim)
            .Select(claim => new Claim(claim.Type, claim.Value)));
        identity.AddClaim(new Claim(StaffUser.TokenClaim, token));
        await context.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties
        {
            IsPersistent = false,
            ExpiresUtc = jwt.ValidTo == DateTime.MinValue ? DateTimeOffset.UtcNow.AddHours(1) : new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero),
            AllowRefresh = false,
        });
    }

    public static Task SignOutAsync(HttpContext context) => context.SignOutAsync(Scheme);
}
