using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace Framework.SourceGenerators;

/// <summary>
/// The checks of an entity against every table of the compilation: its foreign keys' targets, its table's name, and
/// that a foreign key joins the tables of each of its relationships.
/// </summary>
internal static class CrossChecks
{
    public static IEnumerable<DiagnosticInfo> Run(EntityChecks entity, ImmutableArray<TableShape> tables)
    {
        if (entity.Registry is not null
            && tables.FirstOrDefault(t => t.Registry == entity.Registry && t.Name == entity.TableName && t.EntityFullName != entity.EntityFullName) is { } twin)
        {
            yield return DiagnosticInfo.Create(Diagnostics.DuplicateTable, entity.Location, entity.Entity, entity.TableName, Simple(twin.EntityFullName));
        }
        foreach (var foreignKey in entity.ForeignKeys)
        {
            if (Problem(foreignKey.Target, tables) is { } problem)
                yield return DiagnosticInfo.Create(Diagnostics.UnknownForeignKeyTarget, foreignKey.Location, foreignKey.Entity, foreignKey.Property, foreignKey.Target, problem);
        }
        foreach (var relationship in entity.Relationships)
        {
            if (JoinProblem(entity, relationship, tables, out var ownTable, out var targetTable) is { } problem)
                yield return DiagnosticInfo.Create(Diagnostics.NoJoin, relationship.Location, relationship.Entity, relationship.Property, ownTable, targetTable, problem);
        }
    }

    /// <summary>Why no foreign key can join a relationship's tables, or null when one can (or the generator cannot tell).</summary>
    private static string? JoinProblem(EntityChecks entity, RelationshipReference relationship, ImmutableArray<TableShape> tables,
        out string ownTable, out string targetTable)
    {
        var own = tables.FirstOrDefault(t => t.EntityFullName == entity.EntityFullName);
        var target = tables.FirstOrDefault(t => t.EntityFullName == relationship.TargetFullName);
        ownTable = own?.Name ?? "";
        targetTable = target?.Name ?? "";
        if (own is null || target is null)
            return null;
        if (relationship.Secondary is { } secondaryName)
        {
            // An association table is usually declared at run time (new Table("name", Base.MetaData, ...)): only a mapped one is checked.
            var secondary = tables.FirstOrDefault(t => t.Registry == own.Registry && t.Name == secondaryName);
            var missing = secondary is null ? [] : new[] { own.Name, target.Name }.Distinct().Where(n => !secondary.ReferencedTables.Contains(n)).ToList();
            return missing.Count == 0
                ? null
                : $"its association table '{secondaryName}' has no [ForeignKey] to '{string.Join("' or '", missing)}'; add one for each side";
        }
        if (own.ReferencedTables.Contains(target.Name) || target.ReferencedTables.Contains(own.Name))
            return null;
        return $"no [ForeignKey] of either refers to the other; add one, e.g. [ForeignKey(\"{own.Name}.id\")] on a property of '{Simple(target.EntityFullName)}', "
            + "or name an association table with [Relationship(Secondary = \"...\")]";
    }

    /// <summary>The table a foreign-key target names: what comes before its last dot.</summary>
    public static string TargetTable(string target) => target.LastIndexOf('.') is var dot and > 0 ? target.Substring(0, dot) : target;

    /// <summary>What is wrong with a target, or null when a [Table] class maps it. Split as the runtime splits it: at the last dot.</summary>
    private static string? Problem(string target, ImmutableArray<TableShape> tables)
    {
        var dot = target.LastIndexOf('.');
        if (dot <= 0 || dot == target.Length - 1)
            return "a target is written \"table.column\"";
        var tableName = target.Substring(0, dot);
        var columnName = target.Substring(dot + 1);
        var table = tables.FirstOrDefault(t => t.Name == tableName);
        if (table is null)
        {
            var known = tables.Select(t => t.Name).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();
            return $"no [Table] class in this project maps a table named '{tableName}'"
                + (known.Count == 0 ? "" : $" (the tables: {string.Join(", ", known)})");
        }
        return table.Columns.Contains(columnName)
            ? null
            : $"table '{tableName}' has no column '{columnName}' (its columns: {string.Join(", ", table.Columns)})";
    }

    private static string Simple(string fullName) => fullName.Substring(fullName.LastIndexOf('.') + 1);
}
