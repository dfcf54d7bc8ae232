using System.Text.Json;
using Framework.AspNetCore.Json;
using Microsoft.Extensions.Logging.Abstractions;

namespace Framework.AspNetCore;

/// <summary>The JSON guard on serializer options of your own (a message bus, a cache, a test), outside the web layer's.</summary>
public static class JsonGuardSerializerOptionsExtensions
{
    /// <summary>
    /// Guards <paramref name="options"/>: serializing a mapped entity never reads an attribute that is not loaded, and handles
    /// it by <paramref name="policy"/> (<see cref="JsonGuardPolicy.Raise"/> throws a <see cref="LazyLoadException"/>). Call
    /// it before the options are first used. <c>AddAsyncEngine</c> does this for the options of minimal APIs and MVC.
    /// </summary>
    public static JsonSerializerOptions UseJsonGuard(this JsonSerializerOptions options, JsonGuardPolicy policy = JsonGuardPolicy.Raise)
    {
        ArgumentNullException.ThrowIfNull(options);
        new JsonGuard(static () => null, () => policy, NullLogger.Instance).Install(options);
        return options;
    }
}
