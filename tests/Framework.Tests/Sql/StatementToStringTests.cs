using Framework.Dialects.PostgreSql;
using Framework.Dialects.Sqlite;
using Framework.Sql;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Sql;

/// <summary>A statement's ToString() is SQL for reading, in no database's dialect: parameters by name.</summary>
public class StatementToStringTests
{
    private static readonly MetaData Meta = new();
#pragma warning disable IDE1006 // the table reads as it would in user code
    private static readonly Table users = new("users", Meta, new Column<int>("id", primaryKey: true), new Column<string>("name"));
#pragma warning restore IDE1006

    [Fact]
    public void A_select_shows_its_values_as_named_parameters()
    {
        var statement = Select(users.C["name"]).Where(users.C["id"] == 5).Where(users.C["name"] == BindParam("name"));

        Assert.Equal("SELECT users.name \nFROM users \nWHERE users.id = :param_1 AND users.name = :name", statement.ToString());
    }

    [Fact]
    public void A_limit_and_offset_show_as_named_parameters_too()
    {
        var statement = Select(users.C["id"]).OrderBy(users.C["id"]).Limit(10).Offset(20);

        Assert.Equal("SELECT users.id \nFROM users ORDER BY users.id \nLIMIT :param_1 OFFSET :param_2", statement.ToString());
    }

    [Fact]
    public void ToString_is_no_database_s_sql()
    {
        var statement = users.Insert().Values(new { id = 1, name = "a" });

        Assert.NotEqual(statement.Compile(PostgreSqlDialect.Instance).Sql, statement.ToString());
        Assert.NotEqual(statement.Compile(SqliteDialect.Instance).Sql, statement.ToString());
        Assert.Equal("INSERT INTO users (id, name) VALUES (:param_1, :param_2)", statement.ToString());
    }
}
