using System.Text.Json;
using System.Text.Json.Serialization;

namespace Framework.Benchmarks.Http;

/// <summary>
/// What <c>GET /items/{id}</c> answers, whichever contender read the row: the same type and serializer for all three, so
/// the bodies are byte for byte the same and only the data access differs.
/// </summary>
public sealed record ItemResponse(int Id, string Name, decimal Price, DateTime Created);

/// <summary>System.Text.Json's generated serializer for <see cref="ItemResponse"/>, with ASP.NET Core's web defaults (camelCase).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ItemResponse))]
public sealed partial class HttpBenchJsonContext : JsonSerializerContext;
