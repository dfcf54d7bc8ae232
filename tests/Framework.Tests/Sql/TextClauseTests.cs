using Framework.Dialects.PostgreSql;
using Framework.Dialects.Sqlite;
using Framework.Sql;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Sql;

public sealed class TextClauseTests
{
    private static readonly Dialect Postgres = PostgreSqlDialect.Instance;
    private static readonly Dialect Sqlite = SqliteDialect.Instance;

    [Fact]
    public void Named_parameters_become_positional_markers_on_postgresql()
    {
        var compiled = Text("SELECT * FROM t WHERE a = :a AND b = :b").Compile(Postgres);

        Assert.Equal("SELECT * FROM t WHERE a = $1 AND b = $2", compiled.Sql);
        Assert.Equal(["a", "b"], compiled.ParameterNames);
    }

    [Fact]
    public void Named_parameters_become_positional_at_markers_on_sqlite()
    {
        var compiled = Text("SELECT * FROM t WHERE a = :a AND b = :b").Compile(Sqlite);

        Assert.Equal("SELECT * FROM t WHERE a = @p0 AND b = @p1", compiled.Sql);
        Assert.Equal(["a", "b"], compiled.ParameterNames);
    }

    [Fact]
    public void A_repeated_name_reuses_its_first_position()
    {
        var text = Text("SELECT :x, :y, :x + :y, :z");

        var postgres = text.Compile(Postgres);
        var sqlite = text.Compile(Sqlite);

        Assert.Equal("SELECT $1, $2, $1 + $2, $3", postgres.Sql);
        Assert.Equal("SELECT @p0, @p1, @p0 + @p1, @p2", sqlite.Sql);
        Assert.Equal(["x", "y", "z"], postgres.ParameterNames);
        Assert.Equal(["x", "y", "z"], sqlite.ParameterNames);
    }

    [Fact]
    public void Parameter_names_are_listed_in_order_of_first_appearance()
    {
        var compiled = Text("UPDATE t SET b = :second, a = :first WHERE id = :id AND b <> :second").Compile(Postgres);

        Assert.Equal(["second", "first", "id"], compiled.ParameterNames);
        Assert.Equal("UPDATE t SET b = $1, a = $2 WHERE id = $3 AND b <> $1", compiled.Sql);
    }

    [Fact]
    public void Names_may_hold_letters_digits_and_underscores_and_start_at_the_first_character()
    {
        var compiled = Text(":_lead,:user_id2,(:v1)").Compile(Sqlite);

        Assert.Equal("@p0,@p1,(@p2)", compiled.Sql);
        Assert.Equal(["_lead", "user_id2", "v1"], compiled.ParameterNames);
    }

    [Fact]
    public void A_postgresql_cast_is_left_untouched()
    {
        var compiled = Text("SELECT :id::int, '1'::text, x::numeric(10, 2)").Compile(Postgres);

        Assert.Equal("SELECT $1::int, '1'::text, x::numeric(10, 2)", compiled.Sql);
        Assert.Equal(["id"], compiled.ParameterNames);
    }

    [Fact]
    public void A_backslash_escaped_colon_becomes_a_literal_colon()
    {
        var postgres = Text(@"SELECT a\:b, '\:', \:name, :real").Compile(Postgres);
        var sqlite = Text(@"SELECT a\:b, \:name, :real").Compile(Sqlite);

        // Inside quotes text is copied as written, so the backslash stays there.
        Assert.Equal(@"SELECT a:b, '\:', :name, $1", postgres.Sql);
        Assert.Equal("SELECT a:b, :name, @p0", sqlite.Sql);
        Assert.Equal(["real"], postgres.ParameterNames);
        Assert.Equal(["real"], sqlite.ParameterNames);
    }

    [Fact]
    public void Colons_inside_string_literals_are_not_parameters()
    {
        var compiled = Text("SELECT ':no', 'it''s :still_no', '' , :yes").Compile(Postgres);

        Assert.Equal("SELECT ':no', 'it''s :still_no', '' , $1", compiled.Sql);
        Assert.Equal(["yes"], compiled.ParameterNames);
    }

    [Fact]
    public void Colons_inside_quoted_identifiers_are_not_parameters()
    {
        var postgres = Text("SELECT \"a:b\", \"say \"\":hi\"\"\" FROM t WHERE c = :c").Compile(Postgres);
        var sqlite = Text("SELECT `a:b`, \"x:y\" FROM t WHERE c = :c").Compile(Sqlite);

        Assert.Equal("SELECT \"a:b\", \"say \"\":hi\"\"\" FROM t WHERE c = $1", postgres.Sql);
        Assert.Equal("SELECT `a:b`, \"x:y\" FROM t WHERE c = @p0", sqlite.Sql);
        Assert.Equal(["c"], postgres.ParameterNames);
        Assert.Equal(["c"], sqlite.ParameterNames);
    }

