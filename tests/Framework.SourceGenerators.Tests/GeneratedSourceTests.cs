using System.Reflection;
using System.Runtime.Loader;
using Framework.Orm;
using Framework.Sql;
using Microsoft.CodeAnalysis;

namespace Framework.SourceGenerators.Tests;

public class GeneratedSourceTests
{
    internal const string Usings = """
        using System;
        using System.Collections.Generic;
        using Framework.Orm;
        using Framework.Sql;

        namespace NS;

        [DeclarativeBase] public abstract partial class Base { }

        """;

    private static string Entity(string members, string table = "t", string name = "E") => Usings + $$"""
        [Table("{{table}}")]
        public partial class {{name}} : Base
        {
            [PrimaryKey] public partial int Id { get; set; }
        {{members}}
        }
        """;

    private const string SqlTypePrefix = "global::Framework.Sql.SqlType.";

    /// <summary>The <c>new Column&lt;...&gt;(...)</c> the mapper of E builds for a property.</summary>
    private static string ColumnOf(GeneratorHarness.Run run, string property, string entity = "E")
    {
        var line = run.Source($"NS.{entity}.g.cs").Split('\n').Single(l => l.Contains($"MappedColumn<global::NS.{entity},", StringComparison.Ordinal)
            && l.Contains($"(\"{property}\", ", StringComparison.Ordinal));
        var start = line.IndexOf("new global::Framework.Sql.Column<", StringComparison.Ordinal);
        var end = line.IndexOf("), static e =>", StringComparison.Ordinal);
        return line[start..(end + 1)];
    }

