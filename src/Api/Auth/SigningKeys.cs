using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace BranchArchive.Api.Auth;

/// <summary>The key that signs and verifies shared-key tokens.</summary>
public sealed class SigningKeys
{
    private SigningKeys(SymmetricSecurityKey? key, bool generated, IReadOnlyList<SymmetricSecurityKey> previous)
    {
        Key = key;
        Generated = generated;
        VerificationKeys = key is null ? previous : [key, .. previous];
    }

    /// <summary>The key that signs (dev tokens) and verifies tokens.</summary>
    public SymmetricSecurityKey? Key { get; }

    /// <summary>Every key a token may be signed with: the current one and those being rotated out.</summary>
    public IReadOnlyList<SymmetricSecurityKey> VerificationKeys { get; }

    /// <summary>True when no key was configured and dev tokens use one made up for this process.</summary>
    public bool Generated { get; }

    public SigningCredentials Credentials =>
        new(Key ?? throw new InvalidOperationException("No signing key is configured."), SecurityAlgorithms.HmacSha256);

    public static SigningKeys From(AuthOptions options)
    {
        var previous = options.PreviousSigningKeys.Select(k => Parse(k, "Auth:PreviousSigningKeys")).ToList();
        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            return new SigningKeys(Parse(options.SigningKey, "Auth:SigningKey"), generated: false, previous);
        }
        if (options.DevTokens)
        {
            return new SigningKeys(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)), generated: true, previous);
        }
        if (string.IsNullOrWhiteSpace(options.Authority))
        {
            throw new InvalidOperationException(
                "No way to verify tokens: set Auth:Authority (an OpenID Connect provider) or Auth:SigningKey.");
        }
        return new SigningKeys(null, generated: false, previous);
    }

    private static SymmetricSecurityKey Parse(string base64, string setting)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{setting} must be base64.");
        }
        return bytes.Length >= 32
            ? new SymmetricSecurityKey(bytes)
            : throw new InvalidOperationException($"{setting} must be a key of at least 32 bytes.");
    }
}
