using Framework.Orm;
using Framework.Sql;
using Framework.Tests.Infrastructure;

namespace Framework.Tests.Orm.Generated;

// Entities the source generator implements at build time (Directory.Build.targets gives this project the generator).

[DeclarativeBase]
public abstract partial class GenBase { }

[Table("gen_a", EagerDefaults = true)]
public partial class GenA : GenBase
{
    [PrimaryKey] public partial int Id { get; set; }
    public partial string? Data { get; set; }
    [ServerDefault("CURRENT_TIMESTAMP")] public partial DateTime CreateDate { get; set; }
    [Column("title", Length = 50, Unique = true)] public partial string Name { get; set; }
    [Deferred] public partial string? Notes { get; set; }
    [Version] public partial int Version { get; set; }
    [Default(5)] public partial int Count { get; set; }
    public partial IList<GenB> Bs { get; set; }
}

[Table("gen_b")]
public partial class GenB : GenBase
{
    [PrimaryKey] public partial int Id { get; set; }
    [ForeignKey("gen_a.id", OnDelete = "CASCADE")] public partial int? GenAId { get; set; }
    [Column(Precision = 10, Scale = 2)] public partial decimal Price { get; set; }
}

/// <summary>The generator's output in a real build: the MetaData it declares, the state its setters keep, and tables it creates.</summary>
public abstract class GeneratedMappingTests<TDatabase>(DatabaseFixture<TDatabase> fixture) : EngineTestBase<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    [Fact]
    public void The_base_MetaData_has_a_table_per_entity_with_the_generated_columns()
    {
        var a = GenBase.MetaData.Tables["gen_a"];
        var b = GenBase.MetaData.Tables["gen_b"];

        Assert.Equal(["gen_a", "gen_b"], GenBase.MetaData.Tables.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["id", "data", "create_date", "title", "notes", "version", "count"], a.C.Select(c => c.Name));
        Assert.True(a.C["id"].PrimaryKey);
        Assert.False(a.C["id"].Nullable);
        Assert.True(a.C["data"].Nullable);
        Assert.False(a.C["title"].Nullable);
        Assert.True(a.C["title"].Unique);
        Assert.Equal(SqlType.String(50), a.C["title"].Type);
        Assert.Equal(typeof(DateTime), a.C["create_date"].ClrType);
        Assert.Equal("CURRENT_TIMESTAMP", a.C["create_date"].ServerDefault);
        Assert.True(a.C["count"].HasClientDefault);
        Assert.Equal(["id", "gen_a_id", "price"], b.C.Select(c => c.Name));
        Assert.Equal(SqlType.Numeric(10, 2), b.C["price"].Type);
        Assert.Equal(("gen_a", "id", "CASCADE"), (b.C["gen_a_id"].ForeignKey!.TargetTable, b.C["gen_a_id"].ForeignKey!.TargetColumn, b.C["gen_a_id"].ForeignKey!.OnDelete));

        var mapper = ((IMapped)new GenA()).EntityState.Mapper;
        Assert.Same(a, mapper.Table);
        Assert.True(mapper.EagerDefaults);
        Assert.Equal(MappedColumnOptions.Deferred, mapper.Columns[4].Options);
        Assert.Equal(MappedColumnOptions.Version, mapper.Columns[5].Options);
    }

    [Fact]
    public void A_setter_on_a_new_instance_records_a_modification()
    {
        var entity = new GenA { Data = "x" };
        var state = ((IMapped)entity).EntityState;

        Assert.Equal("x", entity.Data);
        Assert.True(state.IsModified(1));
        Assert.False(state.IsModified(0));
        Assert.True(state.HasModifications);
        Assert.Empty(entity.Bs);
    }

    [Fact]
    public void The_generated_mapper_has_the_relationship_and_its_collection_keeps_assigned_items()
    {
        var mapper = ((IMapped)new GenA()).EntityState.Mapper;
        var b = new GenB();
        var a = new GenA { Bs = [b] };

        var relationship = Assert.Single(mapper.Relationships);
        Assert.Equal("Bs", relationship.PropertyName);
        Assert.Equal(RelationshipKind.List, relationship.Kind);
        Assert.Same(((IMapped)new GenB()).EntityState.Mapper, relationship.Target);
        Assert.Equal(mapper.Columns.Count, relationship.Index);
        Assert.IsType<RelationshipList<GenB>>(a.Bs);
        Assert.Same(b, Assert.Single(a.Bs));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task CreateAll_creates_the_generated_tables_and_a_session_round_trips_an_entity(bool async)
    {
        var engine = CreateEngine();
        await using (var conn = await Connect(engine, async))
        {
            if (async)
            {
                await GenBase.MetaData.DropAllAsync(conn);
                await GenBase.MetaData.CreateAllAsync(conn);
            }
            else
            {
                GenBase.MetaData.DropAll(conn.SyncConnection);
                GenBase.MetaData.CreateAll(conn.SyncConnection);
            }
            await Commit(conn, async);
        }

        var a = new GenA { Name = "first", Data = "d" };
        int id;
        if (async)
        {
            await using var session = new AsyncSession(engine);
            session.Add(a);
            await session.FlushAsync();
            id = a.Id;   // read before the commit expires it
            await session.CommitAsync();
        }
        else
        {
            using var session = new Session(engine.SyncEngine);
            session.Add(a);
            session.Flush();
            id = a.Id;
            session.Commit();
        }

        // A new session loads a new instance through the generated factory and setters.
        await using var reader = new AsyncSession(engine);
        var loaded = async ? await reader.GetAsync<GenA>(id) : await reader.RunSyncAsync(s => s.Get<GenA>(id));
        Assert.NotNull(loaded);
        Assert.NotSame(a, loaded);
        Assert.Equal(("first", "d", 5, 1), (loaded.Name, loaded.Data, loaded.Count, loaded.Version));
        Assert.NotEqual(default, loaded.CreateDate);
    }
}

public sealed class SqliteGeneratedMappingTests(DatabaseFixture<SqliteDatabase> fixture) : GeneratedMappingTests<SqliteDatabase>(fixture);

public sealed class PostgresGeneratedMappingTests(DatabaseFixture<PostgresDatabase> fixture) : GeneratedMappingTests<PostgresDatabase>(fixture);
