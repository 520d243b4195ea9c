using BranchArchive.Testing;
using BranchArchive.WebApp.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace BranchArchive.WebApp.Tests;

/// <summary>
/// Production sign-in in Chromium: the organisation's OpenID Connect provider (code flow with
/// PKCE), the provider's access token carried by every API call, sign-out at the provider, and an
/// expired token sending the user to sign in again without losing the form.
/// </summary>
[Collection(OrganisationWebAppCollection.Name)]
public sealed class OrganisationSignInTests(OrganisationWebAppFixture app)
{
    [Fact]
    public async Task A_clerk_signs_in_at_the_provider_works_at_the_desk_and_signing_out_ends_the_providers_session_too()
    {
        var branch = await app.OpenBranchAsync();
        var (id, number) = await app.RegisterFileAsync(branch);
        var clerk = $"lin.jing.{branch.ToLowerInvariant()}";
        app.Provider.AddUser(clerk, "clerk", branch, name: "林静");

        var page = await app.NewPageAsync();
        await page.GotoAsync("desk");
        Assert.Contains("/signin", page.Url);
        // Production: the organisation's sign-in only; no personas without dev tokens.
        Assert.Equal(1, await page.Locator("[data-testid=oidc-signin]").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid=dev-signin]").CountAsync());
        Assert.Equal("Sign in with your organisation", (await page.TextContentAsync("[data-testid=oidc-signin]"))?.Trim());
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("signin-organisation-en");

        await app.SignInAtProviderAsync(page, clerk, "/desk");

        // The provider's claims, read as the API reads them: the person, the role, the branch.
        var signedInAs = await page.InnerTextAsync("[data-testid=signed-in-as]");
        Assert.Contains("林静", signedInAs);
        Assert.Contains(clerk, signedInAs);
        Assert.Contains(branch, signedInAs);
        // The branch's name comes from the API, called with the provider's access token.
        await Expect(page.Locator("[data-testid=desk-branch]")).ToHaveTextAsync($"Branch {branch} ({branch})");

        // One API-backed action: a scanned number opens the file card.
        await page.Keyboard.TypeAsync(number.ToString());
        await page.Keyboard.PressAsync("Enter");
        var card = page.Locator("[data-testid=file-card]");
        await card.WaitForAsync();
        Assert.Equal(id, await card.GetAttributeAsync("data-file-id"));
        Assert.Equal("913***********XXXX", await page.InnerTextAsync("[data-testid=customer-id]"));

        var endSessions = app.Provider.EndSessions;
        await page.ClickAsync("[data-testid=sign-out]");
        await page.WaitForURLAsync("**/signin");
        Assert.Equal(endSessions + 1, app.Provider.EndSessions);

        // Signed out here: a page asks for sign-in again ...
        await page.GotoAsync("desk");
        Assert.Contains("/signin", page.Url);
        // ... and signed out at the provider: it asks for the password again.
        await page.ClickAsync("[data-testid=oidc-signin]");
        await page.WaitForURLAsync($"{app.Provider.Issuer}login**");
        await Expect(page.Locator("#password")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task When_the_token_expires_the_clerk_signs_in_again_and_finds_the_form_as_it_was()
    {
        var branch = await app.OpenBranchAsync();
        var clerk = $"wu.lei.{branch.ToLowerInvariant()}";
        var user = app.Provider.AddUser(clerk, "clerk", branch);
        var lifetime = TimeSpan.FromSeconds(25);
        user.AccessTokenLifetime = lifetime;

        var page = await app.NewPageAsync();
        await app.SignInAsync(page, clerk, "/desk/register");
        // The token was issued before this moment, so it has expired by this moment + its lifetime.
        var expiredBy = DateTimeOffset.UtcNow + lifetime;

        await page.FillAsync("#register-name", "苏州某某纺织有限公司");
        await page.FillAsync("#register-id-number", "91320500MA1XXXXXXX");
        await page.ClickAsync("#register-type");
        await page.ClickAsync(".mud-popover-open .mud-list-item >> nth=1");
        await page.ClickAsync("#register-importance");
        await page.ClickAsync(".mud-popover-open .mud-list-item >> nth=0");

        // The clerk is called away; meanwhile the access token expires (a fixed deadline, not a guess).
        if (expiredBy - DateTimeOffset.UtcNow is { Ticks: > 0 } rest)
        {
            await Task.Delay(rest + TimeSpan.FromSeconds(1));
        }
        user.AccessTokenLifetime = TimeSpan.FromHours(1);
        // The cookie expired with the token: a page opened now asks for sign-in.
        var another = await page.Context.NewPageAsync();
        await another.GotoAsync("desk");
        Assert.Contains("/signin", another.Url);
        await another.CloseAsync();

        // The open page finds out on its next call to the API.
        await page.ClickAsync("[data-testid=register]");

        // Sent to sign in again, told why; the provider's own session still lasts, so no password.
        await page.WaitForURLAsync("**/signin?expired=true**");
        await Expect(page.Locator("[data-testid=expired]")).ToBeVisibleAsync();
        await page.ClickAsync("[data-testid=oidc-signin]");
        await page.WaitForURLAsync("**/desk/register");
        await page.WaitForInteractiveAsync();

        // The form is as the clerk left it, and goes through now.
        await Expect(page.Locator("#register-name")).ToHaveValueAsync("苏州某某纺织有限公司");
        await Expect(page.Locator("#register-id-number")).ToHaveValueAsync("91320500MA1XXXXXXX");
        await page.ClickAsync("[data-testid=register]");
        await page.Locator("[data-testid=registered]").WaitForAsync();
        Assert.Equal(0, await page.Locator("[data-testid=problem]").CountAsync());
    }

    [Fact]
    public async Task A_forged_or_refused_answer_at_the_callback_goes_back_to_the_sign_in_page_saying_so()
    {
        var page = await app.NewPageAsync();
        // No sign-in under way in this browser: a code and state from elsewhere, and a refusal.
        foreach (var answer in new[] { "code=stolen&state=forged", "error=access_denied&state=forged" })
        {
            var response = await page.GotoAsync($"signin-oidc?{answer}");
            Assert.Equal(200, response!.Status);
            Assert.EndsWith("/signin?failed=true", page.Url);
            await Expect(page.Locator("[data-testid=signin-failed]")).ToBeVisibleAsync();
            Assert.Equal(0, await page.Locator("[data-testid=signed-in-as]").CountAsync());
        }
    }
}
