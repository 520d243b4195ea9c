namespace BranchArchive.Grains.Audit;

/// <summary>
/// The audit log's signed checkpoints (configuration section <c>Audit:Checkpoints</c>): how often
/// they are written, how old the latest may be before verification calls it a problem, and the
/// keys. See docs/operations.md for setting up and rotating the key.
/// </summary>
public sealed class AuditCheckpointOptions
{
    public const string Section = "Audit:Checkpoints";

    /// <summary>The file the embedded default keeps its generated key in, beside the SQLite file.</summary>
    public const string GeneratedKeyFileName = "audit-checkpoint-key.pem";

    public TimeSpan Period { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How old the latest valid checkpoint may be before verification reports it (newer ones may
    /// have been deleted, or writing them fails). Unset: twice <see cref="Period"/>.
    /// </summary>
    public TimeSpan? MaxAge { get; set; }

    public TimeSpan AllowedAge => MaxAge ?? Period * 2;

    /// <summary>The private key, PEM (ECDSA P-256), e.g. from a secret store. Wins over <see cref="SigningKeyFile"/>.</summary>
    public string? SigningKey { get; set; }

    /// <summary>A file holding the private key, PEM (e.g. a mounted secret).</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>Public keys (PEM) of keys rotated out: checkpoints they signed still verify.</summary>
    public List<string> PreviousPublicKeys { get; set; } = [];
}
