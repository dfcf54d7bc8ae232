using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using MvcJsonOptions = Microsoft.AspNetCore.Mvc.JsonOptions;

namespace Framework.AspNetCore.Json;

/// <summary>
/// Installs the JSON guard in the serializer options of minimal APIs and of MVC, after the application's own configuration
/// (a post-configuration), so that a resolver the application sets is guarded too.
/// </summary>
internal sealed class JsonGuardSetup : IPostConfigureOptions<HttpJsonOptions>, IPostConfigureOptions<MvcJsonOptions>
{
    private readonly IOptionsMonitor<JsonGuardOptions> _options;
    private readonly JsonGuard _guard;

    public JsonGuardSetup(IHttpContextAccessor accessor, IOptionsMonitor<JsonGuardOptions> options, ILoggerFactory loggers)
    {
        _options = options;
        _guard = new JsonGuard(() => accessor.HttpContext?.GetEndpoint(), () => options.CurrentValue.Policy, loggers.CreateLogger(Log.JsonGuardCategory));
    }

    public void PostConfigure(string? name, HttpJsonOptions options)
    {
        if (_options.CurrentValue.Enabled)
            _guard.Install(options.SerializerOptions);
    }

    public void PostConfigure(string? name, MvcJsonOptions options)
    {
        if (_options.CurrentValue.Enabled)
            _guard.Install(options.JsonSerializerOptions);
    }

    /// <summary>
    /// Whether the response about to be written must be held whole until the endpoint returns: a JSON body while the guard
    /// is on (under <see cref="JsonGuardPolicy.Omit"/> too, where an expired column still raises), unless the endpoint
    /// streams (returns an <see cref="IAsyncEnumerable{T}"/>), whose items are meant to leave as they come.
    /// </summary>
    internal static bool HoldsResponse(HttpContext context)
    {
        if (context.RequestServices.GetService(typeof(IOptions<JsonGuardOptions>)) is not IOptions<JsonGuardOptions> { Value.Enabled: true })
            return false;
        if (!IsJson(context.Response.ContentType))
            return false;
        var endpoint = context.GetEndpoint();
        var method = endpoint?.Metadata.GetMetadata<ControllerActionDescriptor>()?.MethodInfo ?? endpoint?.Metadata.GetMetadata<MethodInfo>();
        return method is null || !Streams(method.ReturnType);
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.Split(';')[0].EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static bool Streams(Type type)
    {
        while (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            if (definition == typeof(IAsyncEnumerable<>))
                return true;
            if (definition != typeof(Task<>) && definition != typeof(ValueTask<>) && definition != typeof(Microsoft.AspNetCore.Mvc.ActionResult<>))
                return false;
            type = type.GetGenericArguments()[0];
        }
        return false;
    }
}
