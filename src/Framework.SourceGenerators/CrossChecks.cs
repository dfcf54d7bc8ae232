using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace Framework.SourceGenerators;

/// <summary>The checks of an entity against every table of the compilation: its foreign keys' targets, and its table's name.</summary>
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
    }

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
