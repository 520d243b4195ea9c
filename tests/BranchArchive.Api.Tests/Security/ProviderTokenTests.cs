using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using BranchArchive.Api.Tests.Support;
using BranchArchive.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests.Security;

/// <summary>
/// The API configured with <c>Auth:Authority</c> as in production: it reads a real OpenID Connect
/// provider's discovery document and keys over HTTP, accepts that provider's access tokens for its
/// audience, and refuses every other token, however well it imitates one.
/// </summary>
public sealed class ProviderTokenTests
{
    [Fact]
    public async Task The_configured_providers_tokens_are_accepted_and_forged_foreign_or_wrong_audience_tokens_refused()
    {
        await using var trusted = await TestIdentityProvider.StartAsync();
        await using var another = await TestIdentityProvider.StartAsync();
        trusted.AddUser("he.ping", "archivist", branch: null);
        another.AddUser("he.ping", "archivist", branch: null);
        var settings = await ArchiveSettings.FreshAsync();
        await using var host = await ArchiveHost.StartAsync(settings, devTokens: false, extra: new()
        {
            ["Auth:Authority"] = trusted.Issuer.ToString(),
            ["Auth:Issuer"] = trusted.Issuer.ToString(),
            ["Auth:SigningKey"] = "", // the provider's keys only
            ["Auth:RequireHttpsMetadata"] = "false", // the test provider is plain HTTP on loopback
        });
        var api = host.Client;

        // The provider's token for the API's audience: accepted, and the role in it applies.
        var token = await trusted.TokenAsync("he.ping");
        await Expect(HttpStatusCode.Created, api.Post("/api/branches", token, new { code = "OIDC1", name = "Provider branch", region = "East" }));

        // The same provider, the same person, but a token meant for another API.
        await ExpectProblem(HttpStatusCode.Unauthorized, api.Get("/api/branches", await trusted.TokenAsync("he.ping", audience: "another-api")));

        // Another provider: a well-formed token for the API's audience, signed with keys the API does not trust.
        await ExpectProblem(HttpStatusCode.Unauthorized, api.Get("/api/branches", await another.TokenAsync("he.ping")));

        // A forgery: the trusted provider's issuer and key id, signed with the forger's own key.
        var kid = await KeyIdOfAsync(trusted.Issuer);
        await ExpectProblem(HttpStatusCode.Unauthorized, api.Get("/api/branches", Forge(trusted.Issuer, kid)));

        // The trusted provider's signature over a payload swapped for the forger's (admin) claims.
        var parts = token.Split('.');
        parts[1] = Forge(trusted.Issuer, kid).Split('.')[1];
        await ExpectProblem(HttpStatusCode.Unauthorized, api.Get("/api/branches", string.Join('.', parts)));
    }

    private static async Task<string> KeyIdOfAsync(Uri issuer)
    {
        using var http = new HttpClient { BaseAddress = issuer };
        var discovery = await http.GetFromJsonAsync<JsonElement>(".well-known/openid-configuration");
        var keys = await http.GetFromJsonAsync<JsonElement>(discovery.GetProperty("jwks_uri").GetString());
        return keys.GetProperty("keys")[0].GetProperty("kid").GetString()!;
    }

    private static string Forge(Uri issuer, string kid)
    {
        using var rsa = RSA.Create(2048);
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer.ToString(),
            Audience = "branch-archive-api",
            Subject = new ClaimsIdentity([new Claim("sub", "mallory"), new Claim("role", "admin")]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(30),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa.ExportParameters(true)) { KeyId = kid }, SecurityAlgorithms.RsaSha256),
        });
    }
}
