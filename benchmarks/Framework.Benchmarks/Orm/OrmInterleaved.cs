using System.Diagnostics;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace Framework.Benchmarks.Orm;

/// <summary>
/// The sides of the three ORM benchmark classes run in turn, round after round, in one process:
/// <c>dotnet run -c Release --project benchmarks/Framework.Benchmarks -- --orm-interleaved [rounds]</c>.
/// </summary>
/// <remarks>
/// BenchmarkDotNet measures one benchmark after another, each for about ten seconds, and on a machine that other work
/// shares the load changes between them. Here a round runs a batch of calls of every side, one side right after the
/// other (the order rotating from round to round), and divides each side's time per call by raw Npgsql's in the same
/// round; <see cref="InterleavedReport"/> prints the median of those ratios. The calls are the benchmark methods.
/// </remarks>
public static class OrmInterleaved
{
    private const int WarmupRounds = 5;

    public static async Task RunAsync(int rounds)
    {
        // Short turns, so that the sides of a round run under the same load: ten calls of a sub-millisecond side (and ten
        // times the rounds), one call of an update of 1,000 rows.
        await RunAsync(new GetByKeyBenchmarks(), callsPerTurn: 10, rounds * 10);
        await RunAsync(new TrackedListBenchmarks(), callsPerTurn: 10, rounds * 10);
        await RunAsync(new UpdateBenchmarks(), callsPerTurn: 1, rounds);
    }

    private static async Task RunAsync(OrmBenchmarkBase benchmarks, int callsPerTurn, int rounds)
    {
        // The class's [Benchmark] methods in the order they are declared: raw Npgsql, the baseline, first.
        (string Name, Func<Task> Run)[] sides =
        [
            .. benchmarks.GetType().GetMethods()
                .Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null)
                .OrderBy(m => m.MetadataToken)
                .Select(m => (m.Name, m.CreateDelegate<Func<Task>>(benchmarks))),
        ];
        var framework = Array.FindIndex(sides, s => s.Name.StartsWith("Framework_session", StringComparison.Ordinal));
        var efCore = Array.FindIndex(sides, s => s.Name.StartsWith("EFCore_", StringComparison.Ordinal));
        await benchmarks.Setup();
        try
        {
            var times = sides.Select(_ => new double[rounds]).ToArray();
            Console.WriteLine();
            Console.WriteLine($"{benchmarks.GetType().Name} interleaved: {WarmupRounds} warmup rounds, then {rounds} measured rounds of " +
                $"{callsPerTurn} calls of each of the {sides.Length} sides; times per call.");
            for (var round = -WarmupRounds; round < rounds; round++)
            {
                for (var turn = 0; turn < sides.Length; turn++)
                {
                    var side = (turn + Math.Max(round, 0)) % sides.Length;
                    var started = Stopwatch.GetTimestamp();
                    for (var call = 0; call < callsPerTurn; call++)
                        await sides[side].Run();
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalMicroseconds / callsPerTurn;
                    if (round >= 0)
                        times[side][round] = elapsed;
                }
            }
            InterleavedReport.Print([.. sides.Select(s => s.Name)], times, "us");
            InterleavedReport.PrintRatio(sides[framework].Name, times[framework], sides[efCore].Name, times[efCore]);
        }
        finally
        {
            await benchmarks.Cleanup();
        }
    }
}
