using BenchmarkDotNet.Attributes;

namespace Framework.Benchmarks.Orm;

/// <summary>Twenty entities in key order after a key, tracked, in a fresh unit of work (see <see cref="ListBenchmarkBase"/>).</summary>
public class TrackedListBenchmarks() : ListBenchmarkBase(20)
{
    [Benchmark(Baseline = true)]
    public Task<List<PlainItem>> RawNpgsql_twenty_rows() => Raw(NextAfter());

    [Benchmark]
    public Task<IReadOnlyList<Item>> Framework_session_twenty_entities() => Session(NextAfter());

    [Benchmark]
    public Task<List<PlainItem>> Dapper_twenty_rows() => Dapper(NextAfter());

    [Benchmark]
    public Task<List<PlainItem>> EFCore_tracked_twenty_entities() => EFCore(NextAfter());

    [Benchmark]
    public Task<List<PlainItem>> FrameworkCore_twenty_rows() => Core(NextAfter());
}