    [Fact]
    public void Colons_inside_comments_are_not_parameters()
    {
        var compiled = Text("SELECT :a -- a comment about :b\n, /* and :c here */ :d /* unterminated :e").Compile(Sqlite);

        Assert.Equal("SELECT @p0 -- a comment about :b\n, /* and :c here */ @p1 /* unterminated :e", compiled.Sql);
        Assert.Equal(["a", "d"], compiled.ParameterNames);
    }

    [Fact]
    public void A_single_minus_or_slash_is_not_a_comment()
    {
        var compiled = Text("SELECT :a - :b / :c").Compile(Postgres);

        Assert.Equal("SELECT $1 - $2 / $3", compiled.Sql);
    }

    [Fact]
    public void Colons_inside_postgresql_dollar_quoted_strings_are_not_parameters()
    {
        var sql = "DO $$ BEGIN PERFORM :no; END $$; SELECT $fn$ :also_no $$ :still_no $fn$, :yes";

        var compiled = Text(sql).Compile(Postgres);

        Assert.Equal("DO $$ BEGIN PERFORM :no; END $$; SELECT $fn$ :also_no $$ :still_no $fn$, $1", compiled.Sql);
        Assert.Equal(["yes"], compiled.ParameterNames);
    }

    [Fact]
    public void Positional_markers_and_lone_dollars_are_not_dollar_quotes()
    {
        var compiled = Text("SELECT $1, :a, $2 || '$', :b").Compile(Postgres);

        Assert.Equal("SELECT $1, $1, $2 || '$', $2", compiled.Sql);
        Assert.Equal(["a", "b"], compiled.ParameterNames);
    }

    [Fact]
    public void Dollar_signs_mean_nothing_special_on_sqlite()
    {
        var compiled = Text("SELECT '$$', $$ :a $$").Compile(Sqlite);

        Assert.Equal("SELECT '$$', $$ @p0 $$", compiled.Sql);
        Assert.Equal(["a"], compiled.ParameterNames);
    }

    [Fact]
    public void A_colon_after_a_word_character_is_not_a_parameter()
    {
        // PostgreSQL array slices (arr[lo:hi]) and similar: SQLAlchemy's text() binds only a colon not preceded by a word character.
        var compiled = Text("SELECT arr[lo:hi], arr[1:2], :n").Compile(Postgres);

        Assert.Equal("SELECT arr[lo:hi], arr[1:2], $1", compiled.Sql);
        Assert.Equal(["n"], compiled.ParameterNames);
    }

    [Fact]
    public void A_colon_not_followed_by_a_name_is_copied()
    {
        var compiled = Text("SELECT ':' || :a, 1 : 2, :").Compile(Sqlite);

        Assert.Equal("SELECT ':' || @p0, 1 : 2, :", compiled.Sql);
        Assert.Equal(["a"], compiled.ParameterNames);
    }

    [Fact]
    public void Text_without_parameters_compiles_to_itself()
    {
        var compiled = Text("SELECT 1").Compile(Postgres);

        Assert.Equal("SELECT 1", compiled.Sql);
        Assert.Empty(compiled.ParameterNames);
        Assert.Equal("SELECT 1", compiled.ToString());
    }

    [Fact]
    public void The_text_is_kept_as_written()
    {
        var text = Text("SELECT :a");

        Assert.Equal("SELECT :a", text.Text);
        Assert.Equal("SELECT :a", text.ToString());
    }

    [Fact]
    public void Compiling_the_same_clause_twice_returns_the_same_compiled_instance()
    {
        var text = Text("SELECT :cache_same_clause");

        Assert.Same(text.CompileCached(Postgres, null), text.CompileCached(Postgres, null));
        Assert.Same(text.CompileCached(Sqlite, null), text.CompileCached(Sqlite, null));
        Assert.NotSame(text.CompileCached(Postgres, null), text.CompileCached(Sqlite, null));
    }

    [Fact]
    public void Equal_text_in_two_clauses_shares_one_compiled_instance_per_dialect()
    {
        var sql = "SELECT :cache_equal_text_" + Guid.NewGuid().ToString("N");

        Assert.Same(Text(sql).CompileCached(Postgres, null), Text(sql).CompileCached(Postgres, null));
        Assert.Same(Text(sql).CompileCached(Sqlite, null), Text(sql).CompileCached(Sqlite, null));
    }

    [Fact]
    public void Text_refuses_null()
    {
        Assert.Throws<ArgumentNullException>(() => Text(null!));
        Assert.Throws<ArgumentNullException>(() => Text("SELECT 1").Compile(null!));
    }
}
