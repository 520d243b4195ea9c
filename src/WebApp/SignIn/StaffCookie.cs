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
    public static Task SignInAsync(HttpContext context, string token) =>
        context.SignInAsync(Scheme, PrincipalFor(token, displayName: null), PropertiesFor(token, new AuthenticationProperties()));

    /// <summary>
    /// The web app's user for an API token: <c>sub</c>, <c>role</c> and <c>branch</c> read from the
    /// token itself, as the API reads them (so the pages offer what the API will allow), and the
    /// token. <paramref name="displayName"/> (the provider's <c>name</c>) is only shown.
    /// </summary>
    public static ClaimsPrincipal PrincipalFor(string token, string? displayName)
    {
        var jwt = new JsonWebToken(token);
        var identity = new ClaimsIdentity(Scheme, StaffUser.SubjectClaim, StaffUser.RoleClaim);
        identity.AddClaims(jwt.Claims.Where(claim => claim.Type is StaffUser.SubjectClaim or StaffUser.RoleClaim or StaffUser.BranchClaim)
            .Select(claim => new Claim(claim.Type, claim.Value)));
        var name = displayName ?? jwt.Claims.FirstOrDefault(claim => claim.Type == StaffUser.NameClaim)?.Value;
        if (!string.IsNullOrWhiteSpace(name))
        {
            identity.AddClaim(new Claim(StaffUser.NameClaim, name));
        }
        identity.AddClaim(new Claim(StaffUser.TokenClaim, token));
        return new ClaimsPrincipal(identity);
    }

    /// <summary>A session cookie that lives as long as the token, never longer, and is never extended.</summary>
    public static AuthenticationProperties PropertiesFor(string token, AuthenticationProperties properties)
    {
        properties.IsPersistent = false;
        properties.ExpiresUtc = ExpiryOf(token) ?? DateTimeOffset.UtcNow.AddHours(1);
        properties.AllowRefresh = false;
        return properties;
    }

    /// <summary>The token's <c>exp</c>, or null if it has none.</summary>
    public static DateTimeOffset? ExpiryOf(string token)
    {
        var expiry = new JsonWebToken(token).ValidTo;
        return expiry == DateTime.MinValue ? null : new DateTimeOffset(expiry, TimeSpan.Zero);
    }

    public static Task SignOutAsync(HttpContext context) => context.SignOutAsync(Scheme);
}
