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

    /// <summary>A new, empty database; answers its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        await RequireAsync();
        var name = $"ba_test_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
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
