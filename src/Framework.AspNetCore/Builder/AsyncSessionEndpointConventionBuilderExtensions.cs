using System.Data;
using Framework.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Endpoint metadata for the request's unit of work, as <c>.RequireAuthorization()</c> is for authorization.</summary>
public static class AsyncSessionEndpointConventionBuilderExtensions
{
    /// <summary>The endpoint (or every endpoint of a group) manages its own transactions: no automatic commit or rollback.</summary>
    public static TBuilder WithoutAutoCommit<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new NoAutoCommitAttribute());

    /// <summary>The request's transactions run at <paramref name="level"/>.</summary>
    public static TBuilder WithIsolationLevel<TBuilder>(this TBuilder builder, IsolationLevel level) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new TransactionIsolationAttribute(level));
}
