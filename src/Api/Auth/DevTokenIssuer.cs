using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BranchArchive.Api.Auth;

/// <summary>Signs tokens for <c>POST /dev/token</c> with the issuer and audience the API verifies and the process's own dev key.</summary>
public sealed class DevTokenIssuer(AuthOptions options, SigningKeys keys, TimeProvider clock)
{
    public string Issue(string subject, IEnumerable<string> roles, string? branch)
    {
        var claims = new List<Claim> { new(ActorClaims.Subject, subject) };
        claims.AddRange(roles.Select(role => new Claim(ActorClaims.Role, role)));
        if (branch is not null)
        {
            claims.Add(new Claim(ActorClaims.Branch, branch));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + options.DevTokenLifetime,
            SigningCredentials = keys.DevTokenCredentials,
        });
    }
}
