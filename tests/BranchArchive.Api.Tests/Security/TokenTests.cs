using BranchArchive.Testing;
using System.Net;
using BranchArchive.Api.Tests.Support;
using static BranchArchive.Testing.ArchiveClient;

namespace BranchArchive.Api.Tests.Security;

[Collection(ArchiveHostCollection.Name)]
public sealed class TokenTests(SqliteArchiveHostFixture fixture)
{
    private ArchiveClient Api => fixture.Client;
    private string Key => fixture.Host.Settings.SigningKey;

    [Fact]
    public async Task A_token_signed_with_the_configured_key_is_accepted()
    {
        await Expect(HttpStatusCode.OK, Api.Get("/api/branches", Tokens.Sign(Key)));
    }

    [Fact]
    public async Task During_a_key_rotation_tokens_of_the_previous_key_are_still_accepted()
    {
        var previous = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var settings = await ArchiveSettings.FreshAsync();
        await using var host = await ArchiveHost.StartAsync(settings, extra: new() { ["Auth:PreviousSigningKeys:0"] = previous });

        await Expect(HttpStatusCode.OK, host.Client.Get("/api/branches", Tokens.Sign(previous)));
        await Expect(HttpStatusCode.OK, host.Client.Get("/api/branches", Tokens.Sign(settings.SigningKey)));
        await ExpectProblem(HttpStatusCode.Unauthorized, host.Client.Get("/api/branches", Tokens.Sign(Convert.ToBase64String(new byte[32]))));
    }

    public static TheoryData<string, Func<string, string>> RefusedTokens => new()
    {
        { "forged: signed with another key", _ => Tokens.Sign(Convert.ToBase64String(new byte[32])) },
        { "expired", key => Tokens.Sign(key, expires: DateTime.UtcNow.AddMinutes(-5)) },
        { "not yet valid", key => Tokens.Sign(key, notBefore: DateTime.UtcNow.AddHours(1), expires: DateTime.UtcNow.AddHours(2)) },
        { "wrong audience", key => Tokens.Sign(key, audience: "another-api") },
        { "wrong issuer", key => Tokens.Sign(key, issuer: "evil-issuer") },
        { "alg none", _ => Tokens.Unsigned() },
        { "signature stripped", key => string.Join('.', Tokens.Sign(key).Split('.').Take(2)) + "." },
        { "payload swapped", key => SwapPayload(Tokens.Sign(key, roles: ["clerk"], branch: "SH01"), Tokens.Sign(key)) },
    };

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task A_bad_token_is_refused_with_401(string why, Func<string, string> token)
    {
        var problem = await ExpectProblem(HttpStatusCode.Unauthorized, Api.Get("/api/branches", token(Key)));

        Assert.False(string.IsNullOrEmpty(why));
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
    }

    private static string SwapPayload(string signed, string donor)
    {
        var parts = signed.Split('.');
        parts[1] = donor.Split('.')[1];
        return string.Join('.', parts);
    }
}
