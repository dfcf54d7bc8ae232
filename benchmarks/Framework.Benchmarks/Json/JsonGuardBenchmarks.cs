using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using Framework.AspNetCore;
using Framework.Benchmarks.Orm;

namespace Framework.Benchmarks.Json;

/// <summary>
/// The JSON guard's cost: 1,000 parents with 10 children each (the back-populated pair Parent.Children / Child.Parent),
/// serialized to a reused buffer with the guard's options and with plain System.Text.Json, on the same objects. No database.
/// </summary>
/// <remarks>
/// Plain System.Text.Json would loop on the pair (each child's Parent leads back to its parent), so the plain side drops
/// Child.Parent from its contract, which is what an application without the guard has to write ([JsonIgnore] or a DTO);
/// both sides then write the same JSON, checked in <see cref="Setup"/>. The guard's side asks every instance whether
/// anything of it is unloaded before writing it, checks each relationship, and writes Parent.Children through its pair
/// converter. <see cref="JsonGuardInterleaved"/> runs the same two sides interleaved, for a loaded machine.
/// </remarks>
public class JsonGuardBenchmarks
{
    private readonly JsonSerializerOptions _plain = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver().WithAddedModifier(info =>
        {
            if (info.Type == typeof(Child))
            {
                for (var i = info.Properties.Count - 1; i >= 0; i--)
                {
                    if (info.Properties[i].Name == "parent")
                        info.Properties.RemoveAt(i);
                }
            }
        }),
    };

    private readonly JsonSerializerOptions _guarded = new JsonSerializerOptions(JsonSerializerDefaults.Web).UseJsonGuard();
    private readonly MemoryStream _buffer = new();
    private List<Parent> _parents = [];

    [GlobalSetup]
    public void Setup()
    {
        _parents = [.. Enumerable.Range(1, 1_000).Select(p =>
        {
            var parent = new Parent { Id = p, Name = $"parent {p}" };
            for (var c = 1; c <= 10; c++)
                parent.Children.Add(new Child { Id = p * 100 + c, ParentId = p, Name = $"child {p}.{c}" });
            return parent;
        })];
        var plain = JsonSerializer.Serialize(_parents, _plain);
        var guarded = JsonSerializer.Serialize(_parents, _guarded);
        if (plain != guarded)
            throw new InvalidOperationException("The two sides do not write the same JSON.");
    }

    [Benchmark(Baseline = true)]
    public long Plain_System_Text_Json() => Write(_plain);

    [Benchmark]
    public long With_the_JSON_guard() => Write(_guarded);

    private long Write(JsonSerializerOptions options)
    {
        _buffer.SetLength(0);
        JsonSerializer.Serialize(_buffer, _parents, options);
        return _buffer.Length;
    }
}
