using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Framework.Dialects.PostgreSql;
using Framework.Dialects.Sqlite;

namespace Framework;

/// <summary>
/// The databases Framework connects to: the one list that <see cref="Url"/> and <see cref="Engines"/> read, through
/// <see cref="DatabaseBackend"/>. A new database is one line here and a folder under Dialects/ (docs/ADDING-A-DIALECT.md).
/// </summary>
internal static class Backends
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "Url.Parse must know every backend from its first call, and Engine/ may not name the dialects (DESIGN.md's layers): " +
        "the composition root hands it the list as the assembly loads. It builds a few small objects and does no I/O.")]
    internal static void Register() => DatabaseBackend.Register(
        new("postgresql", "PostgreSQL", "Npgsql", Aliases: ["postgres", "pgsql"], Drivers: ["npgsql", "asyncpg", "psycopg"],
            FileDatabase: false, url => new NpgsqlDriver(url)),
        new("sqlite", "SQLite", "Microsoft.Data.Sqlite", Aliases: [], Drivers: ["microsoft", "aiosqlite"],
            FileDatabase: true, url => new SqliteDriver(url)));
}
