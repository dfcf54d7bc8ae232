using BenchmarkDotNet.Attributes;

namespace Framework.Benchmarks.Orm;

/// <summary>
/// 2,000 entities in key order after a key, tracked, in a fresh unit of work (see <see cref="ListBenchmarkBase"/>): where
/// the cost per row shows, which twenty rows hide behind the round trip.
/// </summary>
public class LargeListBenchmarks() : ListBenchmarkBase(2_000)
{
    [Benchmark(Baseline = true)]
    public Task<List<PlainItem>> RawNpgsql_2000_rows() => Raw(NextAfter());

    [Benchmark]
    public Task<IReadOnlyList<Item>> Framework_session_2000_entities() => Session(NextAfter());

    [Benchmark]
    public Task<List<PlainItem>> Dapper_2000_rows() => Dapper(NextAfter());

    [Benchmark]
    public Task<List<PlainItem>> EFCore_tracked_2000_entities() => EFCore(NextAfter());

    [Benchmark]
    public Task<List<PlainItem>> FrameworkCore_2000_rows() => Core(NextAfter());
}
