using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace BranchArchive.WebApp.SignIn;

/// <summary>
/// Sign-in with the organisation's identity provider: OpenID Connect, authorization code flow
/// with PKCE, against <c>Auth:Authority</c> (the provider whose tokens the API already accepts).
/// The access token the provider issues is what the web app's API calls carry, so the API's
/// authorisation, branch scope, audit and rate limits apply to it unchanged; the app keeps it in
/// its own cookie (<see cref="StaffCookie"/>) exactly as it keeps a dev token.
/// </summary>
public sealed class OrganisationSignIn
{
    public const string Scheme = "Organisation";

    private OrganisationSignIn(bool enabled) => Enabled = enabled;

    /// <summary>True when <c>Auth:Authority</c> and <c>WebApp:Oidc:ClientId</c> are both set.</summary>
    public bool Enabled { get; }

    public static IServiceCollection AddOrganisationSignIn(IServiceCollection services, IConfiguration configuration, OrganisationSignInOptions client)
    {
        var authority = configuration["Auth:Authority"];
        var enabled = !string.IsNullOrWhiteSpace(client.ClientId);
        services.AddSingleton(new OrganisationSignIn(enabled));
        if (!enabled)
        {
            return services;
        }
        if (string.IsNullOrWhiteSpace(authority))
        {
            throw new InvalidOperationException(
                "WebApp:Oidc:ClientId is set but Auth:Authority is not: the web app signs in with the provider whose tokens the API accepts, so set Auth:Authority to its issuer URL.");
        }
        services.AddAuthentication().AddOpenIdConnect(Scheme, oidc =>
        {
            oidc.Authority = authority;
            oidc.RequireHttpsMetadata = configuration.GetValue("Auth:RequireHttpsMetadata", true);
            oidc.ClientId = client.ClientId;
            oidc.ClientSecret = string.IsNullOrWhiteSpace(client.ClientSecret) ? null : client.ClientSecret;
            oidc.ResponseType = OpenIdConnectResponseType.Code;
            oidc.UsePkce = true;
            // The code comes back in the address of a top-level GET: the correlation and nonce cookies
            // can then be SameSite=Lax, which also works on a plain-HTTP intranet address.
            oidc.ResponseMode = OpenIdConnectResponseMode.Query;
            oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
            oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.NonceCookie.SameSite = SameSiteMode.Lax;
            oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.Scope.Clear();
            foreach (var scope in client.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                oidc.Scope.Add(scope);
            }
            oidc.CallbackPath = client.CallbackPath;
            oidc.SignedOutCallbackPath = client.SignedOutCallbackPath;
            oidc.SignInScheme = StaffCookie.Scheme;
            oidc.SignOutScheme = StaffCookie.Scheme;
            oidc.MapInboundClaims = false;
            oidc.GetClaimsFromUserInfoEndpoint = false;
            oidc.SaveTokens = false; // the cookie keeps the access token as a dev sign-in does, and the id token for sign-out
            oidc.Events.OnTokenValidated = KeepTheAccessToken;
            oidc.Events.OnRemoteFailure = ShowTheFailure;
        });
        return services;
    }

    /// <summary>
    /// The provider's answer becomes the web app's user: claims read from the access token (what
    /// the API will see), the display name from the id token, and a cookie that expires with the
    /// access token. The id token is kept as the hint for signing out at the provider.
    /// </summary>
    private static Task KeepTheAccessToken(TokenValidatedContext context)
    {
        var accessToken = context.TokenEndpointResponse?.AccessToken;
        if (string.IsNullOrEmpty(accessToken) || !new JsonWebTokenHandler().CanReadToken(accessToken))
        {
            context.Fail("The provider's access token is not a JWT the archive's API can read: configure it to issue JWT access tokens for the API's audience.");
            return Task.CompletedTask;
        }
        var name = context.Principal?.FindFirst(StaffUser.NameClaim)?.Value;
        context.Principal = StaffCookie.PrincipalFor(accessToken, name);
        StaffCookie.PropertiesFor(accessToken, context.Properties!);
        var idToken = context.TokenEndpointResponse?.IdToken ?? context.ProtocolMessage.IdToken;
        if (!string.IsNullOrEmpty(idToken))
        {
            context.Properties!.StoreTokens([new AuthenticationToken { Name = OpenIdConnectParameterNames.IdToken, Value = idToken }]);
        }
        return Task.CompletedTask;
    }

    /// <summary>A refusal or error from the provider: back to the sign-in page saying so, never a 500.</summary>
    private static Task ShowTheFailure(RemoteFailureContext context)
    {
        context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger<OrganisationSignIn>()
            .LogWarning(context.Failure, "Signing in with the organisation's identity provider failed");
        context.Response.Redirect("/signin?failed=true");
        context.HandleResponse();
        return Task.CompletedTask;
    }

    /// <summary>Starts the code flow; the provider sends the user back to <paramref name="returnUrl"/> (a local path).</summary>
    public static IResult Challenge(string returnUrl) =>
        Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [Scheme]);

    /// <summary>
    /// Signs the user out at the provider too, when the user signed in there and the provider
    /// publishes an end-session endpoint; answers false when there is nothing to do there.
    /// </summary>
    public async Task<bool> SignOutAtProviderAsync(HttpContext context, string returnUrl)
    {
        if (!Enabled || await context.GetTokenAsync(StaffCookie.Scheme, OpenIdConnectParameterNames.IdToken) is null)
        {
            return false;
        }
        var options = context.RequestServices.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(Scheme);
        OpenIdConnectConfiguration provider;
        try
        {
            provider = await options.ConfigurationManager!.GetConfigurationAsync(context.RequestAborted);
        }
        catch (InvalidOperationException error)
        {
            // The provider cannot be reached: the archive's own session ends all the same.
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger<OrganisationSignIn>()
                .LogWarning(error, "The identity provider's discovery document could not be read to sign out there");
            return false;
        }
        if (string.IsNullOrEmpty(provider.EndSessionEndpoint))
        {
            return false;
        }
        await context.SignOutAsync(Scheme, new AuthenticationProperties { RedirectUri = returnUrl });
        return true;
    }
}
