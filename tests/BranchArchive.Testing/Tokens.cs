using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BranchArchive.Testing;

/// <summary>Mints tokens the way an identity provider (or an attacker) would, to test what the API accepts.</summary>
public static class Tokens
{
    public static string Sign(string base64Key, string subject = "mallory", string[]? roles = null, string? branch = null,
        string issuer = "branch-archive", string audience = "branch-archive-api", DateTime? expires = null, DateTime? notBefore = null,
        IDictionary<string, object>? headers = null)
    {
        var claims = new List<Claim> { new("sub", subject) };
        claims.AddRange((roles ?? ["admin"]).Select(r => new Claim("role", r)));
        if (branch is not null)
        {
            claims.Add(new Claim("branch", branch));
        }
        var now = DateTime.UtcNow;
        var expiry = expires ?? now.AddHours(1);
        var start = notBefore ?? (expiry < now ? expiry.AddHours(-1) : now);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = start,
            NotBefore = start,
            Expires = expiry,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(base64Key)), SecurityAlgorithms.HmacSha256),
            AdditionalHeaderClaims = headers,
        });
    }

    /// <summary>An unsigned token (<c>alg: none</c>) claiming to be an admin.</summary>
    public static string Unsigned(string subject = "mallory")
    {
        static string Encode(string json) => Base64UrlEncoder.Encode(json);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return $"{Encode("""{"alg":"none","typ":"JWT"}""")}.{Encode($$"""{"sub":"{{subject}}","role":"admin","iss":"branch-archive","aud":"branch-archive-api","nbf":{{now - 60}},"exp":{{now + 3600}}}""")}.";
    }
}
