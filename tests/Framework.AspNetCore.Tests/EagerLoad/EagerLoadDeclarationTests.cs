using System.Reflection;
using System.Runtime.CompilerServices;
using Framework.AspNetCore.TestApp;
using Framework.Orm;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Framework.AspNetCore.Tests.EagerLoad;

/// <summary>What <c>.EagerLoad&lt;A&gt;(a =&gt; a.Bs)</c> checks when an endpoint is declared, and the shape it keeps.</summary>
public sealed class EagerLoadDeclarationTests
{
    [Fact]
    public async Task A_lambda_policy_of_a_type_that_is_not_an_entity_is_refused_where_it_is_declared()
    {
        await using var app = WebApplication.CreateSlimBuilder().Build();

        var refused = Assert.Throws<ArgumentException>(() => app.MapGroup("/x").EagerLoad<NewAuthor>(a => a.Name));

        Assert.Equal("TEntity", refused.ParamName);
        Assert.Contains(".EagerLoad<NewAuthor>: NewAuthor is not a mapped entity", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lambda_policy_of_a_column_is_refused_naming_the_call_and_the_relationships()
    {
        await using var app = WebApplication.CreateSlimBuilder().Build();

        var refused = Assert.Throws<ArgumentException>(() => app.MapGet("/x", () => "x").EagerLoad<Author>(a => a.Name, EagerLoadStrategy.Joined));

        Assert.Equal("relationship", refused.ParamName);
        Assert.Contains(".EagerLoad<Author>: Author.Name is not a relationship; the relationships of Author are Books.", refused.Message, StringComparison.Ordinal);
    }

    // ASP.NET Core's source generators (validation, request delegates) see the compilation without Framework's generated
    // code, where no entity implements IMapped<T>. A builder extension constrained to it fails to bind there, and when its
    // overloads return different builders the result has no type: the Map* calls made on it are skipped, and their bodies
    // go unvalidated. So no builder extension asks for it; the entity is checked when the call runs.
    [Fact]
    public void No_endpoint_builder_extension_asks_for_an_interface_that_only_generated_code_implements()
    {
        var constrained = typeof(EagerLoadEndpointConventionBuilderExtensions).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(m => m.IsGenericMethodDefinition && m.IsDefined(typeof(ExtensionAttribute)) && ExtendsABuilder(m))
            .Where(m => m.GetGenericArguments().SelectMany(a => a.GetGenericParameterConstraints()).Any(IsGenerated))
            .Select(m => $"{m.DeclaringType!.Name}.{m}")
            .ToList();

        Assert.Contains(typeof(EagerLoadEndpointConventionBuilderExtensions).GetMethods(), ExtendsABuilder);
        Assert.Empty(constrained);
    }

    private static bool ExtendsABuilder(MethodInfo method)
    {
        if (method.GetParameters() is not [var first, ..])
            return false;
        var type = first.ParameterType;
        var candidates = type.IsGenericParameter ? type.GetGenericParameterConstraints() : [type];
        return candidates.Any(c => typeof(IEndpointConventionBuilder).IsAssignableFrom(c) || typeof(IEndpointRouteBuilder).IsAssignableFrom(c));
    }

    private static bool IsGenerated(Type constraint) =>
        constraint == typeof(IMapped) || (constraint.IsGenericType && constraint.GetGenericTypeDefinition() == typeof(IMapped<>));
}
