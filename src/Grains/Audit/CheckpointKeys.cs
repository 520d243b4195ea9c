using System.Security.Cryptography;
using System.Text;

namespace BranchArchive.Grains.Audit;

/// <summary>
/// The keys of the audit checkpoints: the ECDSA P-256 key this archive signs with, and the public
/// keys whose checkpoints it accepts (the signing key's, and those of keys rotated out). A key's
/// id is the first 16 hex digits of the SHA-256 of its public key (SubjectPublicKeyInfo, DER),
/// which an auditor can compute from the published public key alone. Signatures are DER-encoded
/// (as OpenSSL writes and checks them) over the statement's UTF-8 bytes, hashed with SHA-256.
/// </summary>
public sealed class CheckpointKeys : IDisposable
{
    /// <summary>The OID of NIST P-256 (prime256v1, secp256r1).</summary>
    private const string P256 = "1.2.840.10045.3.1.7";

    private readonly ECDsa _signing;
    private readonly Dictionary<string, ECDsa> _verifying;

    /// <param name="signingKeyPem">The private key, PEM (<c>PRIVATE KEY</c> or <c>EC PRIVATE KEY</c>).</param>
    /// <param name="previousPublicKeysPem">Public (or private) keys, PEM, of keys rotated out: their checkpoints still verify.</param>
    public CheckpointKeys(string signingKeyPem, IEnumerable<string> previousPublicKeysPem)
    {
        _signing = Import(signingKeyPem, "Audit:Checkpoints:SigningKey");
        if (!HasPrivateKey(_signing))
        {
            throw new InvalidOperationException("Audit:Checkpoints:SigningKey is a public key; the archive needs the private key to sign checkpoints.");
        }
        SigningKeyId = IdOf(_signing);
        _verifying = new Dictionary<string, ECDsa>(StringComparer.Ordinal) { [SigningKeyId] = _signing };
        foreach (var (pem, index) in previousPublicKeysPem.Select((pem, index) => (pem, index)))
        {
            var key = Import(pem, $"Audit:Checkpoints:PreviousPublicKeys:{index}");
            _verifying.TryAdd(IdOf(key), key);
        }
    }

    public string SigningKeyId { get; }

    /// <summary>The signing key's public half, PEM: what to give auditors.</summary>
    public string PublicKeyPem => _signing.ExportSubjectPublicKeyInfoPem();

    public string Sign(string statement) =>
        Convert.ToBase64String(_signing.SignData(Encoding.UTF8.GetBytes(statement), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

    public bool Knows(string keyId) => _verifying.ContainsKey(keyId);

    /// <summary>True when <paramref name="signature"/> is the key's signature over exactly <paramref name="statement"/>.</summary>
    public bool Verify(string keyId, string statement, string signature)
    {
        if (!_verifying.TryGetValue(keyId, out var key))
        {
            return false;
        }
        var bytes = new byte[signature.Length];
        return Convert.TryFromBase64String(signature, bytes, out var length)
            && key.VerifyData(Encoding.UTF8.GetBytes(statement), bytes.AsSpan(0, length), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    /// <summary>A new P-256 private key, PEM (PKCS#8).</summary>
    public static string NewKeyPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKeyPem();
    }

    public static string IdOf(ECDsa key) =>
        Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];

    private static bool HasPrivateKey(ECDsa key)
    {
        try
        {
            return key.ExportParameters(includePrivateParameters: true).D is not null;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static ECDsa Import(string pem, string setting)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (ArgumentException exception)
        {
            key.Dispose();
            throw new InvalidOperationException($"{setting} is not an EC key in PEM form: {exception.Message}", exception);
        }
        if (key.ExportParameters(includePrivateParameters: false).Curve.Oid.Value != P256)
        {
            key.Dispose();
            throw new InvalidOperationException($"{setting} must be an ECDSA P-256 (prime256v1) key.");
        }
        return key;
    }

    public void Dispose()
    {
        foreach (var key in _verifying.Values)
        {
            key.Dispose();
        }
    }
}
