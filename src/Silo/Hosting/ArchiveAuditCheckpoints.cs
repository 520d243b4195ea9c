using BranchArchive.Contracts.Audit;
using BranchArchive.Grains.Audit;
using BranchArchive.Grains.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BranchArchive.Silo.Hosting;

/// <summary>
/// The audit log's signed checkpoints on a silo: options, the key, the metric, and the writer
/// started with the silo. Where the signing key comes from:
/// <list type="number">
/// <item><c>Audit:Checkpoints:SigningKey</c> (PEM, from a secret store), else</item>
/// <item><c>Audit:Checkpoints:SigningKeyFile</c> (a PEM file, e.g. a mounted secret), else</item>
/// <item>on SQLite (the embedded default), a key generated once into a file beside the database,
/// with a warning at every start: whoever can write that folder can read the key too;</item>
/// <item>on PostgreSQL (production) the silo refuses to start: every silo may host the writer, so
/// each needs the key, and an archive whose tamper evidence is quietly off is worse than one that
/// does not start.</item>
/// </list>
/// </summary>
public static partial class ArchiveAuditCheckpoints
{
    public static ISiloBuilder AddArchiveAuditCheckpoints(this ISiloBuilder silo, ArchiveStorageSettings storage)
    {
        silo.Services.AddOptions<AuditCheckpointOptions>().BindConfiguration(AuditCheckpointOptions.Section)
            .Validate(o => o.Period >= TimeSpan.FromMinutes(1) && o.AllowedAge > o.Period,
                "Audit:Checkpoints: Period at least one minute, MaxAge longer than Period.")
            .ValidateOnStart();
        silo.Services.AddSingleton<AuditCheckpointMetrics>();
        silo.Services.AddSingleton(services => LoadKeys(
            services.GetRequiredService<IOptions<AuditCheckpointOptions>>().Value, storage,
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ArchiveAuditCheckpoints))));
        // The key is loaded before the silo takes calls, so a missing or bad key stops the start with its reason.
        silo.AddStartupTask((services, _) =>
        {
            services.GetRequiredService<CheckpointKeys>();
            return services.GetRequiredService<IGrainFactory>().GetGrain<IAuditCheckpointGrain>(0).Start();
        });
        return silo;
    }

    /// <summary>Refuses, while the silo is being configured, to run on PostgreSQL without a configured key.</summary>
    public static void RequireKeyFor(ArchiveStorageSettings storage, IConfiguration configuration)
    {
        var options = configuration.GetSection(AuditCheckpointOptions.Section).Get<AuditCheckpointOptions>() ?? new();
        if (storage.Kind != ArchiveStorageSettings.SqliteKind && string.IsNullOrWhiteSpace(options.SigningKey) && string.IsNullOrWhiteSpace(options.SigningKeyFile))
        {
            throw NoKey();
        }
    }

    public static CheckpointKeys LoadKeys(AuditCheckpointOptions options, ArchiveStorageSettings storage, ILogger logger)
    {
        string pem;
        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            pem = options.SigningKey;
        }
        else if (!string.IsNullOrWhiteSpace(options.SigningKeyFile))
        {
            pem = File.Exists(options.SigningKeyFile) ? File.ReadAllText(options.SigningKeyFile)
                : throw new InvalidOperationException($"Audit:Checkpoints:SigningKeyFile names {options.SigningKeyFile}, which does not exist.");
        }
        else if (storage.Kind == ArchiveStorageSettings.SqliteKind)
        {
            var file = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(storage.Sqlite.Path))!, AuditCheckpointOptions.GeneratedKeyFileName);
            pem = ReadOrGenerate(file);
            LogGeneratedKey(logger, file);
        }
        else
        {
            throw NoKey();
        }
        var keys = new CheckpointKeys(pem, options.PreviousPublicKeys);
        LogKey(logger, keys.SigningKeyId, keys.PublicKeyPem);
        return keys;
    }

    private static InvalidOperationException NoKey() => new(
        "Audit:Checkpoints:SigningKey (or Audit:Checkpoints:SigningKeyFile) must be set with Cluster:Storage=Postgres: the audit log's " +
        "checkpoints are signed with an ECDSA P-256 key kept outside the database. Create one with " +
        "`openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256` and keep it in a secret (see docs/operations.md).");

    /// <summary>Several silos of one process (tests) may start at once: the first to move its file into place wins.</summary>
    private static string ReadOrGenerate(string file)
    {
        if (File.Exists(file))
        {
            return File.ReadAllText(file);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var draft = $"{file}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var writer = new StreamWriter(draft, options))
        {
            writer.Write(CheckpointKeys.NewKeyPem());
        }
        try
        {
            File.Move(draft, file, overwrite: false);
        }
        catch (IOException) when (File.Exists(file))
        {
            File.Delete(draft);
        }
        return File.ReadAllText(file);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit checkpoints are signed with the key in {Path}, generated for this archive. " +
        "Whoever can write the database's folder can read that key and forge checkpoints: set Audit:Checkpoints:SigningKey from a secret kept elsewhere (docs/operations.md)")]
    private static partial void LogGeneratedKey(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit checkpoints are signed with key {KeyId}; give auditors its public key:\n{PublicKey}")]
    private static partial void LogKey(ILogger logger, string keyId, string publicKey);
}
