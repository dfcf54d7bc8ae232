using Npgsql;

namespace Framework.Benchmarks;

/// <summary>
/// The one PostgreSQL server every benchmark talks to, and the table they read. Program.cs puts its connection
/// string in <see cref="EnvironmentVariable"/> before BenchmarkDotNet starts the child processes that run the
/// benchmarks, so each of them (which inherit the environment) reaches the same server.
/// </summary>
public static class BenchDatabase
{
    /// <summary>An Npgsql connection string; when unset, Program.cs starts a throwaway local server and sets it.</summary>
    public const string EnvironmentVariable = "FRAMEWORK_BENCH_POSTGRES";

    /// <summary>How many rows <c>bench_items</c> holds: ids 1 to this, inclusive.</summary>
    public const int RowCount = 1000;

    /// <summary>The Npgsql connection string of the benchmark server.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set. Run the suite through its Program (dotnet run -c Release --project " +
                "benchmarks/Framework.Benchmarks -- --filter '*'), which starts a local PostgreSQL when the variable is unset, " +
                "or set it to an Npgsql connection string.");

    /// <summary>The same server as a Framework URL (<c>postgresql://user:password@host:port/database</c>).</summary>
    public static string Url
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            var user = builder.Username is { Length: > 0 } name ? Uri.EscapeDataString(name) : "";
            if (builder.Password is { Length: > 0 } password)
                user += ":" + Uri.EscapeDataString(password);
            var host = builder.Host ?? "localhost";
            if (host.Contains(':', StringComparison.Ordinal))
                host = "[" + host + "]";
            var database = Uri.EscapeDataString(builder.Database ?? builder.Username ?? "postgres");
            return FormattableString.Invariant($"postgresql://{user}{(user.Length > 0 ? "@" : "")}{host}:{builder.Port}/{database}");
        }
    }

    /// <summary>A data source with Npgsql's default settings (its own pooling on), as a raw ADO.NET application uses it.</summary>
    public static NpgsqlDataSource CreateDataSource() => NpgsqlDataSource.Create(ConnectionString);

    /// <summary>
    /// Creates <c>bench_items (id int primary key, name text, value int)</c> holding ids 1 to <see cref="RowCount"/>,
    /// unless it is already there: every benchmark class calls it from its [GlobalSetup], in its own process.
    /// </summary>
    public static async Task EnsureTableAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new("CREATE TABLE IF NOT EXISTS bench_items (id int PRIMARY KEY, name text NOT NULL, value int NOT NULL)"),
                new("INSERT INTO bench_items (id, name, value) SELECT g, 'item ' || g, g * 10 FROM generate_series(1, $1) AS g ON CONFLICT (id) DO NOTHING")
                {
                    Parameters = { new NpgsqlParameter { Value = RowCount } },
                },
                new("ANALYZE bench_items"),
            },
        };
        await batch.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// The second column of every row of <paramref name="sql"/> (a <c>SELECT id, x</c>), by the first: what the setup
    /// checks compare before and after a benchmark call.
    /// </summary>
    public static async Task<Dictionary<int, T>> ReadByIdAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new Dictionary<int, T>();
        while (await reader.ReadAsync())
            values.Add(reader.GetInt32(0), reader.GetFieldValue<T>(1));
        return values;
    }
}

/// <summary>One row of <c>bench_items</c>, for Dapper to map onto.</summary>
public sealed class Item
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public int Value { get; set; }
}
