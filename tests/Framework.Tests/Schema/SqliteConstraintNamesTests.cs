using Framework.Dialects.Sqlite;

namespace Framework.Tests.Schema;

/// <summary>
/// SQLite keeps constraint names only in the CREATE TABLE text, so the inspector reads them from it: quoted names may
/// hold doubled quotes, commas, parentheses and SQL, and text inside quotes or comments is never taken for a constraint.
/// </summary>
public sealed class SqliteConstraintNamesTests
{
    [Fact]
    public void Names_with_doubled_quotes_and_separators_are_read_whole()
    {
        const string sql = """
            CREATE TABLE "wide" (
            	"id" INTEGER NOT NULL,
            	"a, b)" TEXT,
            	"parent'id" INTEGER,
            	CONSTRAINT "uq ""x""; DROP TABLE canary; --" UNIQUE ("a, b)", "parent'id" COLLATE NOCASE),
            	CONSTRAINT `fk ``y``` FOREIGN KEY("parent'id") REFERENCES "dot.ted" (id),
            	CONSTRAINT [ix (z)] UNIQUE (id DESC)
            )
            """;

        Assert.Equal("uq \"x\"; DROP TABLE canary; --", SqliteConstraintNames.Find(sql, foreignKey: false, ["a, b)", "parent'id"]));
        Assert.Equal("fk `y`", SqliteConstraintNames.Find(sql, foreignKey: true, ["parent'id"]));
        Assert.Equal("ix (z)", SqliteConstraintNames.Find(sql, foreignKey: false, ["id"]));
        Assert.Null(SqliteConstraintNames.Find(sql, foreignKey: true, ["a, b)", "parent'id"]));
        Assert.Null(SqliteConstraintNames.Find(sql, foreignKey: false, ["a, b)"]));
    }

    [Fact]
    public void Constraint_text_inside_a_quoted_name_a_string_or_a_comment_is_not_a_constraint()
    {
        const string sql = """
            CREATE TABLE t (
            	id INTEGER NOT NULL,
            	"x CONSTRAINT spoof UNIQUE (id)" TEXT DEFAULT 'CONSTRAINT spoof2 UNIQUE (id)',
            	-- CONSTRAINT spoof3 UNIQUE (id)
            	/* CONSTRAINT spoof4 UNIQUE (id) */
            	UNIQUE (id)
            )
            """;

        Assert.Null(SqliteConstraintNames.Find(sql, foreignKey: false, ["id"]));
    }

    [Fact]
    public void Plain_names_and_unnamed_constraints_read_as_before()
    {
        const string sql = "CREATE TABLE c (a INT, b INT, CONSTRAINT fk_c FOREIGN KEY (a, b) REFERENCES p (x, y), UNIQUE (b), constraint uq_a unique(a))";

        Assert.Equal("fk_c", SqliteConstraintNames.Find(sql, foreignKey: true, ["A", "b"]));
        Assert.Equal("uq_a", SqliteConstraintNames.Find(sql, foreignKey: false, ["a"]));
        Assert.Null(SqliteConstraintNames.Find(sql, foreignKey: false, ["b"]));
        Assert.Null(SqliteConstraintNames.Find(null, foreignKey: false, ["a"]));
    }
}
