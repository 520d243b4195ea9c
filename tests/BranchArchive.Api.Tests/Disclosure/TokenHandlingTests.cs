using System.Net;
using BranchArchive.Api.Tests.Support;
using BranchArchive.Testing;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests.Disclosure;

/// <summary>Issue 16 point 9: no error details in production, a cap on a token's lifetime, unknown critical headers refused.</summary>
public sealed class TokenHandlingTests
{
    [Fact]
    public async Task In_production_tokens_valid_too_long_or_with_unknown_crit_are_refused_and_the_challenge_says_no_more()
    {
        var settings = await ArchiveSettings.FreshAsync();
        await using var host = await ArchiveHost.StartAsync(settings, devTokens: false); // Production
        var key = settings.SigningKey;

        await Expect(HttpStatusCode.OK, host.Client.Get("/api/branches", Tokens.Sign(key, expires: DateTime.UtcNow.AddHours(8))));
        await ExpectProblem(HttpStatusCode.Unauthorized, host.Client.Get("/api/branches", Tokens.Sign(key, expires: new DateTime(9999, 1, 1, 0, 0, 0, DateTimeKind.Utc))));
        await ExpectProblem(HttpStatusCode.Unauthorized, host.Client.Get("/api/branches", Tokens.Sign(key, expires: DateTime.UtcNow.AddDays(2))));
        await ExpectProblem(HttpStatusCode.Unauthorized, host.Client.Get("/api/branches",
            Tokens.Sign(key, headers: new Dictionary<string, object> { ["crit"] = new[] { "x-archive-ext" }, ["x-archive-ext"] = "1" })));

        using var expired = await host.Client.Get("/api/branches", Tokens.Sign(key, expires: DateTime.UtcNow.AddMinutes(-5)));
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        var challenge = string.Join(" ", expired.Headers.WwwAuthenticate.Select(h => h.ToString()));
        Assert.StartsWith("Bearer", challenge);
        Assert.DoesNotContain("error_description", challenge);
        Assert.DoesNotContain("expired", challenge, StringComparison.OrdinalIgnoreCase);
    }
}
