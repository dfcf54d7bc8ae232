using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Framework.Benchmarks.Http;

/// <summary>
/// Raw Npgsql: the <see cref="NpgsqlDataSource"/> that Npgsql.DependencyInjection registers (a singleton with Npgsql's own
/// pool), and per request a connection, one command with a positional parameter, and a typed read of the row.
/// </summary>
public static class NpgsqlContender
{
    private const string Sql = "SELECT id, name, price, created FROM items WHERE id = $1";

    public static void AddServices(IServiceCollection services, BenchSettings settings) =>
        services.AddNpgsqlDataSource(settings.ConnectionString);

    public static void MapEndpoint(WebApplication app) =>
        app.MapGet("/items/{id:int}", async Task<Results<Ok<ItemResponse>, NotFound>> (int id, NpgsqlDataSource dataSource, CancellationToken cancellationToken) =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand(Sql, connection) { Parameters = { new NpgsqlParameter<int> { TypedValue = id } } };
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? TypedResults.Ok(new ItemResponse(reader.GetInt32(0), reader.GetString(1), reader.GetDecimal(2), reader.GetDateTime(3)))
                : TypedResults.NotFound();
        });
}
