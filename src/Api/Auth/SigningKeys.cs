using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace BranchArchive.Api.Auth;

/// <summary>The keys that verify shared-key tokens, and the one that signs dev tokens.</summary>
public sealed class SigningKeys
{
    private SigningKeys(SymmetricSecurityKey? configured, SymmetricSecurityKey? devKey, IReadOnlyList<SymmetricSecurityKey> previous)
    {
        DevKey = devKey;
        VerificationKeys = [.. new[] { configured, devKey }.OfType<SymmetricSecurityKey>(), .. previous];
    }

    /// <summary>
    /// Made up for this process when dev tokens are on, and never the configured key: a dev token
    /// verifies only on the process that issued it, and nothing the dev endpoint signs is valid
    /// anywhere a production key is trusted.
    /// </summary>
    public SymmetricSecurityKey? DevKey { get; }

    /// <summary>Every key a token may be signed with: the configured one, those being rotated out, and the dev key.</summary>
    public IReadOnlyList<SymmetricSecurityKey> VerificationKeys { get; }

    public SigningCredentials DevTokenCredentials =>
        new(DevKey ?? throw new InvalidOperationException("Dev tokens are off."), SecurityAlgorithms.HmacSha256);

    public static SigningKeys From(AuthOptions options)
    {
        var previous = options.PreviousSigningKeys.Select(k => Parse(k, "Auth:PreviousSigningKeys")).ToList();
        var configured = string.IsNullOrWhiteSpace(options.SigningKey) ? null : Parse(options.SigningKey, "Auth:SigningKey");
        var devKey = options.DevTokens ? new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) : null;
        if (configured is null && devKey is null && string.IsNullOrWhiteSpace(options.Authority))
        {
            throw new InvalidOperationException(
                "No way to verify tokens: set Auth:Authority (an OpenID Connect provider) or Auth:SigningKey.");
        }
        return new SigningKeys(configured, devKey, previous);
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
