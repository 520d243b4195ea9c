using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace BranchArchive.Testing;

/// <summary>
/// A real OpenID Connect provider for the tests: an OpenIddict server on a free loopback port over
/// plain HTTP, with a login form, a session cookie, discovery, JWKS, the authorization code flow
/// with PKCE, and end-session. Its access tokens are signed JWTs (not encrypted) for the API's
/// audience, carrying <c>sub</c>, <c>name</c>, <c>role</c> and <c>branch</c> as a company's
/// provider would be configured to. Test scaffolding: clients and users live in memory (OpenIddict's
/// degraded mode, with the client checks written out below); the archive's side is the real one.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    /// <summary>The web app, a confidential client (code flow with PKCE and a secret).</summary>
    public const string WebAppClientId = "branch-archive-web";
    public const string WebAppClientSecret = "web-app-secret-for-tests-only";

    /// <summary>The scope under which access tokens for the API's audience are issued.</summary>
    public const string ApiScope = "branch-archive-api";

    /// <summary>A client for the tests' own set-up calls (the password grant: no browser needed).</summary>
    public const string SetupClientId = "test-setup";

    public const string Password = "correct horse battery staple";

    private const string SessionScheme = "test-provider-session";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, TestUser> _users;
    private readonly HttpClient _http;
    private readonly Counter _endSessions;

    private TestIdentityProvider(WebApplication app, Uri issuer, ConcurrentDictionary<string, TestUser> users, Counter endSessions)
    {
        _app = app;
        Issuer = issuer;
        _users = users;
        _http = new HttpClient { BaseAddress = issuer };
        _endSessions = endSessions;
    }

    /// <summary>The provider's issuer URL (what <c>Auth:Authority</c> and <c>Auth:Issuer</c> are set to).</summary>
    public Uri Issuer { get; }

    /// <summary>How many times a client ended a session here (signed the user out at the provider).</summary>
    public int EndSessions => _endSessions.Value;

    /// <summary>A member of staff as the provider knows them; their access tokens live <see cref="AccessTokenLifetime"/>.</summary>
    public sealed class TestUser(string subject, string? name, string[] roles, string? branch)
    {
        public string Subject { get; } = subject;

        public string? Name { get; } = name;

        public string[] Roles { get; } = roles;

        public string? Branch { get; } = branch;

        public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);
    }

    /// <summary>Adds (or replaces) a user who signs in with <see cref="Password"/>.</summary>
    public TestUser AddUser(string subject, string role, string? branch, string? name = null)
    {
        var user = new TestUser(subject, name, [role], branch);
        _users[subject] = user;
        return user;
    }

    /// <summary>
    /// Starts a provider on a free port. <paramref name="webApp"/> is the web app's address, whose
    /// callback paths are the only redirect addresses the provider accepts (null: no web app).
    /// </summary>
    public static async Task<TestIdentityProvider> StartAsync(Uri? webApp = null, string audience = "branch-archive-api")
    {
        var issuer = new Uri($"http://127.0.0.1:{FreePorts.Next()}/");
        var users = new ConcurrentDictionary<string, TestUser>(StringComparer.Ordinal);
        var endSessions = new Counter();
        var redirectUri = webApp is null ? null : new Uri(webApp, "signin-oidc").ToString();
        var postLogoutRedirectUri = webApp is null ? null : new Uri(webApp, "signout-callback-oidc").ToString();

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(issuer.ToString().TrimEnd('/'));
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication(SessionScheme).AddCookie(SessionScheme, cookie =>
        {
            cookie.Cookie.Name = "test-provider-session"; // the app's cookies share the host 127.0.0.1
            cookie.LoginPath = "/login";
        });
        builder.Services.AddAuthorization();
        builder.Services.AddOpenIddict().AddServer(server =>
        {
            server.SetIssuer(issuer);
            server.SetAuthorizationEndpointUris("connect/authorize")
                .SetTokenEndpointUris("connect/token")
                .SetEndSessionEndpointUris("connect/endsession");
            server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange().AllowPasswordFlow();
            server.RegisterScopes(Scopes.OpenId, Scopes.Profile, ApiScope);
            server.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            // The API validates the provider's JWTs with the keys it publishes: signed, not encrypted.
            server.DisableAccessTokenEncryption();
            server.EnableDegradedMode();
            server.UseAspNetCore()
                .DisableTransportSecurityRequirement()
                .EnableAuthorizationEndpointPassthrough()
                .EnableTokenEndpointPassthrough()
                .EnableEndSessionEndpointPassthrough();

            // Degraded mode checks no client: the checks a provider makes against its registrations.
            server.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != WebAppClientId || redirectUri is null || context.RedirectUri != redirectUri)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client or redirect address.");
                }
                return default;
            }));
            server.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                var request = context.Request;
                var known = request.IsAuthorizationCodeGrantType()
                    ? request.ClientId == WebAppClientId && request.ClientSecret == WebAppClientSecret
                    : request.IsPasswordGrantType() && request.ClientId == SetupClientId;
                if (!known)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client, wrong secret or a grant it may not use.");
                }
                return default;
            }));
            server.AddEventHandler<ValidateEndSessionRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.PostLogoutRedirectUri is { } uri && uri != postLogoutRedirectUri)
                {
                    context.Reject(Errors.InvalidRequest, "Unknown post-logout redirect address.");
                }
                return default;
            }));
        });

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        MapEndpoints(app, users, audience, endSessions);
        await app.StartAsync();
        return new TestIdentityProvider(app, issuer, users, endSessions);
    }

    private static void MapEndpoints(WebApplication app, ConcurrentDictionary<string, TestUser> users, string audience, Counter endSessions)
    {
        app.MapGet("/login", (string? returnUrl) => Results.Content(LoginForm(returnUrl, failed: false), "text/html; charset=utf-8"));
        app.MapPost("/login", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            var returnUrl = form["returnUrl"].ToString();
            if (!users.TryGetValue(form["username"].ToString(), out var user) || form["password"] != Password)
            {
                return Results.Content(LoginForm(returnUrl, failed: true), "text/html; charset=utf-8", statusCode: 200);
            }
            var session = new ClaimsIdentity(SessionScheme, Claims.Subject, Claims.Role);
            session.AddClaim(new Claim(Claims.Subject, user.Subject));
            await context.SignInAsync(SessionScheme, new ClaimsPrincipal(session));
            return Results.Redirect(returnUrl.StartsWith("/connect/authorize", StringComparison.Ordinal) ? returnUrl : "/");
        });

        app.MapMethods("/connect/authorize", ["GET", "POST"], async (HttpContext context) =>
        {
            var request = context.GetOpenIddictServerRequest()!;
            var session = await context.AuthenticateAsync(SessionScheme);
            if (!session.Succeeded || !users.TryGetValue(session.Principal!.FindFirst(Claims.Subject)!.Value, out var user))
            {
                return Results.Challenge(new AuthenticationProperties
                {
                    RedirectUri = context.Request.PathBase + context.Request.Path + context.Request.QueryString,
                }, [SessionScheme]);
            }
            return Results.SignIn(PrincipalFor(user, request.GetScopes(), audience), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });

        app.MapPost("/connect/token", async (HttpContext context) =>
        {
            var request = context.GetOpenIddictServerRequest()!;
            TestUser? user;
            IEnumerable<string> scopes;
            var tokenAudience = audience;
            if (request.IsAuthorizationCodeGrantType())
            {
                // The code carries who signed in and what was granted; the claims are read afresh.
                var code = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
                users.TryGetValue(code.Principal?.FindFirst(Claims.Subject)?.Value ?? "", out user);
                scopes = code.Principal?.GetScopes() ?? [];
            }
            else
            {
                user = users.TryGetValue(request.Username ?? "", out var found) && request.Password == Password ? found : null;
                scopes = request.GetScopes();
                // Set-up only: a test asks for a token of another audience to see the API refuse it.
                tokenAudience = (string?)request.GetParameter("test_audience") ?? audience;
            }
            if (user is null)
            {
                return Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidGrant,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "Unknown user or wrong password.",
                }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }
            return Results.SignIn(PrincipalFor(user, scopes, tokenAudience), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });

        app.MapMethods("/connect/endsession", ["GET", "POST"], async (HttpContext context) =>
        {
            endSessions.Add();
            await context.SignOutAsync(SessionScheme);
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        });
    }

    /// <summary>
    /// What the provider asserts about a user: the archive's claims in the access token (for the
    /// API's audience, when the API scope was granted) and the id token.
    /// </summary>
    private static ClaimsPrincipal PrincipalFor(TestUser user, IEnumerable<string> scopes, string audience)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, user.Subject));
        if (user.Name is not null)
        {
            identity.AddClaim(new Claim(Claims.Name, user.Name));
        }
        identity.AddClaims(user.Roles.Select(role => new Claim(Claims.Role, role)));
        if (user.Branch is not null)
        {
            identity.AddClaim(new Claim("branch", user.Branch));
        }
        var principal = new ClaimsPrincipal(identity);
        var granted = scopes.ToArray();
        principal.SetScopes(granted);
        if (granted.Contains(ApiScope))
        {
            principal.SetResources(audience);
        }
        principal.SetAccessTokenLifetime(user.AccessTokenLifetime);
        principal.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return principal;
    }

    private static string LoginForm(string? returnUrl, bool failed)
    {
        var encoder = HtmlEncoder.Default;
        return $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title></head>
            <body><main>
            <h1>Test identity provider</h1>
            {(failed ? "<p role=\"alert\" id=\"login-failed\">Unknown user or wrong password.</p>" : "")}
            <form method="post" action="/login">
              <input type="hidden" name="returnUrl" value="{encoder.Encode(returnUrl ?? "")}">
              <label for="username">User name</label> <input id="username" name="username" autocomplete="username">
              <label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password">
              <button type="submit" id="login">Sign in</button>
            </form>
            </main></body></html>
            """;
    }

    /// <summary>An access token for <paramref name="user"/> from the token endpoint (the set-up client's password grant).</summary>
    public async Task<string> TokenAsync(string user, string? audience = null)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = GrantTypes.Password,
            ["client_id"] = SetupClientId,
            ["username"] = user,
            ["password"] = Password,
            ["scope"] = $"{Scopes.OpenId} {ApiScope}",
        };
        if (audience is not null)
        {
            form["test_audience"] = audience;
        }
        using var response = await _http.PostAsync("connect/token", new FormUrlEncodedContent(form));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The test provider refused a token for {user}: {body}");
        }
        return body.GetProperty("access_token").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class Counter
    {
        private int _count;

        public int Value => Volatile.Read(ref _count);

        public void Add() => Interlocked.Increment(ref _count);
    }
}
