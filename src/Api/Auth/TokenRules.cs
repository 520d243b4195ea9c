using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BranchArchive.Api.Auth;

/// <summary>What the archive asks of a bearer token beyond a valid signature, issuer and audience.</summary>
public static class TokenRules
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The usual expiry and not-before checks, and a cap: the token may be valid for at most
    /// <paramref name="maxLifetime"/> from now (and from when it was issued, if it says).
    /// </summary>
    public static LifetimeValidator LifetimeValidator(TimeSpan maxLifetime, TimeProvider clock) => (notBefore, expires, token, parameters) =>
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (expires is not { } expiry)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiry.");
        }
        if (expiry < now - ClockSkew)
        {
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = expiry };
        }
        if (notBefore is { } start && start > now + ClockSkew)
        {
            throw new SecurityTokenNotYetValidException("The token is not valid yet.") { NotBefore = start };
        }
        var issued = (token as JsonWebToken)?.IssuedAt is { } at && at != DateTime.MinValue ? at : (DateTime?)null;
        if (expiry > now + maxLifetime + ClockSkew || (issued is { } from && expiry - from > maxLifetime + ClockSkew))
        {
            throw new SecurityTokenInvalidLifetimeException($"The token is valid for longer than the archive accepts ({maxLifetime}).")
            {
                NotBefore = notBefore, Expires = expiry,
            };
        }
        return true;
    };

    /// <summary>
    /// RFC 7515 4.1.11: a recipient must refuse a token whose <c>crit</c> header names extensions it
    /// does not understand. The archive understands none.
    /// </summary>
    public static Task RefuseUnknownCriticalHeaders(TokenValidatedContext context)
    {
        if (context.SecurityToken is JsonWebToken token && token.TryGetHeaderValue<object>("crit", out _))
        {
            context.Fail("The token names critical header extensions (crit) the archive does not understand.");
        }
        return Task.CompletedTask;
    }
}
