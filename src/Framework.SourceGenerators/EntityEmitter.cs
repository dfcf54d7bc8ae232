using System.Collections.Generic;
using Microsoft.CodeAnalysis.CSharp;

namespace Framework.SourceGenerators;

/// <summary>
/// Writes the generated part of a [Table] class: a backing field and an instrumented implementation for each column
/// property (getters report reads to the entity's state, setters record changes) and each relationship property (an
/// instrumented collection, or a reference whose writes are recorded), the mapper, IMapped, ToString (unless the user
/// wrote one), and AwaitableAttrs.
/// </summary>
internal static class EntityEmitter
{
    private const string State = "global::Framework.Orm.Internal.EntityState";
    private const string Mapper = "global::Framework.Orm.EntityMapper";
    private const string Orm = "global::Framework.Orm.";
    // The generator's contract with the runtime (Framework.Orm.Internal): what generated code alone calls.
    private const string Internal = "global::Framework.Orm.Internal.";
    private const string Instrumentation = Internal + "Instrumentation.";

    public static string Emit(EntityModel model)
    {
        var w = new CodeWriter().Header(model.Namespace).OpenContainers(model.ContainingTypes);
        var mapped = model.Mode == EmitMode.Mapped;
        var self = model.FullName;
        if (!mapped)
        {
            // The class cannot be mapped (the generator reported why); its properties still get plain implementations,
            // so its error is the only one.
            w.Open("partial class " + model.Name);
            for (var i = 0; i < model.Columns.Count; i++)
            {
                var column = model.Columns[i];
                PlainProperty(w, new PlainPropertyModel(column.Property, column.Field, null, "Not mapped: the class cannot be (see the error)."));
            }
            foreach (var relationship in model.Relationships)
            {
                PlainProperty(w, new PlainPropertyModel(relationship.Property, relationship.Field, RelationshipShape.PlainCollection(relationship.Kind, relationship.Target),
                    "Not mapped: the class cannot be (see the error)."));
            }
        }
        else
        {
            w.Open($"partial class {model.Name} : global::Framework.Orm.IMapped<{self}>");
            w.Line($"private {State}? __state;");
            w.Line();
            w.Line($"{State} global::Framework.Orm.IMapped.EntityState => __state ??= new {State}(this, __Mapper);");
            w.Line();
            w.Line($"static {Mapper}<{self}> global::Framework.Orm.IMapped<{self}>.Mapper => __Mapper;");
            w.Line();
            w.Line("/// <summary>The mapping of this class, built with every table of its declarative base.</summary>");
            w.Line($"internal static {Mapper}<{self}> __Mapper => {model.Registry ?? "null!"}.{model.RegistryField};");
            for (var i = 0; i < model.Columns.Count; i++)
                ColumnProperty(w, model.Columns[i], i);
            for (var r = 0; r < model.Relationships.Count; r++)
                RelationshipProperty(w, model.Relationships[r], model.Columns.Count + r);
        }
        foreach (var plain in model.PlainProperties)
            PlainProperty(w, plain);
        if (mapped)
        {
            BuildMapper(w, model);
            if (model.EmitToString)
            {
                w.Line();
                w.Line($"/// <summary>Its type and primary key by property name, or <c>{model.Name}(pending)</c> or <c>{model.Name}(transient)</c> before it has a key; loads nothing.</summary>");
                w.Line($"public override string ToString() => {Instrumentation}Describe(__Mapper, this, __state);");
            }
            AwaitableAttributes(w, model);
        }
        return w.Close().CloseContainers(model.ContainingTypes).ToString();
    }

    private static void ColumnProperty(CodeWriter w, ColumnModel column, int index)
    {
        var property = column.Property;
        w.Line();
        w.Line($"private {property.Type} {column.Field}{FieldInitializer(property)};");
        w.Line();
        w.Open($"{property.Modifiers} {property.Type} {property.Name}");
        foreach (var accessor in property.Accessors)
            TrackedAccessor(w, accessor, index, column.Field, column.Field, $"OnWrite({index})");
        w.Close();
    }

    /// <summary>
    /// An accessor that reports to the entity's state: a getter reports the read and returns <paramref name="read"/>; a
    /// setter makes the state if needed, calls <paramref name="record"/> on it, and stores the value in the field.
    /// </summary>
    private static void TrackedAccessor(CodeWriter w, AccessorModel accessor, int index, string field, string read, string record)
    {
        w.Open(Prefix(accessor.Modifiers) + accessor.Keyword);
        if (accessor.Keyword == "get")
        {
            w.Line($"__state?.OnRead({index});");
            w.Line($"return {read};");
        }
        else
        {
            w.Line($"(__state ??= new {State}(this, __Mapper)).{record};");
            w.Line($"{field} = value;");
        }
        w.Close();
    }

