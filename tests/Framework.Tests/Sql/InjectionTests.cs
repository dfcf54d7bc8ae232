using System.Globalization;
using System.Text;
using Framework.Sql;
using Framework.Tests.Infrastructure;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Sql;

/// <summary>
/// Every value-taking API, fed every <see cref="HostileStrings">hostile string</see>: the value must come back
/// unchanged, and the statement must do only what it was built to do. After each test, no table has appeared or
/// vanished, the data table holds exactly the rows expected, and the <c>canary</c> table the payloads name still
/// holds its three rows. The corpus is sent in batches (one executemany, then one statement per value) so the
/// suite stays fast.
/// </summary>
public abstract class InjectionTests<TDatabase>(DatabaseFixture<TDatabase> fixture) : EngineTestBase<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    private static readonly IReadOnlyList<string> Corpus = HostileStrings.All;

    /// <summary>One test's tables: data <c>(id, v, w)</c>, the shared canary, and the table names once both exist.</summary>
    private sealed record Tables(AsyncEngine Engine, Table Data, Table Canary, IReadOnlyList<string> NamesBefore)
    {
        public Column Id => Data.C["id"];

        public Column V => Data.C["v"];

        public Column W => Data.C["w"];
    }

    /// <summary>Creates the canary (once per database) and a fresh data table; with <paramref name="fill"/>, row <c>i</c> holds corpus string <c>i</c> in <c>v</c>.</summary>
    private async Task<Tables> Setup(bool fill = true)
    {
        var engine = CreateEngine();
        var data = new Table(TableName("inj"), new MetaData(),
            new Column<int>("id", primaryKey: true, autoincrement: false), new Column<string>("v"), new Column<string>("w"));
        await using var conn = await engine.ConnectAsync();
        var canary = await Canary.Ensure(conn);
        await data.MetaData.CreateAllAsync(conn);
        if (fill)
            await conn.ExecuteAsync(data.Insert(), CorpusRows("v"));
        await conn.CommitAsync();
        var names = await (await conn.InspectAsync()).GetTableNamesAsync();
        Assert.Contains(HostileStrings.CanaryTable, names);
        Assert.Contains(data.Name, names);
        return new Tables(engine, data, canary, names);
    }

    /// <summary>One parameter set per corpus string: <c>{ id = i, column = corpus[i] }</c>.</summary>
    private static List<object> CorpusRows(string column) =>
        [.. Corpus.Select((value, i) => (object)new Dictionary<string, object?> { ["id"] = i, [column] = value })];

    /// <summary>No table appeared or vanished, the data table holds <paramref name="rows"/> rows, and the canary is as it was.</summary>
    private static async Task AssertUntouched(Tables t, bool async, int rows)
    {
        await using var conn = await Connect(t.Engine, async);
        var names = async ? await (await conn.InspectAsync()).GetTableNamesAsync() : Inspector.For(conn.SyncConnection).GetTableNames();
        Assert.Equal(t.NamesBefore, names);
        Assert.Equal(rows, (await Execute(conn, async, Select(Func.Count()).SelectFrom(t.Data))).ScalarOne<long>());
        Canary.AssertIntact(await Execute(conn, async, Canary.ReadAll(t.Canary)));
    }

    /// <summary>The data table's <paramref name="column"/>, by id, is exactly <paramref name="expected"/>.</summary>
    private static async Task AssertStored(Tables t, bool async, string column, IReadOnlyList<string> expected)
    {
        await using var conn = await Connect(t.Engine, async);
        var rows = (await Execute(conn, async, Select(t.Id, t.Data.C[column]).OrderBy(t.Id))).All();
        Assert.Equal(Enumerable.Range(0, expected.Count), rows.Select(r => r.Get<int>(0)));
        AssertSame(expected, [.. rows.Select(r => r.Get<string?>(1))]);
    }

    /// <summary>Equal lists of strings, reported by the first index that differs (the strings can be 100,000 characters).</summary>
    private static void AssertSame(IReadOnlyList<string> expected, IReadOnlyList<string?> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
            AssertSame(expected[i], actual[i], $"row {i}");
    }

    private static void AssertSame(string expected, string? actual, string where)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
            Assert.Fail($"{where}: expected {Describe(expected)} but got {(actual is null ? "NULL" : Describe(actual))}.");
    }

    private static string Describe(string value) => HostileStrings.Describe(value);

    private static async Task<IReadOnlyList<int>> Ids(AsyncConnection conn, bool async, Tables t, ColumnElement condition) =>
        (await Execute(conn, async, Select(t.Id).Where(condition).OrderBy(t.Id))).Scalars<int>().All();

    /// <summary><c>sum(CASE WHEN condition THEN 1 ELSE 0 END)</c>: counts rows matching each of several conditions in one statement.</summary>
    private static ColumnElement CountWhere(ColumnElement condition, string label) => Func.Sum(Case([(condition, 1)], 0)).Label(label);

    /// <summary>Runs <paramref name="work"/> in a SAVEPOINT, so a failed statement leaves the transaction usable; returns the database's error.</summary>
    private static async Task<DatabaseException?> Attempt(AsyncConnection conn, bool async, Func<Task> work)
    {
        var savepoint = await BeginNested(conn, async);
        try
        {
            await work();
            await End(savepoint, async, commit: true);
            return null;
        }
        catch (DatabaseException e)
        {
            await End(savepoint, async, commit: false);
            return e;
        }
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Insert_values_of_one_row_stores_each_hostile_string_unchanged(bool async)
    {
        var t = await Setup(fill: false);
        await using (var conn = await Connect(t.Engine, async))
        {
            for (var i = 0; i < Corpus.Count; i++)
                Assert.Equal(1, (await Execute(conn, async, t.Data.Insert().Values(new { id = i, v = Corpus[i], w = Corpus[^(i + 1)] }))).RowCount);
            await Commit(conn, async);
        }

        await AssertStored(t, async, "v", Corpus);
        await AssertStored(t, async, "w", [.. Corpus.Reverse()]);
        await AssertUntouched(t, async, Corpus.Count);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Insert_values_of_a_row_list_stores_every_hostile_string_in_one_statement(bool async)
    {
        var t = await Setup(fill: false);
        await using (var conn = await Connect(t.Engine, async))
        {
            var inserted = await Execute(conn, async, t.Data.Insert().Values(Corpus.Select((value, i) => new { id = i, v = value, w = Corpus[^(i + 1)] }).ToList()));
            Assert.Equal(Corpus.Count, inserted.RowCount);
            await Commit(conn, async);
        }

        await AssertStored(t, async, "v", Corpus);
        await AssertStored(t, async, "w", [.. Corpus.Reverse()]);
        await AssertUntouched(t, async, Corpus.Count);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Executemany_insert_stores_every_hostile_string_unchanged(bool async)
    {
        var t = await Setup(fill: false);
        await using (var conn = await Connect(t.Engine, async))
        {
            Assert.Equal(Corpus.Count, (await ExecuteMany(conn, async, t.Data.Insert(), CorpusRows("w"))).RowCount);
            await Commit(conn, async);
        }

        await AssertStored(t, async, "w", Corpus);
        await AssertUntouched(t, async, Corpus.Count);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Executemany_insert_returning_gives_back_every_hostile_string_in_input_order(bool async)
    {
        var t = await Setup(fill: false);
        await using (var conn = await Connect(t.Engine, async))
        {
            // Sent in reverse, so input order and id order differ: RETURNING rows must follow the input.
            var sets = Corpus.Select((value, i) => (object)new { id = i, v = value, w = Corpus[^(i + 1)] }).Reverse().ToList();
            var returned = (await ExecuteMany(conn, async, t.Data.Insert().Returning(t.Id, t.V, t.W), sets)).All();
            Assert.Equal(Enumerable.Range(0, Corpus.Count).Reverse(), returned.Select(r => r.Get<int>(0)));
            AssertSame([.. Corpus.Reverse()], [.. returned.Select(r => r.Get<string?>(1))]);
            AssertSame(Corpus, [.. returned.Select(r => r.Get<string?>(2))]);
            await Commit(conn, async);
        }

        await AssertStored(t, async, "v", Corpus);
        await AssertUntouched(t, async, Corpus.Count);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Insert_from_a_select_of_literals_stores_each_hostile_string_unchanged(bool async)
    {
        var t = await Setup(fill: false);
        await using (var conn = await Connect(t.Engine, async))
        {
            for (var i = 0; i < Corpus.Count; i++)
            {
                var select = Select(Literal(i), Literal(Corpus[i])).SelectFrom(t.Canary).Where(t.Canary.C["id"] == 1);
                Assert.Equal(1, (await Execute(conn, async, t.Data.Insert().FromSelect(["id", "v"], select))).RowCount);
            }
            await Commit(conn, async);
        }

        await AssertStored(t, async, "v", Corpus);
        await AssertUntouched(t, async, Corpus.Count);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Comparisons_with_a_hostile_string_find_exactly_its_row(bool async)
    {
        var t = await Setup();
        await using (var conn = await Connect(t.Engine, async))
        {
            for (var i = 0; i < Corpus.Count; i++)
            {
                var s = Corpus[i];
                var found = (await Execute(conn, async, Select(t.Id, t.V).Where(t.V == s))).All();
                Assert.Equal(i, Assert.Single(found).Get<int>(0));
                AssertSame(s, found[0].Get<string>(1), $"v == {Describe(s)}");

                var counts = (await Execute(conn, async, Select(CountWhere(t.V == s, "eq"), CountWhere(t.V != s, "ne"), CountWhere(t.V < s, "lt"),
                    CountWhere(t.V > s, "gt"), CountWhere(t.V <= s, "le"), CountWhere(t.V >= s, "ge")))).One();
                var (eq, ne, lt, gt, le, ge) = (counts.Get<long>("eq"), counts.Get<long>("ne"), counts.Get<long>("lt"), counts.Get<long>("gt"),
                    counts.Get<long>("le"), counts.Get<long>("ge"));
                Assert.True(eq == 1 && ne == Corpus.Count - 1 && lt + gt == Corpus.Count - 1 && le == lt + 1 && ge == gt + 1,
                    $"{Describe(s)}: =, <>, <, >, <=, >= counted {eq}, {ne}, {lt}, {gt}, {le}, {ge} of {Corpus.Count} rows.");
            }
        }

        await AssertUntouched(t, async, Corpus.Count);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task In_and_not_in_with_hostile_strings_find_exactly_their_rows(bool async)
    {
        var t = await Setup();
        await using (var conn = await Connect(t.Engine, async))
        {
            Assert.Equal(Enumerable.Range(0, Corpus.Count), await Ids(conn, async, t, t.V.In(Corpus)));
            Assert.Empty(await Ids(conn, async, t, t.V.NotIn(Corpus)));
            // A list passed by name at execution expands the same way.
            var byName = Select(t.Id).Where(t.V.In(BindParam("vs"))).OrderBy(t.Id);
            var notByName = Select(t.Id).Where(t.V.NotIn(BindParam("vs"))).OrderBy(t.Id);
            Assert.Equal(Enumerable.Range(0, Corpus.Count), (await Execute(conn, async, byName, new { vs = Corpus.ToArray() })).Scalars<int>().All());
            Assert.Empty((await Execute(conn, async, notByName, new { vs = Corpus.ToArray() })).Scalars<int>().All());
            for (var i = 0; i < Corpus.Count; i++)
            {
                var (s, next) = (Corpus[i], Corpus[(i + 1) % Corpus.Count]);
                Assert.Equal([i], await Ids(conn, async, t, t.V.In(s)));
                Assert.Equal(new[] { i, (i + 1) % Corpus.Count }.Order(), (await Execute(conn, async, byName, new { vs = new[] { s, next } })).Scalars<int>().All());
                Assert.Equal(Corpus.Count - 1, (await Execute(conn, async, notByName, new { vs = new[] { s } })).Scalars<int>().All().Count);
                var counts = (await Execute(conn, async, Select(CountWhere(t.V.In(s, next), "pair"), CountWhere(t.V.NotIn(s), "not_one"),
                    CountWhere(t.V.NotIn(s, next), "not_pair")))).One();
                Assert.True((counts.Get<long>("pair"), counts.Get<long>("not_one"), counts.Get<long>("not_pair")) == (2, Corpus.Count - 1, Corpus.Count - 2),
                    $"{Describe(s)}: IN (s, next), NOT IN (s), NOT IN (s, next) counted {counts}.");
            }
        }

        await AssertUntouched(t, async, Corpus.Count);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Between_hostile_bounds_finds_exactly_the_rows_between_them(bool async)
    {
        var t = await Setup();
        await using (var conn = await Connect(t.Engine, async))
        {
            for (var i = 0; i < Corpus.Count; i++)
            {
                var (s, next) = (Corpus[i], Corpus[(i + 1) % Corpus.Count]);
                Assert.Equal([i], await Ids(conn, async, t, t.V.Between(s, s)));
                var counts = (await Execute(conn, async, Select(CountWhere(t.V.Between(s, next), "between"), CountWhere(t.V >= s & t.V <= next, "bounds")))).One();
                Assert.True(counts.Get<long>("between") == counts.Get<long>("bounds"),
                    $"BETWEEN {Describe(s)} AND {Describe(next)} counted {counts.Get<long>("between")} rows, >= and <= {counts.Get<long>("bounds")}.");
            }
        }

        await AssertUntouched(t, async, Corpus.Count);
    }

    /// <summary>
    /// LIKE and ILIKE take the pattern as given, so the database may refuse one; it then refuses that statement and
    /// nothing else. Only patterns the database cannot read are refused: on PostgreSQL one ending in its escape
    /// character (a lone backslash; it says so only when a row's text leads the match that far), on SQLite one over
    /// its 50,000-byte limit. Nothing is altered either way.
    /// </summary>
    [Theory, InlineData(false), InlineData(true)]
    public async Task Like_and_ilike_with_hostile_patterns_never_alter_a_statement(bool async)
    {
        var t = await Setup();
        var refused = new List<string>();
        await using (var conn = await Connect(t.Engine, async))
        {
            foreach (var pattern in Corpus)
            {
                var error = await Attempt(conn, async, async () =>
                {
                    var counts = (await Execute(conn, async, Select(CountWhere(t.V.Like(pattern), "like"), CountWhere(t.V.ILike(pattern), "ilike")))).One();
                    Assert.InRange(counts.Get<long>("like"), 0, Corpus.Count);
                    Assert.InRange(counts.Get<long>("ilike"), counts.Get<long>("like"), Corpus.Count);
                });
                if (error is null)
                    continue;
                if (Db.IsPostgres)
                    Assert.True(error is DataException { DriverCode: "22025" }, error.Message);
                else
                    Assert.True(error is ProgrammingException && error.Message.Contains("LIKE or GLOB pattern too complex", StringComparison.Ordinal), error.Message);
                refused.Add(pattern);
            }
            await Commit(conn, async);
        }

        // An odd run of backslashes at the end leaves the last one escaping nothing.
        var unreadable = Corpus.Where(p => Db.IsPostgres ? (p.Length - p.TrimEnd('\\').Length) % 2 == 1 : Encoding.UTF8.GetByteCount(p) > SqliteLikeLimit);
        Assert.NotEmpty(refused);
        Assert.Empty(refused.Except(unreadable).Select(Describe));
        await AssertUntouched(t, async, Corpus.Count);
    }

    /// <summary>
    /// <see cref="ColumnElement.Like"/> reads its pattern as the database reads LIKE patterns: <c>%</c> and <c>_</c> are
    /// wildcards (and so match themselves), and PostgreSQL, unlike SQLite, also takes a backslash as its escape
    /// character. So every pattern matches the very text it was made of, once its backslashes are doubled on
    /// PostgreSQL. Patterns over SQLite's LIKE limit (50,000 bytes) are left to
    /// <see cref="StartsWith_endswith_and_contains_match_hostile_text_literally"/>.
    /// </summary>
    [Theory, InlineData(false), InlineData(true)]
    public async Task Like_and_ilike_patterns_match_the_text_they_were_made_of(bool async)
    {
        var t = await Setup();
        var wrong = new List<string>();
        await using (var conn = await Connect(t.Engine, async))
        {
            for (var i = 0; i < Corpus.Count; i++)
            {
                if (Encoding.UTF8.GetByteCount(Corpus[i]) > SqliteLikeLimit)
                    continue;
                var pattern = Db.IsPostgres ? Corpus[i].Replace("\\", "\\\\", StringComparison.Ordinal) : Corpus[i];
                var error = await Attempt(conn, async, async () =>
                {
                    var counts = (await Execute(conn, async, Select(CountWhere(t.V.Like(pattern), "like"), CountWhere(t.V.ILike(pattern), "ilike"))
                        .Where(t.Id == i))).One();
                    if (counts.Get<long>("like") != 1 || counts.Get<long>("ilike") != 1)
                        wrong.Add($"{Describe(pattern)} does not match itself (LIKE {counts.Get<long>("like")}, ILIKE {counts.Get<long>("ilike")})");
                });
                if (error is not null)
                    wrong.Add($"{Describe(pattern)} fails: {error.GetType().Name}: {error.Message.Split('\n')[0]}");
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} LIKE patterns misbehave on {Db.Name}:\n{string.Join("\n", wrong)}");
        await AssertUntouched(t, async, Corpus.Count);
    }

    /// <summary>SQLite refuses a LIKE pattern over SQLITE_MAX_LIKE_PATTERN_LENGTH bytes (50,000 by default).</summary>
    private const int SqliteLikeLimit = 50_000;

    [Theory, InlineData(false), InlineData(true)]
    public async Task StartsWith_endswith_and_contains_match_hostile_text_literally(bool async)
    {
        var t = await Setup();
        // Decoys that a wildcard or an unescaped escape character would match, but the literal text must not.
        var decoys = Corpus.Where(s => s.Length < 1_000)
            .SelectMany(s => new[] { s.Replace("%", "QQ", StringComparison.Ordinal), s.Replace("_", "Q", StringComparison.Ordinal), s.Replace("/", "", StringComparison.Ordinal) })
            .Where(d => !Corpus.Contains(d, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        var values = Corpus.Concat(decoys).Select(Fold).ToList();
        var tooLong = new List<string>();
        await using (var conn = await Connect(t.Engine, async))
        {
            await ExecuteMany(conn, async, t.Data.Insert(), [.. decoys.Select((d, k) => (object)new { id = Corpus.Count + k, v = d })]);
            await Commit(conn, async);
            foreach (var s in Corpus)
            {
                var text = Fold(s);
                foreach (var (name, condition, holds) in new (string, ColumnElement, Func<string, bool>)[]
                {
                    ("StartsWith", t.V.StartsWith(s), value => value.StartsWith(text, StringComparison.Ordinal)),
                    ("EndsWith", t.V.EndsWith(s), value => value.EndsWith(text, StringComparison.Ordinal)),
                    ("Contains", t.V.Contains(s), value => value.Contains(text, StringComparison.Ordinal)),
                })
                {
                    IReadOnlyList<int> ids = [];
                    var error = await Attempt(conn, async, async () => ids = await Ids(conn, async, t, condition));
                    if (error is not null && OverSqliteLikeLimit(s))
                    {
                        // SQLite's own limit on LIKE patterns, reported as the database's error.
                        Assert.Contains("LIKE or GLOB pattern too complex", error.Message, StringComparison.Ordinal);
                        tooLong.Add(s);
                        continue;
                    }
                    Assert.Null(error);
                    var expected = Enumerable.Range(0, values.Count).Where(id => holds(values[id]));
                    Assert.True(expected.SequenceEqual(ids), $"{name}({Describe(s)}) matched rows [{string.Join(", ", ids)}], expected [{string.Join(", ", expected)}].");
                }
                if (OverSqliteLikeLimit(s))
                    continue;
                var misses = (await Execute(conn, async, Select(CountWhere(t.V.Contains(s + HostileStrings.Absent), "contains"),
                    CountWhere(t.V.StartsWith(HostileStrings.Absent + s), "starts"), CountWhere(t.V.EndsWith(s + HostileStrings.Absent), "ends")))).One();
                Assert.True(misses.ToArray().All(n => Convert.ToInt64(n, CultureInfo.InvariantCulture) == 0), $"{Describe(s)} next to a character no row holds matched {misses}.");
            }
        }

        // Only the 100,000-character strings are over SQLite's limit; PostgreSQL has none.
        Assert.Equal(Corpus.Where(OverSqliteLikeLimit), tooLong.Distinct());
        await AssertUntouched(t, async, values.Count);
    }

    /// <summary>Whether <paramref name="text"/>, as a LIKE pattern with a wildcard at each end, is over SQLite's limit.</summary>
    private bool OverSqliteLikeLimit(string text) => !Db.IsPostgres && Encoding.UTF8.GetByteCount(text) + 2 > SqliteLikeLimit;

    /// <summary>
    /// The text as the database's LIKE compares it. PostgreSQL: as it is. SQLite: ASCII letters in one case (its LIKE
    /// ignores their case, and only theirs), and U+FFFE and U+FFFF read as U+FFFD (its UTF-8 decoder for LIKE does so).
    /// </summary>
    private string Fold(string value) => Db.IsPostgres ? value : string.Create(value.Length, value, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            span[i] = char.IsAsciiLetterUpper(c) ? (char)(c + 32) : c is '\uFFFE' or '\uFFFF' ? '\uFFFD' : c;
        }
    });

    [Theory, InlineData(false), InlineData(true)]
    public async Task Literal_cast_and_bind_parameters_select_hostile_values_back_unchanged(bool async)
    {
        var t = await Setup();
        await using (var conn = await Connect(t.Engine, async))
        {
            for (var i = 0; i < Corpus.Count; i++)
            {
                var s = Corpus[i];
                var own = (await Execute(conn, async, Select(t.V, Literal(s).Label("literal"), Cast(s, SqlType.Text).Label("cast"),
                    BindParam("given", s).Label("given"), Cast(Literal(s), SqlType.String(400_000)).Label("cast_literal")).Where(t.Id == i))).One();
                foreach (var column in new[] { "v", "literal", "cast", "given", "cast_literal" })
                    AssertSame(s, own.Get<string>(column), $"{column} of {Describe(s)}");

                var callers = (await Execute(conn, async, Select(t.Id, BindParam("p").Label("echo")).Where(t.V == BindParam("p")), new { p = s })).One();
                Assert.Equal(i, callers.Get<int>("id"));
                AssertSame(s, callers.Get<string>("echo"), $"BindParam(\"p\") given {Describe(s)}");

                var overridden = await Execute(conn, async, Select(BindParam("p", "the statement's value").Label("echo")).SelectFrom(t.Data).Where(t.Id == i),
                    new Dictionary<string, object?> { ["p"] = s });
                AssertSame(s, overridden.ScalarOne<string>(), $"BindParam(\"p\", value) overridden by {Describe(s)}");
            }
        }

        await AssertUntouched(t, async, Corpus.Count);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Text_parameters_bind_hostile_values_unchanged(bool async)
    {
        var t = await Setup(fill: false);
        await using (var conn = await Connect(t.Engine, async))
        {
            var inserted = await ExecuteMany(conn, async, Text($"INSERT INTO {t.Data.Name} (id, v) VALUES (:id, :v)"), CorpusRows("v"));
            Assert.Equal(Corpus.Count, inserted.RowCount);
            var query = Text($"SELECT id, v, :p AS echo, CAST(:p AS TEXT) AS casted, ':p' AS quoted /* :p */ FROM {t.Data.Name} WHERE v = :p -- :p\n");
            for (var i = 0; i < Corpus.Count; i++)
            {
                var row = (await Execute(conn, async, query, new { p = Corpus[i] })).One();
                Assert.Equal(i, row.Get<int>("id"));
                foreach (var column in new[] { "v", "echo", "casted" })
                    AssertSame(Corpus[i], row.Get<string>(column), $"{column} of {Describe(Corpus[i])}");
                Assert.Equal(":p", row.Get<string>("quoted"));
            }

            // A textual SELECT with typed columns, used as a subquery, its parameter bound by the caller.
            var textual = Text($"SELECT id, v FROM {t.Data.Name} WHERE v = :p OR v = :q")
                .Columns(new Column<int>("id"), new Column<string>("v")).Subquery("matches");
            for (var i = 0; i < Corpus.Count; i++)
            {
                var rows = (await Execute(conn, async, Select(textual.C["id"], textual.C["v"]).OrderBy(textual.C["id"]),
                    new { p = Corpus[i], q = Corpus[^(i + 1)] })).All();
                Assert.Equal(new[] { i, Corpus.Count - 1 - i }.Distinct().Order(), rows.Select(r => r.Get<int>(0)));
                AssertSame(Corpus[Math.Min(i, Corpus.Count - 1 - i)], rows[0].Get<string>(1), $"textual select of {Describe(Corpus[i])}");
            }
            await Commit(conn, async);
        }

        await AssertStored(t, async, "v", Corpus);
        await AssertUntouched(t, async, Corpus.Count);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Update_values_and_where_set_exactly_the_hostile_row(bool async)
    {
        var t = await Setup();
        var reversed = Corpus.Reverse().ToList();
        await using (var conn = await Connect(t.Engine, async))
        {
            foreach (var s in Corpus)
                Assert.Equal(1, (await Execute(conn, async, t.Data.Update().Values(new { w = s }).Where(t.V == s))).RowCount);
            await Commit(conn, async);
        }
        await AssertStored(t, async, "w", Corpus);

        await using (var conn = await Connect(t.Engine, async))
        {
            // Values inside expressions: w = w || s, then back with substr, returned by UPDATE ... RETURNING.
            for (var i = 0; i < Corpus.Count; i++)
            {
                var s = Corpus[i];
                var row = (await Execute(conn, async, t.Data.Update().Values(new { w = Concat(t.W, Literal("|"), s) }).Where(t.Id == i).Returning(t.W))).One();
                AssertSame(s + "|" + s, row.Get<string>(0), $"w || '|' || {Describe(s)}");
                var restored = t.Data.Update().Values(new { w = Func.Call("substr", t.W, Func.Length(t.W) - s.EnumerateRunes().Count() + 1) }).Where(t.Id == i);
                Assert.Equal(1, (await Execute(conn, async, restored)).RowCount);
            }
            await Commit(conn, async);
        }
        await AssertStored(t, async, "w", Corpus);

        await using (var conn = await Connect(t.Engine, async))
        {
            // The caller's values, by column name; "id" also names the row to change.
            var sets = reversed.Select((s, i) => (object)new { id = i, w = s }).ToList();
            Assert.Equal(Corpus.Count, (await ExecuteMany(conn, async, t.Data.Update().Where(t.Id == BindParam("id")), sets)).RowCount);
            await Commit(conn, async);
        }

        await AssertStored(t, async, "w", reversed);
        await AssertStored(t, async, "v", Corpus);
        await AssertUntouched(t, async, Corpus.Count);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Delete_where_removes_exactly_the_hostile_row(bool async)
    {
        var t = await Setup();
        await using (var conn = await Connect(t.Engine, async))
        {
            foreach (var s in Corpus)
                Assert.Equal(0, (await Execute(conn, async, t.Data.Delete().Where(t.V == s + HostileStrings.Absent))).RowCount);
            Assert.Equal(Corpus.Count, (await Execute(conn, async, Select(Func.Count()).SelectFrom(t.Data))).ScalarOne<long>());
            for (var i = 0; i < Corpus.Count; i++)
            {
                var deleted = await Execute(conn, async, t.Data.Delete().Where(t.V == Corpus[i]).Returning(t.Id, t.V));
                var row = Assert.Single(deleted.All());
                Assert.Equal(i, row.Get<int>(0));
                AssertSame(Corpus[i], row.Get<string>(1), "returned by DELETE");
            }
            await Commit(conn, async);
        }

        await AssertUntouched(t, async, 0);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task On_conflict_do_nothing_keeps_stored_hostile_values_and_inserts_new_ones(bool async)
    {
        var t = await Setup();
        await using (var conn = await Connect(t.Engine, async))
        {
            // Every id is taken: the reversed corpus is proposed for each row and none of it is written.
            var clashing = Corpus.Select((_, i) => new { id = i, v = Corpus[^(i + 1)] }).ToList();
            Assert.Equal(0, (await Execute(conn, async, t.Data.Insert().Values(clashing).OnConflictDoNothing(t.Data.C["id"]))).RowCount);
            var fresh = Corpus.Select((value, i) => (object)new { id = Corpus.Count + i, v = value }).ToList();
            Assert.Equal(Corpus.Count, (await ExecuteMany(conn, async, t.Data.Insert().OnConflictDoNothing(t.Data.C["id"]), fresh)).RowCount);
            await Commit(conn, async);
        }

        await AssertStored(t, async, "v", [.. Corpus, .. Corpus]);
        await AssertUntouched(t, async, 2 * Corpus.Count);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task On_conflict_do_update_sets_hostile_values_unchanged(bool async)
    {
        var t = await Setup(fill: false);
        await using (var conn = await Connect(t.Engine, async))
        {
            await ExecuteMany(conn, async, t.Data.Insert(), [.. Corpus.Select((_, i) => (object)new { id = i, v = "placeholder" })]);
            for (var i = 0; i < Corpus.Count; i++)
            {
                var upsert = t.Data.Insert().Values(new { id = i, v = "not inserted" }).OnConflictDoUpdate([t.Data.C["id"]], new { v = Corpus[i] });
                Assert.Equal(1, (await Execute(conn, async, upsert)).RowCount);
                var proposed = t.Data.Insert().Values(new { id = i, w = Corpus[^(i + 1)] });
                Assert.Equal(1, (await Execute(conn, async, proposed.OnConflictDoUpdate([t.Data.C["id"]], new { w = proposed.Excluded.C["w"] }))).RowCount);
            }
            await Commit(conn, async);
        }

        await AssertStored(t, async, "v", Corpus);
        await AssertStored(t, async, "w", [.. Corpus.Reverse()]);
        await AssertUntouched(t, async, Corpus.Count);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Functions_case_and_concatenation_carry_hostile_values_unchanged(bool async)
    {
        var t = await Setup();
        await using (var conn = await Connect(t.Engine, async))
        {
            for (var i = 0; i < Corpus.Count; i++)
            {
                var s = Corpus[i];
                var row = (await Execute(conn, async, Select(
                    Func.Call("upper", s).Label("upper_value"), Func.Upper(t.V).Label("upper_column"),
                    Func.Call("length", s).Label("length_value"), Func.Length(t.V).Label("length_column"),
                    Func.Coalesce(t.W, s).Label("coalesced"),
                    Case([(t.Id == i, s)], "other").Label("case_value"),
                    Case([(t.V == s, "hit")], "miss").Label("case_condition"),
                    Concat(t.V, s).Label("concat"), t.V.Concat(s).Label("concat_method"), (t.V + s).Label("plus"),
                    Concat(Literal(s), t.V, s).Label("concat_literal")).Where(t.Id == i))).One();

                var described = Describe(s);
                AssertSame(row.Get<string>("upper_column"), row.Get<string>("upper_value"), $"upper({described})");
                Assert.Equal(s.EnumerateRunes().Count(), row.Get<long>("length_value"));
                Assert.Equal(row.Get<long>("length_column"), row.Get<long>("length_value"));
                AssertSame(s, row.Get<string>("coalesced"), $"coalesce(NULL, {described})");
                AssertSame(s, row.Get<string>("case_value"), $"CASE THEN {described}");
                Assert.Equal("hit", row.Get<string>("case_condition"));
                foreach (var column in new[] { "concat", "concat_method", "plus" })
                    AssertSame(s + s, row.Get<string>(column), $"{column} of {described}");
                AssertSame(s + s + s, row.Get<string>("concat_literal"), $"Concat(Literal({described}), v, value)");
            }
        }

        await AssertUntouched(t, async, Corpus.Count);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Limit_and_offset_are_bound_for_any_count_and_refuse_negative_ones(bool async)
    {
        var t = await Setup();
        var n = Corpus.Count;
        foreach (var count in new[] { -1, int.MinValue })
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => Select(t.Id).Limit(count));
            Assert.Throws<ArgumentOutOfRangeException>(() => Select(t.Id).Offset(count));
            Assert.Throws<ArgumentOutOfRangeException>(() => Select(t.Id).Union(Select(t.Id)).Limit(count));
            Assert.Throws<ArgumentOutOfRangeException>(() => Select(t.Id).Union(Select(t.Id)).Offset(count));
        }

        (int Limit, int Offset)[] pages = [(0, 0), (1, 0), (1, n - 1), (3, n - 2), (n, 0), (5, 10), (int.MaxValue, 0), (int.MaxValue, n), (int.MaxValue, int.MaxValue)];
        var sql = new HashSet<string>(StringComparer.Ordinal);
        await using (var conn = await Connect(t.Engine, async))
        {
            foreach (var (limit, offset) in pages)
            {
                var expected = Enumerable.Range(0, n).Skip(offset).Take(limit).ToList();
                var query = Select(t.Id).OrderBy(t.Id).Limit(limit).Offset(offset);
                var compound = Select(t.Id).Where(t.Id < n / 2).Union(Select(t.Id).Where(t.Id >= n / 2)).OrderBy(t.Id).Limit(limit).Offset(offset);
                sql.Add(query.Compile(t.Engine.Dialect).Sql);
                Assert.Equal(expected, (await Execute(conn, async, query)).Scalars<int>().All());
                Assert.Equal(expected, (await Execute(conn, async, compound)).Scalars<int>().All());
            }
        }

        // Every page is one statement: the counts are parameters, never text.
        Assert.Single(sql);
        await AssertUntouched(t, async, n);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Client_defaults_send_hostile_values_unchanged(bool async)
    {
        var t = await Setup(fill: false);
        // One column per corpus string, each with that string as its default, and one whose factory hands out the corpus in order.
        var fixedDefaults = new Table(TableName("defaults"), new MetaData(),
        [
            new Column<int>("id", primaryKey: true, autoincrement: false),
            .. Corpus.Select((value, i) => new Column<string>($"d{i}", defaultValue: value)),
        ]);
        var next = 0;
        var factory = new Table(TableName("factory"), new MetaData(),
            new Column<int>("id", primaryKey: true, autoincrement: false), new Column<string>("f", defaultFactory: () => Corpus[next++]));
        await using (var conn = await Connect(t.Engine, async))
        {
            await CreateAll(fixedDefaults.MetaData, conn, async);
            await CreateAll(factory.MetaData, conn, async);
            await Execute(conn, async, fixedDefaults.Insert().Values(new { id = 1 }));
            await ExecuteMany(conn, async, fixedDefaults.Insert(), [new { id = 2 }, new { id = 3 }]);
            Assert.Equal(Corpus.Count, (await ExecuteMany(conn, async, factory.Insert(), [.. Corpus.Select((_, i) => (object)new { id = i })])).RowCount);
            await Commit(conn, async);

            foreach (var row in (await Execute(conn, async, Select(fixedDefaults).OrderBy(fixedDefaults.C["id"]))).All())
            {
                for (var i = 0; i < Corpus.Count; i++)
                    AssertSame(Corpus[i], row.Get<string>($"d{i}"), $"row {row.Get<int>("id")}, default {Describe(Corpus[i])}");
            }
            var made = (await Execute(conn, async, Select(factory.C["id"], factory.C["f"]).OrderBy(factory.C["id"]))).All();
            Assert.Equal(Enumerable.Range(0, Corpus.Count), made.Select(r => r.Get<int>(0)));
            AssertSame(Corpus, [.. made.Select(r => r.Get<string?>(1))]);
            await DropAll(fixedDefaults.MetaData, conn, async);
            await DropAll(factory.MetaData, conn, async);
            await Commit(conn, async);
        }

        Assert.Equal(Corpus.Count, next);
        await AssertUntouched(t, async, 0);
    }

    /// <summary>
    /// A NUL character: PostgreSQL's text cannot hold one and SQLite's can. Either it round-trips through insert,
    /// comparison and a literal, or the database refuses it with a clear error; in neither case does it alter anything.
    /// </summary>
    [Theory, InlineData(false), InlineData(true)]
    public async Task A_nul_character_round_trips_or_is_refused_clearly_without_altering_anything(bool async)
    {
        var t = await Setup(fill: false);
        DatabaseException? error;
        await using (var conn = await Connect(t.Engine, async))
        {
            error = await Attempt(conn, async, async () =>
            {
                await Execute(conn, async, t.Data.Insert().Values(new { id = 1, v = HostileStrings.WithNul }));
                var row = (await Execute(conn, async, Select(t.V, Literal(HostileStrings.WithNul).Label("literal")).Where(t.V == HostileStrings.WithNul))).One();
                AssertSame(HostileStrings.WithNul, row.Get<string>("v"), "stored");
                AssertSame(HostileStrings.WithNul, row.Get<string>("literal"), "literal");
            });
            await Commit(conn, async);
        }

        if (Db.IsPostgres)
        {
            var refused = Assert.IsAssignableFrom<DataException>(error);
            Assert.Contains("0x00", refused.Message, StringComparison.Ordinal);
            Assert.Equal("22021", refused.DriverCode);
        }
        else
        {
            Assert.Null(error);
        }
        await AssertUntouched(t, async, error is null ? 1 : 0);
    }
}

public sealed class SqliteInjectionTests(DatabaseFixture<SqliteDatabase> fixture) : InjectionTests<SqliteDatabase>(fixture);

public sealed class PostgresInjectionTests(DatabaseFixture<PostgresDatabase> fixture) : InjectionTests<PostgresDatabase>(fixture);
