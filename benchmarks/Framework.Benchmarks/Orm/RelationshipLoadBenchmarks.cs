using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static Framework.Orm.Loaders;
using static Framework.Sql.Expressions;

namespace Framework.Benchmarks.Orm;

/// <summary>
/// 100 parents with their 10 children each (1,100 rows of <c>bench_parent</c> and <c>bench_child</c>), eager-loaded into
/// objects in a fresh unit of work: every parent, and every parent's children in its collection.
/// </summary>
/// <remarks>
/// Two ways of loading, each on both ORMs. Two queries: Framework's <c>SelectInLoad</c> (the parents, then the children
/// <c>WHERE parent_id IN (...)</c>) against EF Core's <c>Include</c> with <c>AsSplitQuery</c> (the parents, then the
/// children joined to the parents again). One query: Framework's <c>JoinedLoad</c> (a LEFT OUTER JOIN; its result repeats
/// each parent once per child, hence <c>Unique()</c>) against EF Core's <c>Include</c> with <c>AsSingleQuery</c> (the same
/// join). Both ORMs track what they load, and both set each child's reference back to its parent. Raw Npgsql, the
/// baseline for scale, runs the two queries itself (the children by <c>parent_id = ANY($1)</c>) and assembles the objects
/// with a dictionary. As in <see cref="GetByKeyBenchmarks"/>, the session only reads, so it sends no BEGIN and no
/// ROLLBACK (its figures in the benchmarks README were measured before that, with one round trip more than the others).
/// </remarks>
public class RelationshipLoadBenchmarks : OrmBenchmarkBase
{
    private const string RawParentsSql = $"SELECT id, name FROM {RelationshipTables.Parent}";
    private const string RawChildrenSql = $"SELECT id, parent_id, name FROM {RelationshipTables.Child} WHERE parent_id = ANY($1)";

    [Benchmark(Baseline = true)]
    public Task<List<PlainParent>> RawNpgsql_two_queries() => Raw();

    [Benchmark]
    public Task<IReadOnlyList<Parent>> Framework_selectin_load() => SelectIn();

    [Benchmark]
    public Task<List<PlainParent>> EFCore_include_split_query() => EFCore(split: true);

    [Benchmark]
    public Task<IReadOnlyList<Parent>> Framework_joined_load() => Joined();

    [Benchmark]
    public Task<List<PlainParent>> EFCore_include_single_query() => EFCore(split: false);

    protected override Task EnsureTablesAsync() => RelationshipTables.EnsureLoadRowsAsync(DataSource);

    protected override async Task CheckAsync()
    {
        RequireAll(nameof(RawNpgsql_two_queries), Shape(await Raw()));
        RequireAll(nameof(Framework_selectin_load), Shape(await SelectIn()));
        RequireAll(nameof(EFCore_include_split_query), Shape(await EFCore(split: true)));
        RequireAll(nameof(Framework_joined_load), Shape(await Joined()));
        RequireAll(nameof(EFCore_include_single_query), Shape(await EFCore(split: false)));
    }

    private async Task<List<PlainParent>> Raw()
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        var parents = new List<PlainParent>(RelationshipTables.LoadParents);
        var byId = new Dictionary<int, PlainParent>(RelationshipTables.LoadParents);
        await using (var command = new NpgsqlCommand(RawParentsSql, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var parent = new PlainParent { Id = reader.GetInt32(0), Name = reader.GetString(1) };
                parents.Add(parent);
                byId.Add(parent.Id, parent);
            }
        }
        var ids = new int[parents.Count];
        for (var i = 0; i < ids.Length; i++)
            ids[i] = parents[i].Id;
        await using (var command = new NpgsqlCommand(RawChildrenSql, connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = ids });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var parent = byId[reader.GetInt32(1)];
                parent.Children.Add(new PlainChild { Id = reader.GetInt32(0), ParentId = parent.Id, Name = reader.GetString(2), Parent = parent });
            }
        }
        return parents;
    }

    private async Task<IReadOnlyList<Parent>> SelectIn()
    {
        await using var session = Sessions.Create();
        var result = await session.ExecuteAsync(Select<Parent>().Options(SelectInLoad<Parent>(p => p.Children)));
        return result.Scalars().All();
    }

    private async Task<IReadOnlyList<Parent>> Joined()
    {
        await using var session = Sessions.Create();
        var result = await session.ExecuteAsync(Select<Parent>().Options(JoinedLoad<Parent>(p => p.Children)));
        return result.Unique().Scalars().All();
    }

    private async Task<List<PlainParent>> EFCore(bool split)
    {
        await using var context = Contexts.CreateDbContext();
        var query = context.Parents.Include(p => p.Children);
        return await (split ? query.AsSplitQuery() : query.AsSingleQuery()).ToListAsync();
    }

    // Each parent as "id name: child-id/parent-id/name/back ..." (children by id), parents by id: what every side must agree on.
    private static List<string> Shape(IEnumerable<Parent> parents) =>
        Describe(parents.Select(p => (p.Id, p.Name, p.Children.Select(c => (c.Id, c.ParentId, c.Name, ReferenceEquals(c.Parent, p))))));

    private static List<string> Shape(IEnumerable<PlainParent> parents) =>
        Describe(parents.Select(p => (p.Id, p.Name, p.Children.Select(c => (c.Id, c.ParentId, c.Name, ReferenceEquals(c.Parent, p))))));

    private static List<string> Describe(IEnumerable<(int Id, string Name, IEnumerable<(int Id, int ParentId, string Name, bool Back)> Children)> parents) =>
    [
        .. parents.OrderBy(p => p.Id).Select(p =>
            $"{p.Id} {p.Name}: {string.Join(" ", p.Children.OrderBy(c => c.Id).Select(c => $"{c.Id}/{c.ParentId}/{c.Name}/{c.Back}"))}"),
    ];

    // The rows RelationshipTables.EnsureLoadRowsAsync wrote.
    private static void RequireAll(string side, List<string> shape)
    {
        var expected = Describe(Enumerable.Range(1, RelationshipTables.LoadParents).Select(p => (p, $"parent {p}",
            Enumerable.Range((p - 1) * RelationshipTables.ChildrenPerParent + 1, RelationshipTables.ChildrenPerParent).Select(c => (c, p, $"child {c}", true)))));
        Require(shape.Count == expected.Count, side, $"{shape.Count} parents loaded");
        for (var i = 0; i < expected.Count; i++)
            Require(shape[i] == expected[i], side, $"loaded '{shape[i]}', not '{expected[i]}'");
    }
}