    private static void RelationshipProperty(CodeWriter w, RelationshipModel relationship, int index)
    {
        var property = relationship.Property;
        var field = relationship.Field;
        w.Line();
        w.Line($"private {FieldType(relationship)}? {field};");
        w.Line();
        w.Open($"{property.Modifiers} {property.Type} {property.Name}");
        foreach (var accessor in property.Accessors)
        {
            var prefix = Prefix(accessor.Modifiers) + accessor.Keyword;
            var get = accessor.Keyword == "get";
            switch (relationship.Kind)
            {
                case RelationshipKind.WriteOnly:
                    // A write-only collection is never loaded, so reading it reports nothing; a setter is an error (reported).
                    w.Line(prefix + (get
                        ? $" => {Collection(relationship, "this", index)};"
                        : $" => throw new global::System.NotSupportedException({Literal(property.Name + " is a write-only collection; use Add and Remove.")});"));
                    break;
                case RelationshipKind.Reference:
                    TrackedAccessor(w, accessor, index, field, field + (property.NonNullableReference ? "!" : ""), $"OnReferenceWrite({index}, {field}, value)");
                    break;
                default:
                    w.Open(prefix);
                    w.Line($"__state?.OnRead({index});");
                    w.Line(get ? $"return {Collection(relationship, "this", index)};" : $"{Instrumentation}Assign({Collection(relationship, "this", index)}, value);");
                    w.Close();
                    break;
            }
        }
        w.Close();
    }

    /// <summary>The backing field's type, without <c>?</c>: the instrumented collection, or the related class.</summary>
    private static string FieldType(RelationshipModel relationship) => relationship.Kind switch
    {
        RelationshipKind.List => $"{Orm}RelationshipList<{relationship.Target}>",
        RelationshipKind.Set => $"{Orm}RelationshipSet<{relationship.Target}>",
        RelationshipKind.WriteOnly => $"{Orm}WriteOnlyCollection<{relationship.Target}>",
        _ => relationship.Target,
    };

    /// <summary>A collection's field, made on first use: <c>__bs ??= Instrumentation.List&lt;B&gt;(owner, index)</c>.</summary>
    private static string Collection(RelationshipModel relationship, string owner, int index)
    {
        var factory = relationship.Kind switch
        {
            RelationshipKind.List => "List",
            RelationshipKind.Set => "Set",
            _ => "WriteOnly",
        };
        return $"{(owner == "this" ? "" : owner + ".")}{relationship.Field} ??= {Instrumentation}{factory}<{relationship.Target}>({owner}, {index})";
    }

    private static void PlainProperty(CodeWriter w, PlainPropertyModel plain)
    {
        var property = plain.Property;
        w.Line();
        foreach (var line in plain.Comment.Split('\n'))
            w.Line("// " + line);
        w.Line($"private {property.Type} {plain.Field}{(plain.Initializer is null ? FieldInitializer(property) : " = " + plain.Initializer)};");
        w.Line();
        w.Open($"{property.Modifiers} {property.Type} {property.Name}");
        foreach (var accessor in property.Accessors)
            w.Line(Prefix(accessor.Modifiers) + accessor.Keyword + (accessor.Keyword == "get" ? $" => {plain.Field};" : $" => {plain.Field} = value;"));
        w.Close();
    }

    private static void BuildMapper(CodeWriter w, EntityModel model)
    {
        var self = model.FullName;
        w.Line();
        w.Line("/// <summary>Builds the mapping of this class, adding its table to <paramref name=\"metadata\"/>; the registry of its declarative base calls it once.</summary>");
        w.Line($"internal static {Mapper}<{self}> __BuildMapper(global::Framework.Sql.MetaData metadata) =>");
        w.Line($"    {Instrumentation}Mapper<{self}>({Literal(model.TableName)}, metadata, {Factory(model)}, new {Orm}MappedColumn[]");
        w.Line("    {");
        foreach (var column in model.Columns)
        {
            w.Line($"        new {Internal}MappedColumn<{self}, {column.ValueType}>({Literal(column.Property.Name)}, {Column(column)}, "
                + $"static e => e.{column.Field}, static (e, v) => e.{column.Field} = v{Options(column)}, read: {Internal}ColumnReaders.{column.Reader}),");
        }
        if (model.Relationships.Count == 0)
        {
            w.Line("    }" + (model.EagerDefaults ? ", eagerDefaults: true);" : ");"));
            return;
        }
        w.Line($"    }}, new {Orm}MappedRelationship[]");
        w.Line("    {");
        for (var r = 0; r < model.Relationships.Count; r++)
        {
            var relationship = model.Relationships[r];
            var index = model.Columns.Count + r;
            var access = relationship.Kind == RelationshipKind.Reference
                ? $"static e => e.{relationship.Field}, static (e, v) => e.{relationship.Field} = v"
                : $"static e => {Collection(relationship, "e", index)}, null";
            var options = relationship.Options.Count == 0 ? "null" : $"new {Orm}RelationshipOptions {{ {string.Join(", ", relationship.Options)} }}";
            w.Line($"        new {Internal}MappedRelationship<{self}, {relationship.Target}>({Literal(relationship.Property.Name)}, {Orm}RelationshipKind.{relationship.Kind}, "
                + $"{access}, {options}),");
        }
        w.Line("    }" + (model.EagerDefaults ? ", eagerDefaults: true);" : ");"));
    }