    [Fact]
    public void Synopsis_entities_compile_against_Framework_without_any_diagnostic()
    {
        var run = GeneratorHarness.Generate(Samples.Synopsis);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilerDiagnostics);
        Assert.Equal(["NS.A.g.cs", "NS.B.g.cs", "NS.Base.g.cs"], run.HintNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Generated_entity_and_registry_match_their_baselines()
    {
        var run = GeneratorHarness.Generate(Usings + """
            [Table("b")]
            public partial class B : Base
            {
                [PrimaryKey] public partial int Id { get; set; }
                [ForeignKey("b.id", OnDelete = "CASCADE")] public partial int? ParentId { get; set; }
            }
            """);

        Assert.Empty(run.CompilerDiagnostics);
        Baselines.Verify("EntityAndRegistry.B.g.cs.txt", run.Source("NS.B.g.cs"));
        Baselines.Verify("EntityAndRegistry.Base.g.cs.txt", run.Source("NS.Base.g.cs"));
    }

    /// <summary>The typed reader the mapper of E gives a property: what follows <c>read: </c> on its line.</summary>
    private static string ReaderOf(GeneratorHarness.Run run, string property)
    {
        var line = run.Source("NS.E.g.cs").Split('\n').Single(l => l.Contains("MappedColumn<global::NS.E,", StringComparison.Ordinal)
            && l.Contains($"(\"{property}\", ", StringComparison.Ordinal));
        var start = line.IndexOf("read: global::Framework.Orm.Internal.ColumnReaders.", StringComparison.Ordinal) + "read: global::Framework.Orm.Internal.ColumnReaders.".Length;
        return line[start..line.LastIndexOf("),", StringComparison.Ordinal)];
    }

    [Fact]
    public void Each_column_is_read_by_the_typed_reader_of_its_property_type()
    {
        var run = GeneratorHarness.Generate(Usings.Replace("using System;", "using System;\nusing System.Text.Json;\nusing System.Text.Json.Nodes;", StringComparison.Ordinal) + """
            public enum Mood { Sad, Happy }

            [Table("t")]
            public partial class E : Base
            {
                [PrimaryKey] public partial int Id { get; set; }
                public partial long Count { get; set; }
                public partial int? Rank { get; set; }
                public partial DateTime? Seen { get; set; }
                public partial string Name { get; set; }
                public partial string? Nickname { get; set; }
                public partial byte[]? Photo { get; set; }
                public partial Mood Mood { get; set; }
                public partial Mood? Previous { get; set; }
                public partial int[] Scores { get; set; }
                public partial string[]? Tags { get; set; }
                public partial Mood[] Moods { get; set; }
                public partial JsonElement Data { get; set; }
                public partial JsonNode? Extra { get; set; }
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilerDiagnostics);
        (string Property, string Reader)[] expected =
        [
            ("Id", "Value<int>"), ("Count", "Value<long>"), ("Rank", "NullableValue<int>"), ("Seen", "NullableValue<global::System.DateTime>"),
            ("Name", "Reference<string>"), ("Nickname", "Reference<string>"), ("Photo", "Reference<byte[]>"),
            ("Mood", "Enum<global::NS.Mood>"), ("Previous", "NullableEnum<global::NS.Mood>"),
            // Arrays and JSON arrive as the driver reads them (a PostgreSQL enum array as string[], JSON as text on SQLite): converted.
            ("Scores", "Converted<int[]>"), ("Tags", "Converted<string[]?>"), ("Moods", "Converted<global::NS.Mood[]>"),
            ("Data", "Converted<global::System.Text.Json.JsonElement>"), ("Extra", "Converted<global::System.Text.Json.Nodes.JsonNode?>"),
        ];
        Assert.Equal(expected, expected.Select(e => (e.Property, ReaderOf(run, e.Property))));
    }

    [Fact]
    public void Synopsis_columns_carry_their_names_types_constraints_and_options()
    {
        var run = GeneratorHarness.Generate(Samples.Synopsis);
        var a = run.Source("NS.A.g.cs");

        Assert.Equal("new global::Framework.Sql.Column<int>(\"id\", primaryKey: true)", ColumnOf(run, "Id", "A"));
        Assert.Equal("new global::Framework.Sql.Column<string?>(\"data\", nullable: true)", ColumnOf(run, "Data", "A"));
        Assert.Equal("new global::Framework.Sql.Column<global::System.DateTime>(\"create_date\", nullable: false, serverDefault: \"CURRENT_TIMESTAMP\")",
            ColumnOf(run, "CreateDate", "A"));
        Assert.Equal("new global::Framework.Sql.Column<string>(\"x\", type: global::Framework.Sql.SqlType.String(50), nullable: false, unique: true)",
            ColumnOf(run, "Name", "A"));
        Assert.Equal("new global::Framework.Sql.Column<int>(\"count\", nullable: false, defaultValue: (int)(5))", ColumnOf(run, "Count", "A"));
        Assert.Contains("static e => e.__notes, static (e, v) => e.__notes = v, options: global::Framework.Orm.MappedColumnOptions.Deferred, read: ", a, StringComparison.Ordinal);
        Assert.Contains("static e => e.__version, static (e, v) => e.__version = v, options: global::Framework.Orm.MappedColumnOptions.Version, read: ", a, StringComparison.Ordinal);
        Assert.Contains("}, eagerDefaults: true);", a, StringComparison.Ordinal);
        Assert.Equal("new global::Framework.Sql.Column<int?>(\"a_id\", nullable: true, foreignKey: new global::Framework.Sql.ForeignKey(\"a.id\", onDelete: \"CASCADE\"))",
            ColumnOf(run, "AId", "B"));
    }

    [Fact]
    public void Each_column_property_reports_reads_and_writes_with_its_index_among_mapped_columns()
    {
        var a = GeneratorHarness.Generate(Samples.Synopsis).Source("NS.A.g.cs");

        // Name is the fourth mapped column (OnRead(3), OnWrite(3)); Count the seventh, so its awaitable loads attribute 6;
        // Bs, a relationship, comes after all of them (7).
        Baselines.Verify("Synopsis.A.g.cs.txt", a);
    }

    [Theory]
    [InlineData("CreateDate", "create_date")]
    [InlineData("AId", "a_id")]
    [InlineData("HTTPCode", "http_code")]
    [InlineData("Item2", "item2")]
    [InlineData("Item2Name", "item2_name")]
    [InlineData("UserID", "user_id")]
    [InlineData("Id", "id")]
    [InlineData("already_snake", "already_snake")]
    [InlineData("My_Value", "my_value")]
    public void Column_names_are_the_snake_case_of_property_names(string property, string column) =>
        Assert.Equal(column, Naming.SnakeCase(property));

    [Fact]
    public void Nullability_follows_the_property_type_unless_Column_Nullable_is_given()
    {
        var run = GeneratorHarness.Generate(Entity("""
                public partial string Text { get; set; }
                public partial string? MaybeText { get; set; }
                public partial int Number { get; set; }
                public partial int? MaybeNumber { get; set; }
                [Column(Nullable = true)] public partial string ForcedNullable { get; set; }
                [Column(Nullable = false)] public partial string? ForcedNotNull { get; set; }
            """));

        Assert.Empty(run.CompilerDiagnostics);
        Assert.Equal("new global::Framework.Sql.Column<int>(\"id\", primaryKey: true)", ColumnOf(run, "Id"));
        Assert.Equal("new global::Framework.Sql.Column<string>(\"text\", nullable: false)", ColumnOf(run, "Text"));
        Assert.Equal("new global::Framework.Sql.Column<string?>(\"maybe_text\", nullable: true)", ColumnOf(run, "MaybeText"));
        Assert.Equal("new global::Framework.Sql.Column<int>(\"number\", nullable: false)", ColumnOf(run, "Number"));
        Assert.Equal("new global::Framework.Sql.Column<int?>(\"maybe_number\", nullable: true)", ColumnOf(run, "MaybeNumber"));
        Assert.Equal("new global::Framework.Sql.Column<string>(\"forced_nullable\", nullable: true)", ColumnOf(run, "ForcedNullable"));
        Assert.Equal("new global::Framework.Sql.Column<string?>(\"forced_not_null\", nullable: false)", ColumnOf(run, "ForcedNotNull"));
    }

    [Fact]
    public void Key_columns_are_never_nullable_and_pass_Autoincrement_when_given()
    {
        var run = GeneratorHarness.Generate(Usings + """
            [Table("k")]
            public partial class E : Base
            {
                [PrimaryKey(Autoincrement = false)] public partial long Id { get; set; }
                [PrimaryKey] public partial string? Code { get; set; }
            }
            """);

        Assert.Empty(run.CompilerDiagnostics);
        Assert.Equal("new global::Framework.Sql.Column<long>(\"id\", primaryKey: true, autoincrement: false)", ColumnOf(run, "Id"));
        Assert.Equal("new global::Framework.Sql.Column<string?>(\"code\", primaryKey: true)", ColumnOf(run, "Code"));
    }

    [Fact]
    public void Sql_types_are_stated_where_the_property_type_alone_does_not_give_them()
    {
        var run = GeneratorHarness.Generate(Entity("""
                public partial System.Text.Json.JsonElement Element { get; set; }
                public partial System.Text.Json.JsonDocument? Document { get; set; }
                public partial System.Text.Json.Nodes.JsonNode? Node { get; set; }
                public partial byte[]? Bytes { get; set; }
                [Column(Precision = 10, Scale = 2)] public partial decimal Price { get; set; }
                [Column(Timezone = true)] public partial DateTime At { get; set; }
                [Column(Type = SqlTypeKind.Text)] public partial string Body { get; set; }
                [Column(Type = SqlTypeKind.Numeric, Precision = 5)] public partial double Ratio { get; set; }
                public partial Guid Key { get; set; }
                public partial DateTimeOffset When { get; set; }
                public partial DateOnly Day { get; set; }
                public partial TimeOnly Time { get; set; }
                public partial TimeSpan Span { get; set; }
                public partial bool Flag { get; set; }
                public partial ulong Huge { get; set; }
                public partial float Single { get; set; }
            """));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilerDiagnostics);
        Assert.Contains($"type: {SqlTypePrefix}Json", ColumnOf(run, "Element"), StringComparison.Ordinal);
        Assert.Contains($"type: {SqlTypePrefix}Json", ColumnOf(run, "Document"), StringComparison.Ordinal);
        Assert.Contains($"type: {SqlTypePrefix}Json", ColumnOf(run, "Node"), StringComparison.Ordinal);
        Assert.Equal("new global::Framework.Sql.Column<byte[]?>(\"bytes\", nullable: true)", ColumnOf(run, "Bytes"));
        Assert.Contains($"type: {SqlTypePrefix}Numeric(10, 2)", ColumnOf(run, "Price"), StringComparison.Ordinal);
        Assert.Contains($"type: {SqlTypePrefix}DateTime(timezone: true)", ColumnOf(run, "At"), StringComparison.Ordinal);
        Assert.Contains($"type: {SqlTypePrefix}Text", ColumnOf(run, "Body"), StringComparison.Ordinal);
        Assert.Contains($"type: {SqlTypePrefix}Numeric(5)", ColumnOf(run, "Ratio"), StringComparison.Ordinal);
        foreach (var inferred in new[] { "Key", "When", "Day", "Time", "Span", "Flag", "Huge", "Single" })
            Assert.DoesNotContain("type:", ColumnOf(run, inferred), StringComparison.Ordinal);
    }

    private const string Enums = """
        namespace NS;
        public enum Color { Red, Green }
        public enum Big : long { One = 1 }
        public enum Small : byte { One = 1 }
        """;

    // Enums and arrays of every kind the runtime maps, with the explicit types that fit them.
    private const string EnumAndArrayMembers = """
            public partial Color Color { get; set; }
            public partial Big? Big { get; set; }
            public partial Small Small { get; set; }
            [Column(Type = SqlTypeKind.Enum)] public partial Color Explicit { get; set; }
            [Column(Type = SqlTypeKind.String)] public partial Color Named { get; set; }
            [Column(Type = SqlTypeKind.Text)] public partial Color? Texted { get; set; }
            public partial int[] Numbers { get; set; }
            public partial string?[]? Tags { get; set; }
            public partial int?[] Maybe { get; set; }
            public partial Color[] Colors { get; set; }
            public partial Guid[]? Keys { get; set; }
            public partial System.Text.Json.JsonDocument[]? Documents { get; set; }
            [Column(Type = SqlTypeKind.Array)] public partial long[] Longs { get; set; }
            [Column(Type = SqlTypeKind.Json)] public partial int[] AsJson { get; set; }
        """;

    [Fact]
    public void Enums_and_arrays_leave_their_sql_type_to_Column_inference()
    {
        var run = GeneratorHarness.Generate(Enums, Entity(EnumAndArrayMembers));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilerDiagnostics);
        Assert.Equal("new global::Framework.Sql.Column<global::NS.Color>(\"color\", nullable: false)", ColumnOf(run, "Color"));
        Assert.Equal("new global::Framework.Sql.Column<global::NS.Big?>(\"big\", nullable: true)", ColumnOf(run, "Big"));
        Assert.Equal("new global::Framework.Sql.Column<int[]>(\"numbers\", nullable: false)", ColumnOf(run, "Numbers"));
        Assert.Equal("new global::Framework.Sql.Column<string?[]?>(\"tags\", nullable: true)", ColumnOf(run, "Tags"));
        foreach (var inferred in new[] { "Small", "Explicit", "Maybe", "Colors", "Keys", "Documents", "Longs" })
            Assert.DoesNotContain("type:", ColumnOf(run, inferred), StringComparison.Ordinal);
        Assert.Contains($"type: {SqlTypePrefix}String()", ColumnOf(run, "Named"), StringComparison.Ordinal);
        Assert.Contains($"type: {SqlTypePrefix}Text", ColumnOf(run, "Texted"), StringComparison.Ordinal);
        Assert.Contains($"type: {SqlTypePrefix}Json", ColumnOf(run, "AsJson"), StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_are_written_as_values_of_the_property_type()
    {
        var run = GeneratorHarness.Generate("""
            namespace NS;
            public enum Color { Red, Green }
            """, Entity("""
                [Default(5)] public partial long Big { get; set; }
                [Default(1.5)] public partial decimal Price { get; set; }
                [Default(-1)] public partial short? Negative { get; set; }
                [Default("n/a")] public partial string Text { get; set; }
                [Default(Color.Green)] public partial Color Color { get; set; }
                [Default(true)] public partial bool Flag { get; set; }
                [Default(null)] public partial string? Nothing { get; set; }
                [Column(Unique = true, Index = true), Default(2.5f)] public partial float Ratio { get; set; }
            """));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilerDiagnostics);
        Assert.EndsWith("defaultValue: (long)(5))", ColumnOf(run, "Big"), StringComparison.Ordinal);
        Assert.EndsWith("defaultValue: (decimal)(1.5D))", ColumnOf(run, "Price"), StringComparison.Ordinal);
        Assert.EndsWith("defaultValue: (short)(-1))", ColumnOf(run, "Negative"), StringComparison.Ordinal);
        Assert.EndsWith("defaultValue: (string)(\"n/a\"))", ColumnOf(run, "Text"), StringComparison.Ordinal);
        Assert.EndsWith("defaultValue: (global::NS.Color)((global::NS.Color)(1)))", ColumnOf(run, "Color"), StringComparison.Ordinal);
        Assert.EndsWith("defaultValue: (bool)(true))", ColumnOf(run, "Flag"), StringComparison.Ordinal);
        Assert.DoesNotContain("defaultValue", ColumnOf(run, "Nothing"), StringComparison.Ordinal);
        Assert.Equal("new global::Framework.Sql.Column<float>(\"ratio\", nullable: false, unique: true, index: true, defaultValue: (float)(2.5F))", ColumnOf(run, "Ratio"));
    }

    [Fact]
    public void Implementations_repeat_the_declared_modifiers_and_accessors()
    {
        var run = GeneratorHarness.Generate(Entity("""
                public partial string Fixed { get; private set; }
                public partial string Once { get; init; }
                internal partial int Internal { get; set; }
                public virtual partial int Overridable { get; protected set; }
                public partial int ReadOnly { get; }
                public required partial string? Needed { get; set; }

                [System.Diagnostics.CodeAnalysis.SetsRequiredMembers] public E() { }
            """));
        var e = run.Source("NS.E.g.cs");

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilerDiagnostics);
        Assert.Contains("public partial string Fixed\n    {\n        get\n", e, StringComparison.Ordinal);
        Assert.Contains("        private set\n", e, StringComparison.Ordinal);
        Assert.Contains("        init\n", e, StringComparison.Ordinal);
        Assert.Contains("internal partial int Internal\n", e, StringComparison.Ordinal);
        Assert.Contains("public virtual partial int Overridable\n", e, StringComparison.Ordinal);
        Assert.Contains("        protected set\n", e, StringComparison.Ordinal);
        Assert.Contains("public required partial string? Needed\n", e, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_properties_and_implemented_partial_properties_stay_unmapped()
    {
        var run = GeneratorHarness.Generate(Entity("""
                public partial string? Mapped { get; set; }
                public string Plain { get; set; } = "";
                public int Computed => Id * 2;
                public static partial int Shared { get; set; }
                public static partial int Shared { get => 1; set { } }
            """));
        var e = run.Source("NS.E.g.cs");

        Assert.Empty(run.CompilerDiagnostics);
        Assert.Contains("(\"Mapped\", ", e, StringComparison.Ordinal);
        Assert.DoesNotContain("Plain", e, StringComparison.Ordinal);
        Assert.DoesNotContain("Computed", e, StringComparison.Ordinal);
        Assert.DoesNotContain("Shared", e, StringComparison.Ordinal);
    }

    [Fact]
    public void Backing_fields_never_take_a_name_the_class_or_the_generated_code_uses()
    {
        var run = GeneratorHarness.Generate(Entity("""
                public partial string? State { get; set; }
                private int __value;
                public partial int Value { get; set; }
                public partial int Value { get => __value; set => __value = value; }
                public partial int Other { get; set; }
                private int __other = 1;
                public int Read() => __other;
            """));
        var e = run.Source("NS.E.g.cs");

        Assert.Empty(run.CompilerDiagnostics);
        Assert.Contains("private string? __state_;", e, StringComparison.Ordinal);
        Assert.Contains("private int __other_;", e, StringComparison.Ordinal);
    }

    [Fact]
    public void Entities_anywhere_in_the_project_register_with_their_base()
    {
        var run = GeneratorHarness.Generate(
            """
            using Framework.Orm;
            namespace Model;
            [DeclarativeBase] public abstract partial class Base { }
            """,
            """
            using Framework.Orm;
            namespace Model.Sales;
            public static partial class Outer
            {
                [Table("inner")] public partial class Inner : Model.Base { [PrimaryKey] public partial int Id { get; set; } }
            }
            [Table("order")] public partial class Order : Model.Base { [PrimaryKey] public partial int Id { get; set; } }
            """,
            """
            using Framework.Orm;
            [DeclarativeBase] public abstract partial class GlobalBase { }
            [Table("top")] public partial class Top : GlobalBase { [PrimaryKey] public partial int Id { get; set; } }
            """);
        var registry = run.Source("Model.Base.g.cs");

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilerDiagnostics);
        Assert.Contains("partial class Outer\n{\n    partial class Inner : global::Framework.Orm.IMapped<global::Model.Sales.Outer.Inner>", run.Source("Model.Sales.Outer.Inner.g.cs"), StringComparison.Ordinal);
        Assert.Contains("public static readonly global::Framework.Orm.EntityMapper<global::Model.Sales.Outer.Inner> Model_Sales_Outer_Inner = global::Model.Sales.Outer.Inner.__BuildMapper(MetaData);",
            registry, StringComparison.Ordinal);
        Assert.Contains("public static readonly global::Framework.Orm.EntityMapper<global::Model.Sales.Order> Model_Sales_Order = ", registry, StringComparison.Ordinal);
        Assert.DoesNotContain("Top", registry, StringComparison.Ordinal);
        Assert.Contains("internal static class __FrameworkModel_GlobalBase", run.Source("GlobalBase.g.cs"), StringComparison.Ordinal);
        Assert.DoesNotContain("namespace", run.Source("Top.g.cs"), StringComparison.Ordinal);
    }

    /// <summary>Compiles the run's output, loads it apart, and gives <paramref name="test"/> the assembly and its base's MetaData.</summary>
    internal static void RunGenerated(GeneratorHarness.Run run, Action<Assembly, MetaData> test)
    {
        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));

        var context = new AssemblyLoadContext("generated", isCollectible: true);
        try
        {
            image.Position = 0;
            var assembly = context.LoadFromStream(image);
            test(assembly, (MetaData)assembly.GetType("NS.Base")!.GetProperty("MetaData", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!);
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void Generated_code_builds_the_MetaData_and_instruments_setters_at_run_time() =>
        RunGenerated(GeneratorHarness.Generate(Samples.Synopsis), (assembly, metadata) =>
        {
            Assert.Equal(["a", "b"], metadata.Tables.Keys.Order(StringComparer.Ordinal));
            var a = metadata.Tables["a"];
            Assert.Equal(["id", "data", "create_date", "x", "notes", "version", "count"], a.C.Select(c => c.Name));
            Assert.True(a.C["id"].PrimaryKey);
            Assert.True(a.C["data"].Nullable);
            Assert.False(a.C["x"].Nullable);
            Assert.Equal(SqlType.String(50), a.C["x"].Type);
            Assert.Equal("CURRENT_TIMESTAMP", a.C["create_date"].ServerDefault);
            Assert.True(a.C["count"].HasClientDefault);
            Assert.Equal("a", metadata.Tables["b"].C["a_id"].ForeignKey!.TargetTable);

            var entity = Activator.CreateInstance(assembly.GetType("NS.A")!)!;
            entity.GetType().GetProperty("Data")!.SetValue(entity, "x");
            Assert.Equal("x", entity.GetType().GetProperty("Data")!.GetValue(entity));
            var state = Inspection.Inspect(entity);
            Assert.Equal(InstanceStatus.Transient, state.Status);
            Assert.True(state["Data"].IsModified);
        });

    [Fact]
    public void Generated_enum_and_array_columns_get_the_types_Column_infers_at_run_time() =>
        RunGenerated(GeneratorHarness.Generate(Enums, Entity(EnumAndArrayMembers)), (assembly, metadata) =>
        {
            var t = metadata.Tables["t"];
            var color = assembly.GetType("NS.Color")!;

            Assert.Equal(SqlType.Enum(color), t.C["color"].Type);
            Assert.Equal(SqlType.Enum(color), t.C["explicit"].Type);
            Assert.Equal(SqlType.Enum(assembly.GetType("NS.Big")!), t.C["big"].Type);
            Assert.True(t.C["big"].Nullable);
            Assert.Equal(SqlType.String(), t.C["named"].Type);
            Assert.Equal(SqlType.Text, t.C["texted"].Type);
            Assert.Equal(SqlType.Array(SqlType.Integer), t.C["numbers"].Type);
            Assert.Equal(SqlType.Array(SqlType.String()), t.C["tags"].Type);
            Assert.Equal(SqlType.Array(SqlType.Integer), t.C["maybe"].Type);
            Assert.Equal(SqlType.Array(SqlType.Enum(color)), t.C["colors"].Type);
            Assert.Equal(SqlType.Array(SqlType.Guid), t.C["keys"].Type);
            Assert.Equal(SqlType.Array(SqlType.Json), t.C["documents"].Type);
            Assert.Equal(SqlType.Array(SqlType.BigInteger), t.C["longs"].Type);
            Assert.Equal(SqlType.Json, t.C["as_json"].Type);
        });

    [Fact]
    public void Entities_in_code_without_nullable_annotations_compile_without_warnings()
    {
        var run = GeneratorHarness.Generate(Usings.Replace("using System;", "#nullable disable\nusing System;", StringComparison.Ordinal) + """
            [Table("o")]
            public partial class Oblivious : Base
            {
                [PrimaryKey] public partial int Id { get; set; }
                public partial string Name { get; set; }
                public partial int? Count { get; set; }
                [ForeignKey("o.id")] public partial int? ParentId { get; set; }
                public partial IList<Oblivious> Children { get; set; }
                public partial Oblivious Parent { get; set; }
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilerDiagnostics);
        Assert.Equal("new global::Framework.Sql.Column<string>(\"name\", nullable: false)", ColumnOf(run, "Name", "Oblivious"));
    }

    private const string GeneratedToString = "public override string ToString() => global::Framework.Orm.Internal.Instrumentation.Describe(__Mapper, this, __state);";

    [Theory]
    [InlineData("public override string ToString() => \"mine\";", "", false)]
    [InlineData("", "public override string ToString() => \"every entity\";", false)]
    [InlineData("", "public sealed override string ToString() => \"every entity\";", false)]
    [InlineData("", "public abstract override string ToString();", true)]
    [InlineData("public string ToString(string format) => format;", "", true)]
    [InlineData("public static string ToString(int x) => x.ToString();", "", true)]
    public void ToString_is_generated_unless_the_entity_or_a_class_it_derives_from_implements_it(string entityMember, string baseMember, bool generated)
    {
        var run = GeneratorHarness.Generate(Usings.Replace("public abstract partial class Base { }", "public abstract partial class Base { " + baseMember + " }", StringComparison.Ordinal)
            + Entity(entityMember)[Usings.Length..]);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilerDiagnostics);
        Assert.Equal(generated, run.Source("NS.E.g.cs").Contains(GeneratedToString, StringComparison.Ordinal));
    }
}
