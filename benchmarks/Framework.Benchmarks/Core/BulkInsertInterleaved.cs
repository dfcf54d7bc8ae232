using System.Diagnostics;

namespace Framework.Benchmarks.Core;

/// <summary>
/// The three sides of <see cref="BulkInsertBenchmarks"/> run in turn, round after round, in one process:
/// <c>dotnet run -c Release --project benchmarks/Framework.Benchmarks -- --interleaved [rounds]</c>.
/// </summary>
/// <remarks>
/// BenchmarkDotNet measures one benchmark after another, each for about ten seconds. On a machine that other work
/// shares, the load can change between two benchmarks and move their ratio far more than any difference between
/// them. Here every round runs each side once, right after the others (the order rotating from round to round), and
/// each side's time is divided by raw Npgsql's time in the same round: slow changes in load cancel out of that
/// ratio, and its median over the rounds is what this prints. The calls are the benchmark methods themselves, with
/// the same frame: the table truncated and a full garbage collection before each call, neither of them timed.
/// </remarks>
public static class BulkInsertInterleaved
{
    private const int WarmupRounds = 5;

    public static async Task RunAsync(int rounds)
    {
        var benchmarks = new BulkInsertBenchmarks();
        await benchmarks.Setup();
        try
        {
            (string Name, Func<Task<IReadOnlyList<int>>> Run)[] sides =
            [
                (nameof(BulkInsertBenchmarks.RawNpgsql_multi_row_insert_returning), benchmarks.RawNpgsql_multi_row_insert_returning),
                (nameof(BulkInsertBenchmarks.Framework_executemany_returning), benchmarks.Framework_executemany_returning),
                (nameof(BulkInsertBenchmarks.EFCore_SaveChanges), benchmarks.EFCore_SaveChanges),
            ];
            var times = sides.Select(_ => new double[rounds]).ToArray();
            Console.WriteLine($"BulkInsertBenchmarks interleaved: {WarmupRounds} warmup rounds, then {rounds} measured rounds of the {sides.Length} sides.");
            for (var round = -WarmupRounds; round < rounds; round++)
            {
                for (var turn = 0; turn < sides.Length; turn++)
                {
                    var side = (turn + Math.Max(round, 0)) % sides.Length;
                    benchmarks.Truncate();
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    GC.Collect();
                    var started = Stopwatch.GetTimestamp();
                    await sides[side].Run();
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    if (round >= 0)
                        times[side][round] = elapsed;
                }
            }
            benchmarks.Truncate();

            InterleavedReport.Print([.. sides.Select(s => s.Name)], times, "ms");
            // The second target is against EF Core: Framework's time over EF Core's, round by round.
            InterleavedReport.PrintRatio(sides[1].Name, times[1], sides[2].Name, times[2]);
        }
        finally
        {
            await benchmarks.Cleanup();
        }
    }
}
