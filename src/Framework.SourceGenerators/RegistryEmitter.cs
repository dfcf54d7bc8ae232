using System;
using System.Collections.Immutable;
using System.Linq;

namespace Framework.SourceGenerators;

/// <summary>
/// Writes what a [DeclarativeBase] class gets: its static <c>MetaData</c>, and the registry class beside it whose static
/// fields build the MetaData and then the mapper of every entity deriving from the base. Static fields initialize in
/// order and all at once, so touching the MetaData or any one mapper creates every table of the base.
/// </summary>
internal static class RegistryEmitter
{
    public static string Emit(BaseModel model, ImmutableArray<Registration> registrations)
    {
        var w = new CodeWriter().Header(model.Namespace);
        if (model.IsPartial)
        {
            w.OpenContainers(model.ContainingTypes);
            w.Open("partial class " + model.Name);
            w.Line("/// <summary>The tables of every [Table] class deriving from this class; create them with <c>MetaData.CreateAll</c>.</summary>");
            w.Line($"public static global::Framework.Sql.MetaData MetaData => {model.Registry}.MetaData;");
            w.Close().CloseContainers(model.ContainingTypes);
            w.Line();
        }
        w.Line($"/// <summary>The MetaData of <see cref=\"{model.FullName}\"/> and the mapper of each of its entities, built together on first use.</summary>");
        w.Open($"internal static class {model.RegistryName}");
        w.Line("public static readonly global::Framework.Sql.MetaData MetaData = new();");
        // Ordered by name, so the generated text does not depend on the order files are compiled in.
        foreach (var registration in registrations.Where(r => r.Registry == model.Registry).OrderBy(r => r.EntityFullName, StringComparer.Ordinal))
        {
            w.Line();
            w.Line($"public static readonly global::Framework.Orm.EntityMapper<{registration.EntityFullName}> {registration.Field} = "
                + $"{registration.EntityFullName}.__BuildMapper(MetaData);");
        }
        // Last: tables the base declares in its own static fields (an association table, new Table("name", MetaData, ...)),
        // so they are in the MetaData before anyone reads it or configures a relationship that names them.
        w.Line();
        w.Line("internal static readonly bool __baseStatics = RunBaseStatics();");
        w.Line();
        w.Open("private static bool RunBaseStatics()");
        w.Line($"global::System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof({model.FullName}).TypeHandle);");
        w.Line("return true;");
        w.Close();
        return w.Close().ToString();
    }
}
