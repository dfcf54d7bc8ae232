using Framework.Orm;
using Framework.Sql;
using Framework.Tests.Infrastructure;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Engine;

/// <summary>
/// How parameter objects are read: the generic overloads (whose type the trimmer keeps the properties of), objects typed
/// <c>object</c>, and objects with nothing to read.
/// </summary>
public abstract class ParameterObjectTests<TDatabase>(DatabaseFixture<TDatabase> fixture) : EngineTestBase<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    /// <summary>Public, with a public field and no property: nothing a parameter reader can read.</summary>
    public sealed class FieldsOnly
    {
#pragma warning disable CA1051 // The public field is the point: fields are not parameters.
        public string Name = "x";
#pragma warning restore CA1051
    }

    private async Task<Table> CreateNames(AsyncEngine engine) =>
        new(await CreateNamesTable(engine), new MetaData(), new Column<int>("id", primaryKey: true), new Column<string>("name"));

    [Theory, InlineData(false), InlineData(true)]
    public async Task An_object_typed_object_without_public_properties_is_an_error_naming_its_type(bool async)
    {
        var engine = CreateEngine();
        var table = await CreateNames(engine);
        await using var conn = await Connect(engine, async);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Execute(conn, async, table.Insert(), new FieldsOnly()));

        Assert.Contains(nameof(FieldsOnly), error.Message);
        Assert.Contains("no readable public properties", error.Message);
        Assert.Contains("dictionary", error.Message);
        Assert.Equal(0, await RowCount(conn, async, table));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task An_object_without_public_properties_passed_to_a_generic_overload_is_an_error_naming_its_type(bool async)
    {
        var engine = CreateEngine();
        var table = await CreateNames(engine);
        await using var conn = await Connect(engine, async);
        var select = Text($"SELECT count(*) FROM {table.Name} WHERE name = :Name");

        var error = await Assert.ThrowsAsync<ArgumentException>(async () =>
        {
            if (async)
                await conn.ScalarAsync(select, new FieldsOnly());
            else
                conn.SyncConnection.Scalar(select, new FieldsOnly());
        });

        Assert.Contains(nameof(FieldsOnly), error.Message);
        Assert.Contains("dictionary", error.Message);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Generic_overloads_read_anonymous_objects_lists_of_them_and_dictionaries(bool async)
    {
        var engine = CreateEngine();
        var table = await CreateNames(engine);
        await using var conn = await Connect(engine, async);
        var insert = Text($"INSERT INTO {table.Name} (name) VALUES (:name)");
        // A list passed where one parameter object goes is an executemany, as the overload taking IReadOnlyList<object> made it.
        var asList = new[] { "c", "d" }.Select(name => new { name }).ToList();
        var dictionary = new Dictionary<string, object?> { ["name"] = "e" };

        if (async)
        {
            await conn.ExecuteAsync(insert, [new { name = "a" }, new { name = "b" }]);
            await conn.ExecuteAsync(insert, asList);
            await conn.ExecuteAsync(table.Insert(), dictionary);
            await conn.ExecuteAsync(table.Insert().Values(new { name = "f" }));
        }
        else
        {
            conn.SyncConnection.Execute(insert, [new { name = "a" }, new { name = "b" }]);
            conn.SyncConnection.Execute(insert, asList);
            conn.SyncConnection.Execute(table.Insert(), dictionary);
            conn.SyncConnection.Execute(table.Insert().Values(new { name = "f" }));
        }

        var names = async
            ? (await conn.ScalarsAsync(Text($"SELECT name FROM {table.Name} WHERE name <> :skip ORDER BY name"), new { skip = "b" })).All()
            : conn.SyncConnection.Scalars(Text($"SELECT name FROM {table.Name} WHERE name <> :skip ORDER BY name"), new { skip = "b" }).All();
        Assert.Equal(["a", "c", "d", "e", "f"], names);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_session_reads_parameter_objects_through_its_generic_overloads(bool async)
    {
        var engine = CreateEngine();
        var table = await CreateNames(engine);
        var insert = Text($"INSERT INTO {table.Name} (name) VALUES (:name)");
        var count = Text($"SELECT count(*) FROM {table.Name} WHERE name <> :skip");
        object? counted;
        if (async)
        {
            await using var session = new AsyncSession(engine);
            await session.ExecuteAsync(insert, [new { name = "a" }, new { name = "b" }]);
            await session.ExecuteAsync(insert, new { name = "c" });
            counted = await session.ScalarAsync(count, new { skip = "a" });
            await session.CommitAsync();
        }
        else
        {
            using var session = new Session(engine.SyncEngine);
            session.Execute(insert, [new { name = "a" }, new { name = "b" }]);
            session.Execute(insert, new { name = "c" });
            counted = session.Scalar(count, new { skip = "a" });
            session.Commit();
        }

        Assert.Equal(2L, Convert.ToInt64(counted, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(3, await Count(engine, table.Name));
    }
}

public sealed class SqliteParameterObjectTests(DatabaseFixture<SqliteDatabase> fixture) : ParameterObjectTests<SqliteDatabase>(fixture);

public sealed class PostgresParameterObjectTests(DatabaseFixture<PostgresDatabase> fixture) : ParameterObjectTests<PostgresDatabase>(fixture);
