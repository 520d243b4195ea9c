namespace BranchArchive.WebApp;

/// <summary>The <c>WebApp</c> configuration section.</summary>
public sealed class WebAppOptions
{
    public const string Section = "WebApp";

    /// <summary>The API's base address as the web app calls it; empty: this process's own address.</summary>
    public string? ApiBaseAddress { get; set; }

    /// <summary>Serve the staff web app at all (on by default; an API-only deployment may turn it off).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// A folder shared by every API pod where the keys protecting the sign-in cookie and the
    /// sign-in's state are kept; empty: the process keeps its own (one pod, or a developer's machine).
    /// </summary>
    public string? DataProtectionKeysPath { get; set; }

    /// <summary>Sign-in with the organisation's identity provider (<c>Auth:Authority</c>).</summary>
    public OrganisationSignInOptions Oidc { get; set; } = new();
}

/// <summary>
/// The <c>WebApp:Oidc</c> section: the web app as a client of the OpenID Connect provider named by
/// <c>Auth:Authority</c> (authorization code flow with PKCE). On when <see cref="ClientId"/> is set.
/// </summary>
public sealed class OrganisationSignInOptions
{
    /// <summary>The client id the provider knows the web app by; empty: no organisation sign-in.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client's secret, if the provider registered the web app as a confidential client (kept in a secret store).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// Scopes asked for, space-separated. Add the scope under which the provider issues access
    /// tokens for the API's audience (<c>Auth:Audience</c>), if it needs one.
    /// </summary>
    public string Scope { get; set; } = "openid profile";

    /// <summary>Where the provider sends the browser back with the code (register it at the provider).</summary>
    public string CallbackPath { get; set; } = "/signin-oidc";

    /// <summary>Where the provider sends the browser back after signing out (register it at the provider).</summary>
    public string SignedOutCallbackPath { get; set; } = "/signout-callback-oidc";
}
