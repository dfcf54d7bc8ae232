using Framework.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>The JSON guard's policy as endpoint metadata.</summary>
public static class JsonGuardEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Serializing this endpoint's response (or every endpoint's of a group) handles an attribute that is not loaded by
    /// <paramref name="policy"/>, over <see cref="JsonGuardOptions.Policy"/>.
    /// </summary>
    public static TBuilder JsonGuard<TBuilder>(this TBuilder builder, JsonGuardPolicy policy) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new JsonGuardAttribute(policy));
}
