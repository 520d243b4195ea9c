using Npgsql;
using Xunit;

namespace BranchArchive.Testing;

/// <summary>
/// The PostgreSQL server the tests use: <c>BRANCHARCHIVE_TEST_POSTGRES</c>, or the one
/// <c>.ci/run</c> starts on 127.0.0.1. Where it is missing, PostgreSQL tests are skipped with a
/// message saying so — except under <c>CI=true</c>, where they fail: CI must run them.
/// </summary>
public static class PostgresTestServer
{
    public const string Variable = "BRANCHARCHIVE_TEST_POSTGRES";

    public static readonly string ConnectionString = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured
        ? configured
        : "Host=127.0.0.1;Port=5432;Username=branch_archive_test;Password=branch_archive_test;Database=postgres";

    private static readonly Lazy<Task<string?>> Problem = new(FindProblemAsync);

    /// <summary>Skips the calling test (or fails it under CI) when the server cannot be reached.</summary>
    public static async Task RequireAsync()
    {
        if (await Problem.Value is not { } problem)
        {
            return;
        }
        var message = $"PostgreSQL is not reachable ({problem}). Start it as .ci/run does, or set {Variable} to a connection string of a role that may create databases.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(message);
        }
        Skip.If(true, message);
    }

    /// <summary>
    /// A new database with the archive's current schema, copied from a template (or an empty one); answers its
    /// connection string. Copying a template takes a fraction of applying every script to an empty
    /// database, which a silo would otherwise do for each test that starts its own cluster (the
    /// silos still apply the scripts on start, as in production; on a current schema they change nothing).
    /// </summary>
    /// <param name="empty">A database with no schema at all instead (what an operator creates to restore a dump into).</param>
    public static async Task<string> CreateDatabaseAsync(bool empty = false)
    {
        await RequireAsync();
        var template = empty ? null : await Template.Value;
        var name = $"ba_test_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand(template is null ? $"CREATE DATABASE {name}" : $"CREATE DATABASE {name} TEMPLATE {template}", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    private static readonly Lazy<Task<string>> Template = new(EnsureTemplateAsync);

    /// <summary>
    /// The template of this build's schema, made once for all test runs with the same schema
    /// scripts (its name carries their fingerprint), under a lock: test processes run side by side.
    /// Built under another name and renamed when complete, so no one copies a half-built template.
    /// </summary>
    private static async Task<string> EnsureTemplateAsync()
    {
        var template = $"ba_template_{BranchArchive.Persistence.Postgres.PostgresSchema.Fingerprint}";
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using (var locking = new NpgsqlCommand("SELECT pg_advisory_lock(7310299)", connection))
        {
            await locking.ExecuteNonQueryAsync();
        }
        try
        {
            await using var exists = new NpgsqlCommand("SELECT COUNT(*) FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", template);
            if ((long)(await exists.ExecuteScalarAsync())! > 0)
            {
                return template;
            }
            var building = template + "_building";
            await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {building} WITH (FORCE)", connection))
            {
                await drop.ExecuteNonQueryAsync();
            }
            await using (var create = new NpgsqlCommand($"CREATE DATABASE {building}", connection))
            {
                await create.ExecuteNonQueryAsync();
            }
            // Not pooled: a template must have no open connection when it is renamed or copied.
            var buildingConnection = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = building, Pooling = false }.ConnectionString;
            await using (var database = NpgsqlDataSource.Create(buildingConnection))
            {
                await BranchArchive.Persistence.Postgres.PostgresSchema.ApplyAsync(database);
            }
            await using (var rename = new NpgsqlCommand($"ALTER DATABASE {building} RENAME TO {template}", connection))
            {
                await rename.ExecuteNonQueryAsync();
            }
            return template;
        }
        finally
        {
            await using var unlocking = new NpgsqlCommand("SELECT pg_advisory_unlock(7310299)", connection);
            await unlocking.ExecuteNonQueryAsync();
        }
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 20)
            {
                // FORCE may not end the server's own autovacuum worker on the database (not ours
                // to signal); it goes soon, and a plain drop then works.
                await Task.Delay(100 * attempt);
            }
        }
    }

    /// <summary>
    /// One answer for the whole test run, so it must not be a busy moment's: a saturated two-core
    /// machine can take seconds to open a first connection. A refused port answers at once; only a
    /// server that stays silent for three tries of 10 s counts as missing.
    /// </summary>
    private static async Task<string?> FindProblemAsync()
    {
        var probe = new NpgsqlConnectionStringBuilder(ConnectionString) { Timeout = 10, Pooling = false }.ConnectionString;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(probe);
                await connection.OpenAsync();
                return null;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
            {
                var timedOut = exception is TimeoutException || exception.InnerException is TimeoutException;
                if (!timedOut || attempt == 3)
                {
                    return exception.Message;
                }
            }
        }
    }
}
