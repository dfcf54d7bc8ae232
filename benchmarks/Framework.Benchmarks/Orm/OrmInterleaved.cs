using System.Diagnostics;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace Framework.Benchmarks.Orm;

/// <summary>
/// The sides of the ORM benchmark classes run in turn, round after round, in one process:
/// <c>dotnet run -c Release --project benchmarks/Framework.Benchmarks -- --orm-interleaved [rounds [filter]]</c> (only
/// the classes whose name contains filter, e.g. <c>Relationship</c>, when it is given).
/// </summary>
/// <remarks>
/// BenchmarkDotNet measures one benchmark after another, each for about ten seconds, and on a machine that other work
/// shares the load changes between them. Here a round runs a batch of calls of every side, one side right after the
/// other (the order rotating from round to round), and divides each side's time per call by raw Npgsql's in the same
/// round; <see cref="InterleavedReport"/> prints the median of those ratios, then each Framework side's time over the EF
/// Core side declared in the same position. The calls are the benchmark methods; what a class does between calls
/// (<see cref="OrmBenchmarkBase.ResetBeforeCall"/>, e.g. a truncate) runs before each call, untimed.
/// </remarks>
public static class OrmInterleaved
{
    private const int WarmupRounds = 5;

    /// <summary>Runs the classes whose name contains <paramref name="filter"/> (every class when it is null).</summary>
    public static async Task RunAsync(int rounds, string? filter)
    {
        // Short turns, so that the sides of a round run under the same load: ten calls of a sub-millisecond side (and ten
        // times the rounds), ten of a load of 1,100 rows (a few milliseconds; twice the rounds), two of a list of 2,000 rows (twice the rounds), one call of a write of thousands of rows.
        // A flush of 11,000 rows gets thirty warmup rounds: a process needs tens of calls of its loops to settle.
        (Func<OrmBenchmarkBase> Create, int CallsPerTurn, int Rounds, int Warmups)[] classes =
        [
            (() => new GetByKeyBenchmarks(), 10, rounds * 10, WarmupRounds),
            (() => new TrackedListBenchmarks(), 10, rounds * 10, WarmupRounds),
            (() => new LargeListBenchmarks(), 2, rounds * 2, WarmupRounds),
            (() => new UpdateBenchmarks(), 1, rounds, WarmupRounds),
            (() => new RelationshipLoadBenchmarks(), 10, rounds * 2, WarmupRounds),
            (() => new RelationshipFlushBenchmarks(), 1, rounds, 30),
        ];
        foreach (var (create, callsPerTurn, classRounds, warmups) in classes)
        {
            var benchmarks = create();
            if (filter is null || benchmarks.GetType().Name.Contains(filter, StringComparison.OrdinalIgnoreCase))
                await RunAsync(benchmarks, callsPerTurn, classRounds, warmups);
        }
    }

    private static async Task RunAsync(OrmBenchmarkBase benchmarks, int callsPerTurn, int rounds, int warmups)
    {
        // The class's [Benchmark] methods in the order they are declared: raw Npgsql, the baseline, first.
        (string Name, Func<Task> Run)[] sides =
        [
            .. benchmarks.GetType().GetMethods()
                .Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null)
                .OrderBy(m => m.MetadataToken)
                .Select(m => (m.Name, m.CreateDelegate<Func<Task>>(benchmarks))),
        ];
        // Framework's sides and EF Core's, paired in the order they are declared.
        var framework = Enumerable.Range(0, sides.Length).Where(s => sides[s].Name.StartsWith("Framework_", StringComparison.Ordinal)).ToList();
        var efCore = Enumerable.Range(0, sides.Length).Where(s => sides[s].Name.StartsWith("EFCore_", StringComparison.Ordinal)).ToList();
        await benchmarks.Setup();
        try
        {
            var times = sides.Select(_ => new double[rounds]).ToArray();
            Console.WriteLine();
            Console.WriteLine($"{benchmarks.GetType().Name} interleaved: {warmups} warmup rounds, then {rounds} measured rounds of " +
                $"{callsPerTurn} calls of each of the {sides.Length} sides; times per call.");
            for (var round = -warmups; round < rounds; round++)
            {
                for (var turn = 0; turn < sides.Length; turn++)
                {
                    var side = (turn + Math.Max(round, 0)) % sides.Length;
                    var elapsed = TimeSpan.Zero;
                    for (var call = 0; call < callsPerTurn; call++)
                    {
                        benchmarks.ResetBeforeCall();
                        var started = Stopwatch.GetTimestamp();
                        await sides[side].Run();
                        elapsed += Stopwatch.GetElapsedTime(started);
                    }
                    if (round >= 0)
                        times[side][round] = elapsed.TotalMicroseconds / callsPerTurn;
                }
            }
            benchmarks.ResetBeforeCall();
            InterleavedReport.Print([.. sides.Select(s => s.Name)], times, "us");
            foreach (var (f, e) in framework.Zip(efCore))
                InterleavedReport.PrintRatio(sides[f].Name, times[f], sides[e].Name, times[e]);
        }
        finally
        {
            await benchmarks.Cleanup();
        }
    }
}
