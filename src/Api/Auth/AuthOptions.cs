namespace BranchArchive.Api.Auth;

/// <summary>The <c>Auth</c> configuration section.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public string Issuer { get; set; } = "branch-archive";

    public string Audience { get; set; } = "branch-archive-api";

    /// <summary>An OpenID Connect authority whose published keys sign the tokens (the company's identity provider).</summary>
    public string? Authority { get; set; }

    /// <summary>
    /// Fetch the authority's discovery document and keys over HTTPS only (the default). Only a test
    /// or a developer's loopback provider turns it off: keys fetched over plain HTTP can be swapped.
    /// </summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>A base64 HMAC-SHA256 key of at least 32 bytes, for tokens signed by a shared key.</summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// Keys that signed tokens still in circulation, accepted for verification only: during a
    /// rotation the new key goes to <see cref="SigningKey"/> and the old one here until its last
    /// token expires.
    /// </summary>
    public List<string> PreviousSigningKeys { get; set; } = [];

    /// <summary>Serve <c>POST /dev/token</c>. Only for the embedded default on a developer's machine.</summary>
    public bool DevTokens { get; set; }

    public TimeSpan DevTokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// The longest a token may still be valid for when presented (and from its <c>iat</c>, when it
    /// has one): a token with <c>exp</c> in 9999 is refused, so a leaked token is bounded in time.
    /// </summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromHours(12);
}
