using Framework;
using Framework.AspNetCore;
using static Framework.Sql.Expressions;

namespace WebApi.Data;

public static class DatabaseSetup
{
    /// <summary>
    /// Creates the tables that do not exist yet and, in a database with no author, adds a few authors, books and tags to
    /// try the API with. Running it again changes nothing.
    /// </summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await app.Services.GetRequiredService<AsyncEngine>().BeginAsync(async connection => await Base.MetaData.CreateAllAsync(connection));
        // One unit of work: committed when the callback returns.
        await app.Services.GetRequiredService<BackgroundUnitOfWork>().RunAsync(async (session, cancellationToken) =>
        {
            if (await session.ScalarAsync(Select<Author>().Limit(1), cancellationToken) is null)
                session.AddAll(SeedData.Authors());
        });
    }
}
