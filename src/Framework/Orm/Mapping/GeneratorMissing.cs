using System.ComponentModel;
using Framework.Sql;

namespace Framework.Orm;

/// <summary>
/// Stands in for the <c>MetaData</c> the source generator gives each <see cref="DeclarativeBaseAttribute"/> class, so
/// that a project compiled without the generator fails with FWK1100, which names the fix, besides the compiler's CS9248
/// ("partial property must have an implementation part") on every entity property, which does not. A project that
/// references <c>src/Framework/Framework.csproj</c> with a bare ProjectReference is such a project: nothing of
/// Framework's build reaches it, and no analyzer comes with a project reference.
/// </summary>
/// <remarks>
/// C# binds a type's own static member before any extension member, so once the generator has declared
/// <c>Base.MetaData</c> this one is never bound; without it, <c>Base.MetaData</c> binds here and the obsolete error
/// carries the message.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratorMissing
{
    private const string Message =
        "MetaData is declared on a [DeclarativeBase] class by Framework's source generator, which did not run for this project. "
        + "The Framework package brings it; with a ProjectReference to src/Framework/Framework.csproj, add beside it "
        + "<ProjectReference Include=\".../src/Framework.SourceGenerators/Framework.SourceGenerators.csproj\" OutputItemType=\"Analyzer\" ReferenceOutputAssembly=\"false\" />. "
        + "(Where the generator does run, this class is not a partial [DeclarativeBase] class: see its FWK error.)";

    /// <summary>The generic receiver of the stand-in.</summary>
    /// <typeparam name="T">Any type lacking a <c>MetaData</c> of its own.</typeparam>
    extension<T>(T)
    {
        /// <summary>Never bound where the generator runs; a compile error (FWK1100) elsewhere.</summary>
        [Obsolete(Message, error: true, DiagnosticId = "FWK1100")]
        [EditorBrowsable(EditorBrowsableState.Never)]
        public static MetaData MetaData => throw new InvalidOperationException(Message);
    }
}
