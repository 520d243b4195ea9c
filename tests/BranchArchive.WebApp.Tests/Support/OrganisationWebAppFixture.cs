using BranchArchive.Testing;

namespace BranchArchive.WebApp.Tests.Support;

/// <summary>
/// The archive as in production: no dev tokens, the Production environment, and sign-in with an
/// OpenID Connect provider (a real OpenIddict server the fixture starts on a free port) that both
/// the API (<c>Auth:Authority</c>: discovery and keys) and the web app (<c>WebApp:Oidc</c>: the code
/// flow with PKCE) trust. Set-up data is written over the API with the provider's own tokens.
/// </summary>
public sealed class OrganisationWebAppFixture : WebAppFixture
{
    public TestIdentityProvider Provider { get; private set; } = default!;

    protected override async Task<Dictionary<string, string?>> SignInSettingsAsync()
    {
        Provider = await TestIdentityProvider.StartAsync(webApp: Address);
        return new Dictionary<string, string?>
        {
            ["Auth:Authority"] = Provider.Issuer.ToString(),
            ["Auth:Issuer"] = Provider.Issuer.ToString(),
            // The test provider is plain HTTP on loopback; production keeps HTTPS required.
            ["Auth:RequireHttpsMetadata"] = "false",
            ["WebApp:Oidc:ClientId"] = TestIdentityProvider.WebAppClientId,
            ["WebApp:Oidc:ClientSecret"] = TestIdentityProvider.WebAppClientSecret,
            ["WebApp:Oidc:Scope"] = $"openid profile {TestIdentityProvider.ApiScope}",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
    }

    /// <summary>A token the provider issues to <paramref name="person"/> (added as a user of the provider).</summary>
    public override Task<string> TokenAsync(string person, string role, string? branch = null)
    {
        Provider.AddUser(person, role, branch);
        return Provider.TokenAsync(person);
    }

    /// <summary>
    /// Signs in as a person would: "Sign in with your organisation", then the provider's login form
    /// (skipped by the provider while its own session lasts), and back to <paramref name="returnUrl"/>.
    /// </summary>
    public async Task SignInAsync(IPage page, string user, string returnUrl)
    {
        await page.GotoAsync($"signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await SignInAtProviderAsync(page, user, returnUrl);
    }

    /// <summary>From the sign-in page on: the button, the provider's form, back in the app.</summary>
    public async Task SignInAtProviderAsync(IPage page, string user, string returnUrl)
    {
        await page.ClickAsync("[data-testid=oidc-signin]");
        await page.WaitForURLAsync($"{Provider.Issuer}login**");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", TestIdentityProvider.Password);
        await page.ClickAsync("#login");
        await page.WaitForURLAsync($"**{returnUrl}");
        await page.WaitForInteractiveAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Provider is not null)
        {
            await Provider.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class OrganisationWebAppCollection : ICollectionFixture<OrganisationWebAppFixture>
{
    public const string Name = "web app signing in with an OpenID Connect provider";
}