    private static string Factory(EntityModel model) => model.CanInstantiate
        ? $"static () => new {model.FullName}()"
        : $"static () => throw new global::System.InvalidOperationException({Literal(model.Name + " cannot be instantiated; see the generator's error.")})";

    private static string Column(ColumnModel column)
    {
        var arguments = new List<string> { Literal(column.ColumnName) };
        if (column.SqlType is { } type)
            arguments.Add("type: " + type);
        if (column.PrimaryKey)
            arguments.Add("primaryKey: true");
        if (column.Nullable is { } nullable)
            arguments.Add("nullable: " + Bool(nullable));
        if (column.Unique)
            arguments.Add("unique: true");
        if (column.Index)
            arguments.Add("index: true");
        if (column.ServerDefault is { } serverDefault)
            arguments.Add("serverDefault: " + Literal(serverDefault));
        if (column.ForeignKey is { } foreignKey)
            arguments.Add("foreignKey: " + ForeignKey(foreignKey));
        if (column.Autoincrement is { } autoincrement)
            arguments.Add("autoincrement: " + Bool(autoincrement));
        if (column.DefaultValue is { } defaultValue)
            arguments.Add("defaultValue: " + defaultValue);
        return $"new global::Framework.Sql.Column<{column.ValueType}>({string.Join(", ", arguments)})";
    }

    private static string ForeignKey(ForeignKeyModel foreignKey)
    {
        var arguments = new List<string> { Literal(foreignKey.Target) };
        if (foreignKey.OnDelete is { } onDelete)
            arguments.Add("onDelete: " + Literal(onDelete));
        if (foreignKey.OnUpdate is { } onUpdate)
            arguments.Add("onUpdate: " + Literal(onUpdate));
        if (foreignKey.Deferrable)
            arguments.Add("deferrable: true");
        return $"new global::Framework.Sql.ForeignKey({string.Join(", ", arguments)})";
    }

    private static string Options(ColumnModel column)
    {
        var options = new List<string>();
        if (column.Deferred)
            options.Add("global::Framework.Orm.MappedColumnOptions.Deferred");
        if (column.Version)
            options.Add("global::Framework.Orm.MappedColumnOptions.Version");
        return options.Count == 0 ? "" : ", options: " + string.Join(" | ", options);
    }

    private static void AwaitableAttributes(CodeWriter w, EntityModel model)
    {
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Each mapped column and relationship as an awaitable that loads it first when it is not loaded (deferred, lazy,");
        w.Line("/// or expired by a commit or <c>Expire</c>), then gives its value: <c>await entity.AwaitableAttrs.Name</c>.");
        w.Line("/// </summary>");
        // Serializers must not walk it: each of its members starts a load, which would be hidden I/O in a response.
        w.Line("[global::System.Text.Json.Serialization.JsonIgnore]");
        w.Line("public AwaitableAttributes AwaitableAttrs => new(this);");
        w.Line();
        w.Line($"/// <summary>The mapped columns and relationships of <see cref=\"{model.FullName}\"/> as awaitables that load them when needed.</summary>");
        w.Open("public readonly struct AwaitableAttributes");
        w.Line($"private readonly {model.FullName} _entity;");
        w.Line();
        w.Line($"internal AwaitableAttributes({model.FullName} entity) => _entity = entity;");
        for (var i = 0; i < model.Columns.Count; i++)
        {
            var column = model.Columns[i];
            w.Line();
            w.Line($"/// <summary>The value of <c>{column.Property.Name}</c>, loaded first when it is not loaded.</summary>");
            w.Line($"public global::System.Threading.Tasks.ValueTask<{column.ValueType}> {column.Property.Name} => "
                + $"{State}.LoadAsync(_entity, {i}, static e => e.{column.Field});");
        }
        for (var r = 0; r < model.Relationships.Count; r++)
        {
            var relationship = model.Relationships[r];
            if (relationship.Kind == RelationshipKind.WriteOnly)
                continue; // never loaded
            var index = model.Columns.Count + r;
            var (type, read) = relationship.Kind == RelationshipKind.Reference
                ? (relationship.Target + "?", "e." + relationship.Field)
                : (relationship.Property.Type, $"({relationship.Property.Type})({Collection(relationship, "e", index)})");
            w.Line();
            w.Line($"/// <summary>The value of <c>{relationship.Property.Name}</c>, loaded first when it is not loaded.</summary>");
            w.Line($"public global::System.Threading.Tasks.ValueTask<{type}> {relationship.Property.Name} => {State}.LoadAsync(_entity, {index}, static e => {read});");
        }
        w.Close();
    }

    // A non-nullable reference field starts as null until the property is set or loaded, as an unloaded attribute is.
    private static string FieldInitializer(PropertySignature property) => property.NonNullableReference ? " = default!" : "";

    private static string Prefix(string modifiers) => modifiers.Length == 0 ? "" : modifiers + " ";

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);
}
