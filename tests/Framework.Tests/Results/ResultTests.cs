using Framework.Tests.Infrastructure;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Results;

/// <summary>
/// The result API on both databases. Sync mode reads a <see cref="Result"/> from the sync connection; async mode reads
/// an <see cref="AsyncResult"/> from <c>StreamAsync</c> through its <c>…Async</c> methods. The buffered-result and RowCount
/// tests read the buffered <see cref="Result"/> that <c>Execute</c> and <c>ExecuteAsync</c> return.
/// </summary>
public abstract class ResultTests<TDatabase>(DatabaseFixture<TDatabase> fixture) : EngineTestBase<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    private const string ClosedMessage = "This result object is closed";

    // id, name, grp, note: five rows with repeated groups and some NULL notes.
    private static readonly (string Name, int Group, string? Note)[] Items =
        [("a", 1, null), ("b", 1, "x"), ("c", 2, null), ("d", 2, "y"), ("e", 3, null)];

    [Theory, InlineData(false), InlineData(true)]
    public async Task FetchOne_returns_each_row_in_turn_then_null(bool async)
    {
        var (engine, table) = await CreateItems();
        await using var conn = await Connect(engine, async);
        var result = await Stream(conn, async, $"SELECT id, name FROM {table} ORDER BY id");

        var names = new List<string>();
        while (await result.FetchOne() is { } row)
            names.Add(row.Get<string>("name"));

        Assert.Equal(["a", "b", "c", "d", "e"], names);
        Assert.Null(await result.FetchOne());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task FetchMany_returns_up_to_size_rows_and_an_empty_list_at_the_end(bool async)
    {
        var (engine, table) = await CreateItems();
        await using var conn = await Connect(engine, async);
        var result = await Stream(conn, async, $"SELECT name FROM {table} ORDER BY id");

        Assert.Equal(["a", "b"], Names(await result.FetchMany(2)));
        Assert.Equal(["c", "d"], Names(await result.FetchMany(2)));
        Assert.Equal(["e"], Names(await result.FetchMany(2)));
        Assert.Empty(await result.FetchMany(2));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task FetchAll_and_All_return_the_rows_not_yet_read(bool async)
    {
        var (engine, table) = await CreateItems();
        await using var conn = await Connect(engine, async);
        var first = await Stream(conn, async, $"SELECT name FROM {table} ORDER BY id");
        await first.FetchOne();

        Assert.Equal(["b", "c", "d", "e"], Names(await first.FetchAll()));
        Assert.Empty(await first.All());

        var second = await Stream(conn, async, $"SELECT name FROM {table} ORDER BY id");
        Assert.Equal(["a", "b", "c", "d", "e"], Names(await second.All()));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task First_returns_the_first_row_and_closes_the_result(bool async)
    {
        var (engine, table) = await CreateItems();
        await using var conn = await Connect(engine, async);
        var result = await Stream(conn, async, $"SELECT id, name FROM {table} ORDER BY id");

        var row = await result.First();

        Assert.Equal("a", row!["name"]);
        Assert.True(result.IsClosed);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => result.FetchOne());
        Assert.StartsWith(ClosedMessage, error.Message, StringComparison.Ordinal);
        // the cursor was released: the connection runs the next statement
        Assert.Equal(5, (await Execute(conn, async, Text($"SELECT count(*) FROM {table}"))).Scalar<int>());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task First_of_an_empty_result_is_null_and_still_closes_it(bool async)
    {
        var (engine, table) = await CreateItems();
        await using var conn = await Connect(engine, async);
        var result = await Stream(conn, async, $"SELECT id FROM {table} WHERE 1 = 0");

        Assert.Null(await result.First());
        Assert.True(result.IsClosed);
        await Assert.ThrowsAsync<InvalidOperationException>(() => result.FetchAll());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task One_returns_the_only_row_and_closes_the_result(bool async)
    {
        var (engine, table) = await CreateItems();
        await using var conn = await Connect(engine, async);
        var result = await Stream(conn, async, $"SELECT id, name FROM {table} WHERE name = :name", new { name = "c" });

        var row = await result.One();

        Assert.Equal(3, row.Get<int>("id"));
        Assert.True(result.IsClosed);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => result.FetchOne());
        Assert.StartsWith(ClosedMessage, error.Message, StringComparison.Ordinal);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task One_without_a_row_throws_NoResultException_and_closes_the_result(bool async)
    {
        var (engine, table) = await CreateItems();
        await using var conn = await Connect(engine, async);
        var result = await Stream(conn, async, $"SELECT id FROM {table} WHERE name = :name", new { name = "zzz" });

        var error = await Assert.ThrowsAsync<NoResultException>(() => result.One());

        Assert.Equal("No row was found when one was required.", error.Message);
        Assert.True(result.IsClosed);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task One_with_several_rows_throws_MultipleResultsException_and_closes_the_result(bool async)
    {
        var (engine, table) = await CreateItems();
        await using var conn = await Connect(engine, async);
        var result = await Stream(conn, async, $"SELECT id FROM {table} WHERE grp = 1");

        var error = await Assert.ThrowsAsync<MultipleResultsException>(() => result.One());

        Assert.Equal("Multiple rows were found when exactly one was required.", error.Message);
        Assert.True(result.IsClosed);
        Assert.Equal(1, (await Execute(conn, async, Text("SELECT 1"))).Scalar<int>());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task OneOrNone_returns_the_row_or_null_and_refuses_several(bool async)
    {
        var (engine, table) = await CreateItems();
        await using var conn = await Connect(engine, async);

        var single = await Stream(conn, async, $"SELECT name FROM {table} WHERE id = 2");
        Assert.Equal("b", (await single.OneOrNone())!["name"]);
        Assert.True(single.IsClosed);

        var none = await Stream(conn, async, $"SELECT name FROM {table} WHERE id = 99");
        Assert.Null(await none.OneOrNone());
        Assert.True(none.IsClosed);

        var several = await Stream(conn, async, $"SELECT name FROM {table}");
        var error = await Assert.ThrowsAsync<MultipleResultsException>(() => several.OneOrNone());
        Assert.Equal("Multiple rows were found when one or none was required.", error.Message);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Scalar_returns_the_first_column_of_the_first_row_and_closes_the_result(bool async)
    {
        var (engine, table) = await CreateItems();
        await using var conn = await Connect(engine, async);

        var result = await Stream(conn, async, $"SELECT name, id FROM {table} ORDER BY id DESC");
        Assert.Equal("e", await result.Scalar());
        Assert.True(result.IsClosed);

        var empty = await Stream(conn, async, $"SELECT name FROM {table} WHERE 1 = 0");
        Assert.Null(await empty.Scalar());

        var nullValue = await Stream(conn, async, $"SELECT note FROM {table} WHERE id = 1");
        Assert.Null(await nullValue.Scalar());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task ScalarOne_requires_exactly_one_row(bool async)
    {
        var (engine, table) = await CreateItems();
        await using var conn = await Connect(engine, async);

        Assert.Equal("d", await (await Stream(conn, async, $"SELECT name FROM {table} WHERE id = 4")).ScalarOne());

        var none = await Stream(conn, async, $"SELECT name FROM {table} WHERE id = 99");
        await Assert.ThrowsAsync<NoResultException>(() => none.ScalarOne());

        var several = await Stream(conn, async, $"SELECT name FROM {table} WHERE grp = 2");
        var error = await Assert.ThrowsAsync<MultipleResultsException>(() => several.ScalarOne());
        Assert.Equal("Multiple rows were found when exactly one was required.", error.Message);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task ScalarOneOrNone_returns_the_value_or_null_and_refuses_several(bool async)
    {
        var (engine, table) = await CreateItems();
        await using var conn = await Connect(engine, async);

        Assert.Equal("d", await (await Stream(conn, async, $"SELECT name FROM {table} WHERE id = 4")).ScalarOneOrNone());
        Assert.Null(await (await Stream(conn, async, $"SELECT name FROM {table} WHERE id = 99")).ScalarOneOrNone());

        var several = await Stream(conn, async, $"SELECT name FROM {table}");
        var error = await Assert.ThrowsAsync<MultipleResultsException>(() => several.ScalarOneOrNone());
        Assert.Equal("Multiple rows were found when one or none was required.", error.Message);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Scalars_yields_the_first_column_of_each_row(bool async)
    {
        var (engine, table) = await CreateItems();
        await using var conn = await Connect(engine, async);
        var result = await Stream(conn, async, $"SELECT name, id FROM {table} ORDER BY id");

        var names = result.Scalars();

        Assert.Equal("a", await names.FetchOne());
        Assert.Equal(["b", "c"], await names.FetchMany(2));
        Assert.Equal(["d", "e"], await names.FetchAll());
        Assert.Equal(["name"], names.Keys());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Scalars_of_T_reads_the_column_at_an_index_converted(bool async)
    {
        var (engine, table) = await CreateItems();
        await using var conn = await Connect(engine, async);

        var ids = (await Stream(conn, async, $"SELECT name, id FROM {table} ORDER BY id")).Scalars<int>(1);
        Assert.Equal([1, 2, 3, 4, 5], await ids.All());

        var longs = (await Stream(conn, async, $"SELECT name, grp FROM {table} ORDER BY id")).Scalars<long>(1);
        Assert.Equal([1L, 1L, 2L, 2L, 3L], await longs.All());

        var notes = (await Stream(conn, async, $"SELECT id, note FROM {table} ORDER BY id")).Scalars<string?>(1);
        Assert.Equal([null, "x", null, "y", null], await notes.All());

        var first = (await Stream(conn, async, $"SELECT id, name FROM {table} ORDER BY id")).Scalars<string>(1);
        Assert.Equal("a", await first.First());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Scalars_one_and_one_or_none_follow_the_same_rules(bool async)
    {
        var (engine, table) = await CreateItems();
        await using var conn = await Connect(engine, async);

        Assert.Equal(4, await (await Stream(conn, async, $"SELECT id FROM {table} WHERE name = 'd'")).Scalars<int>().One());
        Assert.Null(await (await Stream(conn, async, $"SELECT name FROM {table} WHERE 1 = 0")).Scalars<string>().OneOrNone());
        await Assert.ThrowsAsync<NoResultException>(async () =>
            await (await Stream(conn, async, $"SELECT name FROM {table} WHERE 1 = 0")).Scalars<string>().One());
        await Assert.ThrowsAsync<MultipleResultsException>(async () =>
            await (await Stream(conn, async, $"SELECT name FROM {table}")).Scalars<string>().OneOrNone());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Mappings_yields_each_row_as_a_dictionary_by_column_name(bool async)
    {
        var (engine, table) = await CreateItems();
        await using var conn = await Connect(engine, async);
        var result = await Stream(conn, async, $"SELECT id, name, note FROM {table} WHERE grp = 1 ORDER BY id");

        var mappings = await result.Mappings().All();

        Assert.Equal(2, mappings.Count);
        Assert.Equal("a", mappings[0]["name"]);
        Assert.Null(mappings[0]["note"]);
        Assert.Equal("x", mappings[1]["note"]);
        Assert.Equal(2, Convert.ToInt32(mappings[1]["id"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["id", "name", "note"], mappings[0].Keys);
        Assert.True(mappings[0].ContainsKey("NAME"));
        Assert.False(mappings[0].TryGetValue("missing", out _));
        Assert.Equal("{id: 1, name: a, note: null}", mappings[0].ToString());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Mappings_can_be_restricted_to_named_columns_and_uniqued(bool async)
    {
        var (engine, table) = await CreateItems();
        await using var conn = await Connect(engine, async);
        var result = await Stream(conn, async, $"SELECT id, grp FROM {table} ORDER BY id");

        var groups = await result.Mappings(columns: ["grp"], unique: true).All();

        Assert.Equal([1, 2, 3], groups.Select(m => Convert.ToInt32(m["grp"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(groups, m => Assert.Equal(["grp"], m.Keys));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Columns_by_index_restricts_and_reorders_each_row(bool async)
    {
        var (engine, table) = await CreateItems();
        await using var conn = await Connect(engine, async);
        var result = await Stream(conn, async, $"SELECT id, name, grp FROM {table} ORDER BY id");

        result.Columns(2, 1);

        Assert.Equal(["grp", "name"], result.Keys());
        var row = (await result.FetchOne())!;
        Assert.Equal(2, row.Count);
        Assert.Equal(["grp", "name"], row.Keys);
        Assert.Equal("(1, a)", row.ToString());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Columns_by_name_restricts_each_row_and_names_are_matched_ignoring_case(bool async)
    {
        var (engine, table) = await CreateItems();
        await using var conn = await Connect(engine, async);
        var result = await Stream(conn, async, $"SELECT id, name, grp FROM {table} ORDER BY id");

        result.Columns("NAME", "id");

        var rows = await result.FetchAll();
        Assert.Equal(["name", "id"], result.Keys());
        Assert.Equal(["a", "b", "c", "d", "e"], rows.Select(r => (string)r[0]!));
        Assert.Equal([1, 2, 3, 4, 5], rows.Select(r => r.Get<int>("id")));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Columns_and_scalars_compose_relative_to_the_columns_chosen_before(bool async)
    {
        var (engine, table) = await CreateItems();
        await using var conn = await Connect(engine, async);
        var result = await Stream(conn, async, $"SELECT id, name, grp, note FROM {table} ORDER BY id");

        result.Columns("note", "grp", "name");
        result.Columns(2, 1);

        Assert.Equal(["name", "grp"], result.Keys());
        Assert.Equal([1, 1, 2, 2, 3], await result.Scalars<int>(1).All());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Choosing_a_column_that_is_not_there_is_a_clear_error(bool async)
    {
        var (engine, table) = await CreateItems();
        await using var conn = await Connect(engine, async);
        var result = await Stream(conn, async, $"SELECT id, name, grp FROM {table} ORDER BY id");

        var byIndex = Assert.Throws<ArgumentOutOfRangeException>(() => result.Columns(3));
        Assert.Contains("The result has 3 columns (id, name, grp)", byIndex.Message, StringComparison.Ordinal);
        var byName = Assert.Throws<KeyNotFoundException>(() => result.Columns("missing"));
        Assert.Contains("Could not locate column 'missing'", byName.Message, StringComparison.Ordinal);
        Assert.Contains("id, name, grp", byName.Message, StringComparison.Ordinal);

        // After a projection, indexes count within the columns chosen, not the statement's.
        result.Columns("id", "name");
        var afterProjection = Assert.Throws<ArgumentOutOfRangeException>(() => result.Columns(2));
        Assert.Contains("The result has 2 columns (id, name)", afterProjection.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => result.Scalars(2));
        Assert.Equal(["a", "b", "c", "d", "e"], await result.Scalars<string>(1).All());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Unique_drops_rows_equal_to_one_already_returned(bool async)
    {
        var (engine, table) = await CreateItems();
        await using var conn = await Connect(engine, async);
        var result = await Stream(conn, async, $"SELECT grp, note FROM {table} ORDER BY id");

        result.Columns("grp").Unique();

        var rows = await result.All();
        Assert.Equal([1, 2, 3], rows.Select(r => r.Get<int>(0)));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Unique_keeps_rows_that_differ_in_any_column(bool async)
    {
        var (engine, table) = await CreateItems();
        await using var conn = await Connect(engine, async);
        var result = await Stream(conn, async, $"SELECT grp, note FROM {table} ORDER BY id");

        result.Unique();

        Assert.Equal(["(1, null)", "(1, x)", "(2, null)", "(2, y)", "(3, null)"], (await result.All()).Select(r => r.ToString()));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Unique_on_scalars_drops_repeated_values(bool async)
    {
        var (engine, table) = await CreateItems();
        await using var conn = await Connect(engine, async);
        var result = await Stream(conn, async, $"SELECT name, grp FROM {table} ORDER BY id");

        var groups = result.UniqueScalars<int>(1);

        Assert.Equal(1, await groups.FetchOne());
        Assert.Equal([2, 3], await groups.FetchMany(5));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Unique_lets_One_succeed_when_every_row_is_the_same(bool async)
    {
        var (engine, table) = await CreateItems();
        await using var conn = await Connect(engine, async);
        var result = await Stream(conn, async, $"SELECT grp FROM {table} WHERE grp = 2");

        Assert.Equal(2, (await result.Unique().One()).Get<int>(0));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Partitions_splits_the_remaining_rows_into_lists_of_a_size(bool async)
    {
        var (engine, table) = await CreateItems();
        await using var conn = await Connect(engine, async);
        var result = await Stream(conn, async, $"SELECT name FROM {table} ORDER BY id");
        await result.FetchOne();

        var partitions = await result.Partitions(3);

        Assert.Equal([["b", "c", "d"], ["e"]], partitions.Select(Names));
        Assert.Empty(await result.Partitions(3));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Partitions_of_scalars_are_lists_of_values(bool async)
    {
        var (engine, table) = await CreateItems();
        await using var conn = await Connect(engine, async);
        var result = await Stream(conn, async, $"SELECT id FROM {table} ORDER BY id");

        var partitions = await result.Scalars<int>().Partitions(2);

        Assert.Equal([[1, 2], [3, 4], [5]], partitions);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Keys_lists_the_column_names_in_order(bool async)
    {
        var (engine, table) = await CreateItems();
        await using var conn = await Connect(engine, async);
        var result = await Stream(conn, async, $"SELECT note, id AS ident, name FROM {table}");

        Assert.Equal(["note", "ident", "name"], result.Keys());
        await result.Close();
        Assert.Equal(["note", "ident", "name"], result.Keys());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Close_releases_the_cursor_and_later_fetches_throw(bool async)
    {
        var (engine, table) = await CreateItems();
        await using var conn = await Connect(engine, async);
        var result = await Stream(conn, async, $"SELECT id FROM {table} ORDER BY id");
        await result.FetchOne();

        await result.Close();
        await result.Close();

        Assert.True(result.IsClosed);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => result.FetchMany(1));
        Assert.StartsWith(ClosedMessage, error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => result.Enumerate());
        Assert.Equal(5, (await Execute(conn, async, Text($"SELECT count(*) FROM {table}"))).Scalar<int>());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Enumerating_reads_the_rows_not_yet_read(bool async)
    {
        var (engine, table) = await CreateItems();
        await using var conn = await Connect(engine, async);
        var result = await Stream(conn, async, $"SELECT name FROM {table} ORDER BY id");
        await result.FetchMany(2);

        Assert.Equal(["c", "d", "e"], Names(await result.Enumerate()));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_result_read_to_the_end_returns_nothing_more_rather_than_throwing(bool async)
    {
        var (engine, table) = await CreateItems();
        await using var conn = await Connect(engine, async);
        var result = await Stream(conn, async, $"SELECT name FROM {table} ORDER BY id");

        Assert.Equal(5, (await result.Enumerate()).Count);

        Assert.Empty(await result.Enumerate());
        Assert.Null(await result.FetchOne());
        Assert.Empty(await result.FetchMany(3));
        Assert.Empty(await result.FetchAll());
        Assert.Empty(await result.Partitions(2));
        // soft close: the cursor is released, so the connection is free again
        Assert.Equal(1, (await Execute(conn, async, Text("SELECT 1"))).Scalar<int>());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_streamed_result_is_read_lazily_from_the_cursor(bool async)
    {
        var (engine, table) = await CreateItems();
        await using var conn = await Connect(engine, async);
        var result = await Stream(conn, async, $"SELECT name FROM {table} ORDER BY id");
        await result.FetchOne();

        // the cursor is still open: another statement on the connection is refused until the result is done
        await Assert.ThrowsAsync<InvalidOperationException>(() => Execute(conn, async, Text("SELECT 1")));
        await result.FetchAll();
        Assert.Equal(1, (await Execute(conn, async, Text("SELECT 1"))).Scalar<int>());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task RowCount_reports_the_rows_a_dml_statement_changed(bool async)
    {
        var (engine, table) = await CreateItems();
        await using var conn = await Connect(engine, async);

        var update = await Execute(conn, async, Text($"UPDATE {table} SET note = 'z' WHERE grp = :grp"), new { grp = 2 });
        var delete = await Execute(conn, async, Text($"DELETE FROM {table} WHERE grp = 3"));
        var none = await Execute(conn, async, Text($"UPDATE {table} SET note = 'z' WHERE id = 99"));

        Assert.Equal(2, update.RowCount);
        Assert.False(update.ReturnsRows);
        Assert.Equal(1, delete.RowCount);
        Assert.Equal(0, none.RowCount);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Dml_with_returning_streams_its_rows_and_counts_them_at_the_end(bool async)
    {
        var (engine, table) = await CreateItems();
        await using var conn = await Connect(engine, async);
        var result = await Stream(conn, async, $"UPDATE {table} SET note = 'r' WHERE grp < 3 RETURNING id");

        var ids = await result.Scalars<int>().All();

        Assert.Equal([1, 2, 3, 4], ids.Order());
        Assert.True(result.ReturnsRows);
        Assert.Equal(4, result.RowCount);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_buffered_result_follows_the_same_rules(bool async)
    {
        var (engine, table) = await CreateItems();
        await using var conn = await Connect(engine, async);
        var sql = Text($"SELECT name, grp FROM {table} ORDER BY id");

        var exhausted = await Execute(conn, async, sql);
        Assert.Equal(5, exhausted.Count());
        Assert.Empty(exhausted);
        Assert.Null(exhausted.FetchOne());

        var first = await Execute(conn, async, sql);
        Assert.Equal("a", first.First()!["name"]);
        Assert.StartsWith(ClosedMessage, Assert.Throws<InvalidOperationException>(() => first.FetchOne()).Message, StringComparison.Ordinal);

        var one = await Execute(conn, async, sql);
        Assert.Throws<MultipleResultsException>(() => one.One());
        var empty = await Execute(conn, async, Text($"SELECT name FROM {table} WHERE 1 = 0"));
        Assert.Throws<NoResultException>(() => empty.ScalarOne());

        var partitioned = await Execute(conn, async, sql);
        Assert.Equal([2, 2, 1], partitioned.Partitions(2).Select(p => p.Count));

        var unique = await Execute(conn, async, sql);
        Assert.Equal([1, 2, 3], unique.Scalars<int>(1).Unique().All());

        var mapped = await Execute(conn, async, sql);
        Assert.Equal("e", mapped.Mappings().Columns("name").FetchAll()[^1]["name"]);

        Assert.Equal("b", (await Execute(conn, async, Text($"SELECT name FROM {table} WHERE id = 2"))).Scalar<string>());
        Assert.Equal(2, (await Execute(conn, async, Text($"SELECT id FROM {table} WHERE name = 'b'"))).ScalarOne<int>());
        Assert.Null((await Execute(conn, async, Text($"SELECT id FROM {table} WHERE 1 = 0"))).ScalarOneOrNone());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Rows_with_equal_values_are_equal_and_hash_alike(bool async)
    {
        var (engine, table) = await CreateItems();
        await using var conn = await Connect(engine, async);
        var rows = await (await Stream(conn, async, $"SELECT grp, note FROM {table} WHERE note IS NULL ORDER BY id")).All();
        var again = await (await Stream(conn, async, $"SELECT grp, note FROM {table} WHERE note IS NULL ORDER BY id")).All();

        Assert.Equal(rows, again);
        Assert.Equal(rows[0].GetHashCode(), again[0].GetHashCode());
        Assert.True(rows[0].Equals((object)again[0]));
        Assert.NotEqual(rows[0], rows[1]);
        Assert.False(rows[0].Equals(null));
        Assert.Equal(3, rows.Concat(again).ToHashSet().Count);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Get_converts_values_to_the_type_asked_for(bool async)
    {
        var engine = CreateEngine();
        await using var conn = await Connect(engine, async);
        var result = await Stream(conn, async, "SELECT CAST(5 AS BIGINT) AS big, CAST(NULL AS INTEGER) AS absent, '42' AS digits, 'abc' AS word");

        var row = await result.One();

        Assert.Equal(5L, row["big"]);
        Assert.Equal(5, row.Get<int>("big"));
        Assert.Equal(5L, row.Get<long>(0));
        Assert.Equal(5m, row.Get<decimal>("big"));
        Assert.Equal(5, row.Get<int?>("big"));
        Assert.Equal("5", row.Get<string>("big"));
        Assert.Null(row.Get<int?>("absent"));
        Assert.Null(row.Get<string>("absent"));
        Assert.Equal(42, row.Get<int>("digits"));
        Assert.Equal("abc", row.Get<string>("word"));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Get_of_a_null_as_a_non_nullable_type_says_to_read_it_as_nullable(bool async)
    {
        var engine = CreateEngine();
        await using var conn = await Connect(engine, async);
        var row = await (await Stream(conn, async, "SELECT CAST(NULL AS INTEGER) AS absent, 'abc' AS word")).One();

        var nullError = Assert.Throws<InvalidCastException>(() => row.Get<int>("absent"));
        var formatError = Assert.Throws<InvalidCastException>(() => row.Get<int>("word"));

        Assert.Equal("Column 'absent' is NULL and cannot be read as Int32; read it as Int32? instead.", nullError.Message);
        Assert.StartsWith("Column 'word' holds String 'abc', which cannot be read as Int32", formatError.Message, StringComparison.Ordinal);
        Assert.IsType<FormatException>(formatError.InnerException);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_one_column_row_prints_as_a_one_element_tuple(bool async)
    {
        var engine = CreateEngine();
        await using var conn = await Connect(engine, async);

        var five = await (await Stream(conn, async, "SELECT 5")).One();
        var nothing = await (await Stream(conn, async, "SELECT NULL AS n")).One();

        Assert.Equal("(5,)", five.ToString());
        Assert.Equal("(null,)", nothing.ToString());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Rows_from_a_values_union_read_like_rows_from_a_table(bool async)
    {
        var engine = CreateEngine();
        await using var conn = await Connect(engine, async);
        var result = await Stream(conn, async, "SELECT 1 AS n, 'one' AS word UNION ALL SELECT 2, 'two' UNION ALL SELECT 3, 'three' ORDER BY n");

        var rows = await result.All();

        Assert.Equal(["(1, one)", "(2, two)", "(3, three)"], rows.Select(r => r.ToString()));
        var (n, word) = rows[2];
        Assert.Equal(3, Convert.ToInt32(n, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("three", word);
        Assert.Equal(["n", "word"], rows[0].Keys);
    }

    private async Task<(AsyncEngine Engine, string Table)> CreateItems()
    {
        var engine = CreateEngine();
        var table = TableName("r");
        await engine.BeginAsync(async conn =>
        {
            await conn.ExecuteAsync(Text($"CREATE TABLE {table} ({Db.AutoId}, name VARCHAR(20) NOT NULL, grp INTEGER NOT NULL, note VARCHAR(20))"));
            await conn.ExecuteAsync(Text($"INSERT INTO {table} (name, grp, note) VALUES (:name, :grp, :note)"),
                Items.Select(i => (object)new { name = i.Name, grp = i.Group, note = i.Note }).ToList());
        });
        return (engine, table);
    }

    private static async Task<Rows> Stream(AsyncConnection connection, bool async, string sql, object? parameters = null) =>
        async ? new Rows(await connection.StreamAsync(Text(sql), parameters)) : new Rows(connection.SyncConnection.Stream(Text(sql), parameters));

    private static string[] Names(IEnumerable<Row> rows) => [.. rows.Select(r => (string)r[0]!)];

    /// <summary>A result read through its sync face (<see cref="ResultBase{T}"/>) or its async face (<see cref="AsyncResultBase{T}"/>).</summary>
    private class Reader<T>
    {
        private readonly ResultBase<T>? _sync;
        private readonly AsyncResultBase<T>? _async;

        public Reader(ResultBase<T> sync) => _sync = sync;

        public Reader(AsyncResultBase<T> async) => _async = async;

        public IReadOnlyList<string> Keys() => _async is null ? _sync!.Keys() : _async.Keys();

        public async Task<T?> FetchOne() => _async is null ? _sync!.FetchOne() : await _async.FetchOneAsync();

        public async Task<IReadOnlyList<T>> FetchMany(int size) => _async is null ? _sync!.FetchMany(size) : await _async.FetchManyAsync(size);

        public async Task<IReadOnlyList<T>> FetchAll() => _async is null ? _sync!.FetchAll() : await _async.FetchAllAsync();

        public async Task<IReadOnlyList<T>> All() => _async is null ? _sync!.All() : await _async.AllAsync();

        public async Task<T?> First() => _async is null ? _sync!.First() : await _async.FirstAsync();

        public async Task<T> One() => _async is null ? _sync!.One() : await _async.OneAsync();

        public async Task<T?> OneOrNone() => _async is null ? _sync!.OneOrNone() : await _async.OneOrNoneAsync();

        public async Task<List<IReadOnlyList<T>>> Partitions(int size)
        {
            if (_async is null)
                return [.. _sync!.Partitions(size)];
            var partitions = new List<IReadOnlyList<T>>();
            await foreach (var partition in _async.PartitionsAsync(size))
                partitions.Add(partition);
            return partitions;
        }

        public async Task<List<T>> Enumerate()
        {
            var items = new List<T>();
            if (_async is null)
            {
                foreach (var item in _sync!)
                    items.Add(item);
            }
            else
            {
                await foreach (var item in _async)
                    items.Add(item);
            }
            return items;
        }

        public async Task Close()
        {
            if (_async is null)
                _sync!.Close();
            else
                await _async.CloseAsync();
        }
    }

    /// <summary>A <see cref="Result"/> or an <see cref="AsyncResult"/>, with what only row results offer.</summary>
    private sealed class Rows : Reader<Row>
    {
        private readonly Result? _sync;
        private readonly AsyncResult? _async;

        public Rows(Result sync) : base(sync) => _sync = sync;

        public Rows(AsyncResult async) : base(async) => _async = async;

        public bool IsClosed => _async?.IsClosed ?? _sync!.IsClosed;

        public bool ReturnsRows => _async?.ReturnsRows ?? _sync!.ReturnsRows;

        public int RowCount => _async?.RowCount ?? _sync!.RowCount;

        public async Task<object?> Scalar() => _async is null ? _sync!.Scalar() : await _async.ScalarAsync();

        public async Task<object?> ScalarOne() => _async is null ? _sync!.ScalarOne() : await _async.ScalarOneAsync();

        public async Task<object?> ScalarOneOrNone() => _async is null ? _sync!.ScalarOneOrNone() : await _async.ScalarOneOrNoneAsync();

        public Reader<object?> Scalars(int index = 0) => _async is null ? new(_sync!.Scalars(index)) : new(_async.Scalars(index));

        public Reader<TValue> Scalars<TValue>(int index = 0) =>
            _async is null ? new(_sync!.Scalars<TValue>(index)) : new(_async.Scalars<TValue>(index));

        public Reader<TValue> UniqueScalars<TValue>(int index) =>
            _async is null ? new(_sync!.Scalars<TValue>(index).Unique()) : new(_async.Scalars<TValue>(index).Unique());

        public Reader<RowMapping> Mappings() => _async is null ? new(_sync!.Mappings()) : new(_async.Mappings());

        public Reader<RowMapping> Mappings(string[] columns, bool unique)
        {
            if (_async is null)
            {
                var mappings = _sync!.Mappings().Columns(columns);
                return new(unique ? mappings.Unique() : mappings);
            }
            var asyncMappings = _async.Mappings().Columns(columns);
            return new(unique ? asyncMappings.Unique() : asyncMappings);
        }

        public Rows Columns(params int[] indexes)
        {
            if (_async is null)
                Assert.Same(_sync, _sync!.Columns(indexes));
            else
                Assert.Same(_async, _async.Columns(indexes));
            return this;
        }

        public Rows Columns(params string[] names)
        {
            if (_async is null)
                Assert.Same(_sync, _sync!.Columns(names));
            else
                Assert.Same(_async, _async.Columns(names));
            return this;
        }

        public Rows Unique()
        {
            if (_async is null)
                Assert.Same(_sync, _sync!.Unique());
            else
                Assert.Same(_async, _async.Unique());
            return this;
        }
    }
}

public sealed class SqliteResultTests(DatabaseFixture<SqliteDatabase> fixture) : ResultTests<SqliteDatabase>(fixture);

public sealed class PostgresResultTests(DatabaseFixture<PostgresDatabase> fixture) : ResultTests<PostgresDatabase>(fixture);
