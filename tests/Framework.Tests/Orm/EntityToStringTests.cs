using Framework.Orm;
using Framework.Tests.Infrastructure;

namespace Framework.Tests.Orm.Printed;

[DeclarativeBase]
public abstract partial class PrintBase { }

[Table("print_author")]
public partial class PrintAuthor : PrintBase
{
    [PrimaryKey] public partial int Id { get; set; }
    public partial string? Name { get; set; }
}

[Table("print_tag")]
public partial class PrintTag : PrintBase
{
    [PrimaryKey] public partial int Group { get; set; }
    [PrimaryKey] public partial string Code { get; set; }
}

[Table("print_named")]
public partial class PrintNamed : PrintBase
{
    [PrimaryKey] public partial int Id { get; set; }
    public partial string? Name { get; set; }

    public override string ToString() => $"named {Name}";
}

[DeclarativeBase]
public abstract partial class PrintCustomBase
{
    public override string ToString() => "custom " + GetType().Name;
}

[Table("print_custom")]
public partial class PrintCustom : PrintCustomBase
{
    [PrimaryKey] public partial int Id { get; set; }
}

/// <summary>The generated ToString: the type and primary key, read without loading anything, unless the user wrote one.</summary>
public abstract class EntityToStringTests<TDatabase>(DatabaseFixture<TDatabase> fixture) : OrmTestBase<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    [Theory, InlineData(false), InlineData(true)]
    public async Task An_entity_prints_transient_then_pending_then_its_key_from_the_flush_on(bool async)
    {
        var (engine, sql) = await Setup(PrintBase.MetaData);
        await using var _engine = engine;
        var author = new PrintAuthor { Name = "Ursula" };
        Assert.Equal("PrintAuthor(transient)", author.ToString());
        Assert.Equal("PrintAuthor(transient)", new PrintAuthor().ToString());

        await using (var session = new SessionFace(engine, async))
        {
            session.Add(author);
            Assert.Equal("PrintAuthor(pending)", author.ToString());
            await session.Flush();
            Assert.Equal($"PrintAuthor(Id={author.Id})", author.ToString());
            var id = author.Id;
            await session.Commit();

            // The commit expired the instance; printing it loads nothing (no SQL, still unloaded), so it never throws.
            sql.Clear();
            Assert.Equal($"PrintAuthor(Id={id})", author.ToString());
            Assert.Empty(sql);
            Assert.True(((IMapped)author).EntityState.HasUnloaded);
        }
        // Detached, it keeps its key.
        Assert.StartsWith("PrintAuthor(Id=", author.ToString(), StringComparison.Ordinal);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_composite_key_prints_each_part_by_property_name_and_a_key_set_before_the_flush_prints_at_once(bool async)
    {
        var (engine, _) = await Setup(PrintBase.MetaData);
        await using var _engine = engine;
        var tag = new PrintTag { Group = 1, Code = "x" };
        Assert.Equal("PrintTag(Group=1, Code=x)", tag.ToString());

        await using (var session = new SessionFace(engine, async))
        {
            session.Add(tag);
            await session.Commit();
        }
        await using (var session = new SessionFace(engine, async))
        {
            var loaded = await session.Get<PrintTag>(new object[] { 1, "x" });
            Assert.NotSame(tag, loaded);
            Assert.Equal("PrintTag(Group=1, Code=x)", loaded!.ToString());
        }
    }

    [Fact]
    public void A_ToString_written_on_the_entity_or_on_its_declarative_base_wins()
    {
        Assert.Equal("named n", new PrintNamed { Name = "n" }.ToString());
        Assert.Equal("custom PrintCustom", new PrintCustom { Id = 1 }.ToString());
    }
}

public sealed class SqliteEntityToStringTests(DatabaseFixture<SqliteDatabase> fixture) : EntityToStringTests<SqliteDatabase>(fixture);

public sealed class PostgresEntityToStringTests(DatabaseFixture<PostgresDatabase> fixture) : EntityToStringTests<PostgresDatabase>(fixture);
