namespace Framework.AspNetCore;

/// <summary>
/// The JSON guard's policy for an endpoint, a controller or an action, over <see cref="JsonGuardOptions.Policy"/>.
/// Minimal APIs: <c>.JsonGuard(JsonGuardPolicy.Omit)</c>.
/// </summary>
/// <param name="policy">What serialization does with an attribute that is not loaded.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class JsonGuardAttribute(JsonGuardPolicy policy) : Attribute
{
    /// <summary>What serialization does with an attribute that is not loaded.</summary>
    public JsonGuardPolicy Policy { get; } = policy;
}
