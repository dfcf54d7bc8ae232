using System.Text;
using BenchmarkDotNet.Attributes;
using Npgsql;

namespace Framework.Benchmarks.Orm;

/// <summary>
/// One unit of work that inserts 1,000 new parents with 10 new children each (11,000 rows of <c>bench_parent</c> and
/// <c>bench_child</c>): the objects are made, handed over, written and committed, and every key the database generates
/// ends up in the objects (each parent's id, each child's id and parent id).
/// </summary>
/// <remarks>
/// Framework: <c>session.AddAll(parents)</c>, each parent made with <c>Children = [...]</c> (the children join the
/// session by the save-update cascade), then <c>CommitAsync</c>, whose flush inserts the parents (insertmanyvalues with
/// RETURNING id), copies their ids into the children's foreign keys and inserts the children the same way. EF Core:
/// <c>AddRange</c> and <c>SaveChangesAsync</c>, batched as the provider does by default. Raw Npgsql, the baseline for
/// scale: in a transaction, one multi-row <c>INSERT ... RETURNING id</c> of the 1,000 parents, then the children in
/// pages of 1,000 rows, each page's ids read back into its objects. Each side makes its own objects in the call from
/// names built in [GlobalSetup].
/// <para>
/// An iteration is one call (InvocationCount 1), and both tables are truncated (keys restarted at 1) after it, outside
/// the measured time, so every call of every side inserts into empty tables. Warmups and iterations as in
/// BulkInsertBenchmarks: a process takes tens of calls of a loop over thousands of rows to reach its steady state.
/// </para>
/// </remarks>
[InvocationCount(1)]
[WarmupCount(40)]
[IterationCount(30)]
public class RelationshipFlushBenchmarks : OrmBenchmarkBase
{
    private const int Parents = 1_000;
    private const int ChildrenPerParent = 10;
    private const int ChildPageParents = 100;

    private static readonly string RawParentSql = MultiRowInsertSql(RelationshipTables.Parent, "name", Parents);
    private static readonly string RawChildSql = MultiRowInsertSql(RelationshipTables.Child, "parent_id, name", ChildPageParents * ChildrenPerParent);

    private readonly string[] _parentNames = [.. Enumerable.Range(0, Parents).Select(p => $"parent {p}")];
    private readonly string[][] _childNames =
        [.. Enumerable.Range(0, Parents).Select(p => Enumerable.Range(0, ChildrenPerParent).Select(c => $"child {p}-{c}").ToArray())];

    [Benchmark(Baseline = true)]
    public Task<List<PlainParent>> RawNpgsql_multi_row_inserts() => Raw();

    [Benchmark]
    public Task<List<Parent>> Framework_session_add_all_commit() => Session();

    [Benchmark]
    public Task<List<PlainParent>> EFCore_add_range_SaveChanges() => EFCore();

    [IterationCleanup]
    public void Truncate() => RelationshipTables.Truncate(DataSource);

    /// <summary>The truncate of [IterationCleanup] and the full collection BenchmarkDotNet makes before each iteration.</summary>
    public override void ResetBeforeCall()
    {
        Truncate();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    protected override Task EnsureTablesAsync() => RelationshipTables.EnsureEmptyAsync(DataSource);

    protected override async Task CheckAsync()
    {
        await RequireWritten(nameof(RawNpgsql_multi_row_inserts), Shape(await Raw()));
        await RequireWritten(nameof(Framework_session_add_all_commit), Shape(await Session()));
        await RequireWritten(nameof(EFCore_add_range_SaveChanges), Shape(await EFCore()));
    }

    private List<PlainParent> PlainParents()
    {
        var parents = new List<PlainParent>(Parents);
        for (var p = 0; p < Parents; p++)
        {
            var children = new List<PlainChild>(ChildrenPerParent);
            foreach (var name in _childNames[p])
                children.Add(new PlainChild { Name = name });
            parents.Add(new PlainParent { Name = _parentNames[p], Children = children });
        }
        return parents;
    }

    private async Task<List<PlainParent>> Raw()
    {
        var parents = PlainParents();
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand(RawParentSql, connection, transaction))
        {
            foreach (var parent in parents)
                command.Parameters.Add(new NpgsqlParameter { Value = parent.Name });
            await using var reader = await command.ExecuteReaderAsync();
            var next = 0;
            while (await reader.ReadAsync())
                parents[next++].Id = reader.GetInt32(0);
        }
        for (var page = 0; page < Parents; page += ChildPageParents)
        {
            await using var command = new NpgsqlCommand(RawChildSql, connection, transaction);
            for (var p = page; p < page + ChildPageParents; p++)
            {
                var parent = parents[p];
                foreach (var child in parent.Children)
                {
                    child.ParentId = parent.Id;
                    child.Parent = parent;
                    command.Parameters.Add(new NpgsqlParameter { Value = parent.Id });
                    command.Parameters.Add(new NpgsqlParameter { Value = child.Name });
                }
            }
            await using var reader = await command.ExecuteReaderAsync();
            for (var p = page; p < page + ChildPageParents; p++)
            {
                foreach (var child in parents[p].Children)
                {
                    await reader.ReadAsync();
                    child.Id = reader.GetInt32(0);
                }
            }
        }
        await transaction.CommitAsync();
        return parents;
    }

