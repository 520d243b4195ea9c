using Microsoft.Extensions.Configuration;

namespace BranchArchive.WebApp.SignIn;

/// <summary>Whether company sign-in (OpenID Connect against <c>Auth:Authority</c>) is set up for the web app.</summary>
public sealed class OidcSignIn(IConfiguration configuration)
{
    public const string Scheme = "StaffOidc";

    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(configuration["Auth:Authority"]) && !string.IsNullOrWhiteSpace(configuration["WebApp:Oidc:ClientId"]);
}