    private async Task<List<Parent>> Session()
    {
        var parents = new List<Parent>(Parents);
        for (var p = 0; p < Parents; p++)
        {
            var children = new List<Child>(ChildrenPerParent);
            foreach (var name in _childNames[p])
                children.Add(new Child { Name = name });
            parents.Add(new Parent { Name = _parentNames[p], Children = children });
        }
        await using var session = Sessions.Create();
        session.AddAll(parents);
        await session.CommitAsync();
        return parents;
    }

    private async Task<List<PlainParent>> EFCore()
    {
        var parents = PlainParents();
        await using var context = Contexts.CreateDbContext();
        context.Parents.AddRange(parents);
        await context.SaveChangesAsync();
        return parents;
    }

    // INSERT INTO table (columns) VALUES ($1, ...), ... RETURNING id
    private static string MultiRowInsertSql(string table, string columns, int rows)
    {
        var width = columns.Split(',').Length;
        var sql = new StringBuilder($"INSERT INTO {table} ({columns}) VALUES ");
        for (var row = 0; row < rows; row++)
        {
            sql.Append(row > 0 ? ", (" : "(");
            for (var column = 0; column < width; column++)
                sql.Append(column > 0 ? ", $" : "$").Append(width * row + column + 1);
            sql.Append(')');
        }
        return sql.Append(" RETURNING id").ToString();
    }

    // Every object written, as (parent id, parent name, child id, child's parent id, child name, back reference).
    private static List<(int ParentId, string Parent, int Id, int ChildParentId, string Name, bool Back)> Shape(List<Parent> parents) =>
        [.. parents.SelectMany(p => p.Children.Select(c => (p.Id, p.Name, c.Id, c.ParentId, c.Name, ReferenceEquals(c.Parent, p))))];

    private static List<(int ParentId, string Parent, int Id, int ChildParentId, string Name, bool Back)> Shape(List<PlainParent> parents) =>
        [.. parents.SelectMany(p => p.Children.Select(c => (p.Id, p.Name, c.Id, c.ParentId, c.Name, ReferenceEquals(c.Parent, p))))];

    // The tables hold exactly the objects' rows, with the keys the objects hold; then they are emptied again.
    private async Task RequireWritten(string side, List<(int ParentId, string Parent, int Id, int ChildParentId, string Name, bool Back)> written)
    {
        var (rows, parents) = await RelationshipTables.ReadAsync(DataSource);
        Require(parents == Parents && rows.Count == Parents * ChildrenPerParent, side, $"the tables hold {parents} parents and {rows.Count} children");
        Require(written.Count == rows.Count, side, $"{written.Count} children in the objects");
        foreach (var (parentId, parent, id, childParentId, name, back) in written)
        {
            Require(childParentId == parentId && back, side, $"child {id} points to parent {childParentId}, not {parentId}");
            Require(rows.TryGetValue(id, out var row) && row == (parentId, parent, name), side, $"child {id} is not the row of '{name}' under '{parent}'");
        }
        Truncate();
    }
}
