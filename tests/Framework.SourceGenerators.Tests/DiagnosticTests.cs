using Microsoft.CodeAnalysis;

namespace Framework.SourceGenerators.Tests;

public class DiagnosticTests
{
    private const string Prelude = """
        using System;
        using System.Collections.Generic;
        using Framework.Orm;

        namespace NS;

        [DeclarativeBase] public abstract partial class Base { }

        """;

    /// <summary>
    /// Runs the generator on <paramref name="marked"/> (after the prelude) and checks that it reports exactly the given
    /// diagnostics, each at its <c>[|marked|]</c> span, in order; with <paramref name="onlyErrors"/>, that the compiler
    /// reports nothing beyond them, so the generator's error is the one the user reads.
    /// </summary>
    private static IReadOnlyList<Diagnostic> Verify(string marked, string[] ids, bool onlyErrors = true)
    {
        var markup = Markup.Parse(Prelude + marked);
        var run = GeneratorHarness.Generate(markup.Source);
        var reported = run.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal).ToList();

        Assert.Equal(ids, reported.Select(d => d.Id));
        Assert.Equal(markup.Spans, reported.Select(d => d.Location.SourceSpan));
        Assert.All(reported, d =>
        {
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
            Assert.Equal("Source0.cs", d.Location.GetLineSpan().Path);
        });
        if (onlyErrors)
            Assert.Empty(run.CompilerDiagnostics);
        return reported;
    }

    private static string Message(Diagnostic diagnostic) => diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void FWK1101_a_Table_class_that_is_not_partial()
    {
        var d = Verify("""
            [Table("a")]
            public class [|A|] : Base
            {
                public int Id { get; set; }
            }
            """, ["FWK1101"]);
        Assert.Equal("'A' has [Table] but it is not partial; declare it 'partial' so the generator can implement its properties", Message(d[0]));
    }

    [Fact]
    public void FWK1101_a_Table_class_nested_in_a_type_that_is_not_partial()
    {
        var d = Verify("""
            public class Outer
            {
                [Table("a")]
                public partial class [|A|] : Base
                {
                    public int Id { get; set; }
                }
            }
            """, ["FWK1101"]);
        Assert.Contains("its containing type 'Outer' is not partial", Message(d[0]), StringComparison.Ordinal);
    }

    [Fact]
    public void FWK1102_a_property_with_mapping_attributes_that_is_not_partial()
    {
        var d = Verify("""
            [Table("a")]
            public partial class A : Base
            {
                [PrimaryKey] public partial int Id { get; set; }
                [Column("n")] public string [|Name|] { get; set; } = "";
                public string Unmapped { get; set; } = "";
            }
            """, ["FWK1102"]);
        Assert.Equal("'A.Name' has mapping attributes but is not partial; declare it 'public partial string Name { get; set; }', or remove the attributes to leave it unmapped",
            Message(d[0]));
    }

    [Fact]
    public void FWK1103_a_Table_class_without_a_primary_key()
    {
        var d = Verify("""
            [Table("a")]
            public partial class [|A|] : Base
            {
                public partial int Id { get; set; }
            }
            """, ["FWK1103"]);
        Assert.Equal("'A' maps no primary key; mark its key property (or the properties of a composite key) with [PrimaryKey]", Message(d[0]));
    }

    [Fact]
    public void FWK1104_a_partial_property_of_a_type_no_column_holds()
    {
        var d = Verify("""
            [Table("a")]
            public partial class A : Base
            {
                [PrimaryKey] public partial int Id { get; set; }
                public partial [|object|] Anything { get; set; }
                public partial [|List<string>|] Tags { get; set; }
                [Column("bs")] public partial [|IList<A>|] Children { get; set; }
            }
            """, ["FWK1104", "FWK1104", "FWK1104"]);
        Assert.StartsWith("'A.Anything' is an object, which no column can hold; use an integer type, string,", Message(d[0]), StringComparison.Ordinal);
    }

    [Fact]
    public void FWK1104_an_enum_that_cannot_be_stored_by_name_or_an_array_the_runtime_does_not_map()
    {
        var d = Verify("""
            [Flags] public enum Permissions { Read = 1, Write = 2 }
            public enum Nothing { }

            [Table("a")]
            public partial class A : Base
            {
                [PrimaryKey] public partial int Id { get; set; }
                public partial [|Permissions|] Access { get; set; }
                public partial [|Nothing?|] Void { get; set; }
                public partial [|Permissions[]|] Accesses { get; set; }
                public partial [|char[]|] Letters { get; set; }
                public partial [|int[][]|] Jagged { get; set; }
                public partial [|int[,]|] Grid { get; set; }
                public partial [|byte[][]|] Blobs { get; set; }
                public partial [|object[]|] Things { get; set; }
                public partial [|System.Text.Json.JsonElement[]|] Elements { get; set; }
            }
            """, ["FWK1104", "FWK1104", "FWK1104", "FWK1104", "FWK1104", "FWK1104", "FWK1104", "FWK1104", "FWK1104"]);
        Assert.Equal("'A.Access' is an NS.Permissions, which no column can hold; Permissions is a [Flags] enum: enum values are stored by their members' names, "
            + "and a combination of flags has none; to store numbers, use int in its place and assign (int)value, or make the property non-partial to leave it unmapped",
            Message(d[0]));
        Assert.Equal("'A.Void' is an NS.Nothing?, which no column can hold; Nothing has no members, so no value of it could be stored; give it members, "
            + "or make the property non-partial to leave it unmapped", Message(d[1]));
        Assert.Contains("Permissions is a [Flags] enum", Message(d[2]), StringComparison.Ordinal);
        Assert.Equal("'A.Letters' is a char[], which no column can hold; a char[] is text to the database driver, not an array; make the property a string, "
            + "or make the property non-partial to leave it unmapped", Message(d[3]));
        Assert.All(d.Skip(4).Take(3), diagnostic => Assert.Contains(
            "an array column is a one-dimensional array of single values, such as int[] or string[], not an array of arrays", Message(diagnostic), StringComparison.Ordinal));
        Assert.Equal("'A.Things' is an object[], which no column can hold; an array column's elements must be of an integer type, string, bool, a date or time type, "
            + "decimal, double, float, Guid, an enum, JsonDocument or JsonNode, or make the property non-partial to leave it unmapped", Message(d[7]));
        Assert.StartsWith("'A.Elements' is a System.Text.Json.JsonElement[], which no column can hold; an array column's elements", Message(d[8]), StringComparison.Ordinal);
    }

    [Fact]
    public void FWK1105_a_foreign_key_to_a_table_or_column_no_class_maps()
    {
        var d = Verify("""
            [Table("a")]
            public partial class A : Base
            {
                [PrimaryKey] public partial int Id { get; set; }
                [[|ForeignKey("nowhere.id")|]] public partial int? X { get; set; }
                [[|ForeignKey("a.missing")|]] public partial int? Y { get; set; }
                [[|ForeignKey("a")|]] public partial int? Z { get; set; }
                [ForeignKey("a.id")] public partial int? Fine { get; set; }
            }
            """, ["FWK1105", "FWK1105", "FWK1105"]);
        Assert.Equal("The foreign key of 'A.X' refers to \"nowhere.id\", but no [Table] class in this project maps a table named 'nowhere' (the tables: a)", Message(d[0]));
        Assert.Equal("The foreign key of 'A.Y' refers to \"a.missing\", but table 'a' has no column 'missing' (its columns: id, x, y, z, fine)", Message(d[1]));
        Assert.Equal("The foreign key of 'A.Z' refers to \"a\", but a target is written \"table.column\"", Message(d[2]));
    }

    [Fact]
    public void FWK1106_two_properties_mapped_to_one_column()
    {
        var d = Verify("""
            [Table("a")]
            public partial class A : Base
            {
                [PrimaryKey] public partial int Id { get; set; }
                public partial string? UserName { get; set; }
                [Column("user_name")] public partial string? [|Login|] { get; set; }
            }
            """, ["FWK1106"]);
        Assert.Equal("'A.Login' maps to column 'user_name' of table 'a', which 'A.UserName' maps to already; give one of them another name with [Column(\"name\")]",
            Message(d[0]));
    }

    [Fact]
    public void FWK1107_a_Table_class_that_derives_from_no_declarative_base()
    {
        var d = Verify("""
            public abstract class NotABase { }

            [Table("a")]
            public partial class [|A|] : NotABase
            {
                [PrimaryKey] public partial int Id { get; set; }
                public partial IList<A> Children { get; set; }
            }
            """, ["FWK1107"]);
        Assert.StartsWith("'A' has [Table] but does not derive from a [DeclarativeBase] class of this project;", Message(d[0]), StringComparison.Ordinal);
    }

    [Fact]
    public void FWK1108_a_Table_class_without_a_parameterless_constructor()
    {
        var d = Verify("""
            [Table("a")]
            public partial class [|A|] : Base
            {
                public A(int id) => Id = id;
                [PrimaryKey] public partial int Id { get; set; }
            }

            [Table("b")]
            public abstract partial class [|B|] : Base
            {
                [PrimaryKey] public partial int Id { get; set; }
            }

            [Table("c")]
            public partial class [|C|] : Base
            {
                [PrimaryKey] public partial int Id { get; set; }
                public required string Name { get; set; }
            }

            [Table("d")]
            public partial class D : Base
            {
                private D(string name = "") { }
                [PrimaryKey] public partial int Id { get; set; }
            }
            """, ["FWK1108", "FWK1108", "FWK1108"]);
        Assert.Equal("'A' cannot be instantiated when rows are loaded: it has no parameterless constructor; add one (it may be private), e.g. 'private A() { }'", Message(d[0]));
        Assert.Equal("'B' cannot be instantiated when rows are loaded: it is abstract; only its declarative base is", Message(d[1]));
        Assert.Contains("mark its parameterless constructor [SetsRequiredMembers]", Message(d[2]), StringComparison.Ordinal);
    }

    [Fact]
    public void FWK1109_a_declarative_base_that_is_not_abstract_partial()
    {
        var d = Verify("""
            [DeclarativeBase] public partial class [|Concrete|] { }
            [DeclarativeBase] public abstract class [|Whole|] { }

            [Table("a")]
            public partial class A : Whole
            {
                [PrimaryKey] public partial int Id { get; set; }
            }
            """, ["FWK1109", "FWK1109"]);
        Assert.Equal("'Concrete' has [DeclarativeBase] but is not abstract; declare it 'public abstract partial class Concrete'", Message(d[0]));
        Assert.Equal("'Whole' has [DeclarativeBase] but is not partial; declare it 'public abstract partial class Whole'", Message(d[1]));
    }

    [Fact]
    public void FWK1110_a_Table_class_that_derives_from_another()
    {
        var d = Verify("""
            [Table("a")]
            public partial class A : Base
            {
                [PrimaryKey] public partial int Id { get; set; }
            }

            [Table("b")]
            public partial class [|B|] : A
            {
                public partial string? Extra { get; set; }
            }
            """, ["FWK1110"]);
        Assert.StartsWith("'B' derives from 'A', which is mapped too, and inheritance between [Table] classes is not supported;", Message(d[0]), StringComparison.Ordinal);
    }

    [Fact]
    public void FWK1111_generic_and_record_classes()
    {
        var d = Verify("""
            [Table("g")]
            public partial class [|G|]<T> : Base
            {
                [PrimaryKey] public int Id { get; set; }
            }

            [Table("r")]
            public partial record [|R|]
            {
                [PrimaryKey] public int Id { get; set; }
            }
            """, ["FWK1111", "FWK1111"]);
        Assert.Equal("'G' cannot be mapped: generic classes, and classes nested in generic types, cannot be mapped", Message(d[0]));
        Assert.Contains("only classes can be mapped, not records or structs", Message(d[1]), StringComparison.Ordinal);
    }

    [Fact]
    public void FWK1111_a_private_class()
    {
        var d = Verify("""
            public partial class Outer
            {
                [Table("p")]
                private partial class [|P|] : Base
                {
                    [PrimaryKey] public partial int Id { get; set; }
                }
            }
            """, ["FWK1111"]);
        Assert.Equal("'P' cannot be mapped: it is private or protected, and its declarative base's generated MetaData must reach it; make it internal or public",
            Message(d[0]));
    }

    [Fact]
    public void FWK1112_a_default_the_property_cannot_hold()
    {
        var d = Verify("""
            [Table("a")]
            public partial class A : Base
            {
                [PrimaryKey] public partial int Id { get; set; }
                [[|Default("five")|]] public partial int Count { get; set; }
                [[|Default(300)|]] public partial byte Small { get; set; }
                [[|Default(new[] { 1 })|]] public partial int Other { get; set; }
            }
            """, ["FWK1112", "FWK1112", "FWK1112"]);
        Assert.Equal("The [Default] of 'A.Count' is \"five\", which an int property cannot hold; give a value of the property's type", Message(d[0]));
        Assert.Contains("is 300,", Message(d[1]), StringComparison.Ordinal);
        Assert.Contains("is an array,", Message(d[2]), StringComparison.Ordinal);
    }

    [Fact]
    public void FWK1113_an_unknown_referential_action()
    {
        var d = Verify("""
            [Table("a")]
            public partial class A : Base
            {
                [PrimaryKey] public partial int Id { get; set; }
                [[|ForeignKey("a.id", OnDelete = "EXPLODE")|]] public partial int? Parent { get; set; }
                [ForeignKey("a.id", OnDelete = "set  null", OnUpdate = "cascade")] public partial int? Fine { get; set; }
            }
            """, ["FWK1113"]);
        Assert.Equal("'EXPLODE' is not a referential action; use one of CASCADE, SET NULL, SET DEFAULT, RESTRICT or NO ACTION", Message(d[0]));
    }

    [Fact]
    public void FWK1114_a_version_counter_that_is_not_an_integer()
    {
        var d = Verify("""
            [Table("a")]
            public partial class A : Base
            {
                [PrimaryKey] public partial int Id { get; set; }
                [Version] public partial string [|Stamp|] { get; set; }
            }
            """, ["FWK1114"]);
        Assert.Equal("'A.Stamp' has [Version] but is a string; a version counter is an int or a long", Message(d[0]));
    }

    [Fact]
    public void FWK1115_two_classes_of_one_base_mapping_the_same_table()
    {
        var d = Verify("""
            [Table("same")]
            public partial class [|A|] : Base
            {
                [PrimaryKey] public partial int Id { get; set; }
            }

            [Table("same")]
            public partial class [|B|] : Base
            {
                [PrimaryKey] public partial int Id { get; set; }
            }
            """, ["FWK1115", "FWK1115"]);
        Assert.Equal("'A' maps table 'same', which 'B' maps too under the same declarative base; give one of them another name in [Table(\"name\")]", Message(d[0]));
    }

    [Fact]
    public void FWK1116_a_Column_Type_that_does_not_fit_an_enum_or_array_property()
    {
        var d = Verify("""
            public enum Mood { Happy, Sad }

            [Table("a")]
            public partial class A : Base
            {
                [PrimaryKey] public partial int Id { get; set; }
                [[|Column(Type = Framework.Sql.SqlTypeKind.Integer)|]] public partial Mood Number { get; set; }
                [[|Column(Type = Framework.Sql.SqlTypeKind.Json)|]] public partial Mood? Document { get; set; }
                [[|Column(Type = Framework.Sql.SqlTypeKind.Enum)|]] public partial int NotEnum { get; set; }
                [[|Column(Type = Framework.Sql.SqlTypeKind.Enum)|]] public partial Mood[] Moods { get; set; }
                [[|Column(Type = Framework.Sql.SqlTypeKind.Array)|]] public partial string NotArray { get; set; }
                [[|Column(Type = Framework.Sql.SqlTypeKind.Array)|]] public partial byte[] Bytes { get; set; }
                [Column(Type = Framework.Sql.SqlTypeKind.Enum)] public partial Mood Fine { get; set; }
                [Column(Type = Framework.Sql.SqlTypeKind.String, Length = 5)] public partial Mood? Named { get; set; }
                [Column(Type = Framework.Sql.SqlTypeKind.Array)] public partial Mood[] Array { get; set; }
            }
            """, ["FWK1116", "FWK1116", "FWK1116", "FWK1116", "FWK1116", "FWK1116"]);
        Assert.Equal("[Column(Type = SqlTypeKind.Integer)] does not fit 'A.Number', an NS.Mood: enum values are stored by their members' names, so the column "
            + "is Enum (leave Type out), String or Text; to store numbers, make the property an int and assign (int)value", Message(d[0]));
        Assert.StartsWith("[Column(Type = SqlTypeKind.Json)] does not fit 'A.Document', an NS.Mood?: enum values", Message(d[1]), StringComparison.Ordinal);
        Assert.Equal("[Column(Type = SqlTypeKind.Enum)] does not fit 'A.NotEnum', an int: SqlTypeKind.Enum is the type of an enum property; "
            + "leave Type out to infer this property's type", Message(d[2]));
        Assert.StartsWith("[Column(Type = SqlTypeKind.Enum)] does not fit 'A.Moods', an NS.Mood[]: SqlTypeKind.Enum", Message(d[3]), StringComparison.Ordinal);
        Assert.Equal("[Column(Type = SqlTypeKind.Array)] does not fit 'A.NotArray', a string: SqlTypeKind.Array is the type of an array property such as int[]; "
            + "leave Type out to infer this property's type", Message(d[4]));
        Assert.StartsWith("[Column(Type = SqlTypeKind.Array)] does not fit 'A.Bytes', a byte[]: SqlTypeKind.Array", Message(d[5]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_model_reports_nothing()
    {
        var run = GeneratorHarness.Generate(Samples.Synopsis);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilerDiagnostics);
    }

    private const string B = """

        [Table("b")]
        public partial class B : Base
        {
            [PrimaryKey] public partial int Id { get; set; }
            [ForeignKey("a.id")] public partial int? AId { get; set; }
            public partial A? Owner { get; set; }
        }
        """;

    [Fact]
    public void FWK1102_a_property_with_Relationship_that_is_not_partial()
    {
        var d = Verify("""
            [Table("a")]
            public partial class A : Base
            {
                [PrimaryKey] public partial int Id { get; set; }
                [Relationship] public IList<B> [|Bs|] { get; set; } = [];
            }
            """ + B, ["FWK1102"]);
        Assert.StartsWith("'A.Bs' has mapping attributes but is not partial;", Message(d[0]), StringComparison.Ordinal);
    }

    [Fact]
    public void FWK1117_Relationship_on_a_property_that_is_not_a_relationship()
    {
        var d = Verify("""
            [Table("a")]
            public partial class A : Base
            {
                [PrimaryKey] public partial int Id { get; set; }
                [[|Relationship|]] public partial string? Name { get; set; }
                [[|Relationship(Lazy = LazyStrategy.Joined)|]] public partial List<string> Tags { get; set; }
            }
            """, ["FWK1117", "FWK1117"]);
        Assert.Equal("'A.Name' has [Relationship] but is a string?; a relationship property is a [Table] class, or IList<T>, ICollection<T>, ISet<T> "
            + "or WriteOnlyCollection<T> of one; change its type, or remove the attribute", Message(d[0]));
    }

    [Fact]
    public void FWK1118_a_relationship_declared_as_a_concrete_List_or_HashSet()
    {
        var d = Verify("""
            [Table("a")]
            public partial class A : Base
            {
                [PrimaryKey] public partial int Id { get; set; }
                public partial [|List<B>|] Bs { get; set; }
                public partial [|HashSet<B>|] Others { get; set; }
            }
            """ + B, ["FWK1118", "FWK1118"]);
        Assert.Equal("'A.Bs' is a System.Collections.Generic.List<NS.B>; declare it IList<B> instead: the framework supplies an instrumented collection "
            + "that records adds and removes", Message(d[0]));
        Assert.Contains("declare it ISet<B> instead", Message(d[1]), StringComparison.Ordinal);
    }

    [Fact]
    public void FWK1119_a_WriteOnlyCollection_with_a_setter()
    {
        var d = Verify("""
            [Table("a")]
            public partial class A : Base
            {
                [PrimaryKey] public partial int Id { get; set; }
                public partial WriteOnlyCollection<B> Bs { get; [|set;|] }
            }
            """ + B, ["FWK1119"]);
        Assert.Equal("'A.Bs' is a WriteOnlyCollection<B> with a 'set' accessor; declare it '{ get; }': the framework supplies the collection, "
            + "change it with Add and Remove", Message(d[0]));
    }

    [Fact]
    public void FWK1120_a_relationship_to_a_class_of_another_declarative_base_or_to_an_unmapped_class()
    {
        var d = Verify("""
            [DeclarativeBase] public abstract partial class OtherBase { }
            public class Plain { }

            [Table("a")]
            public partial class A : Base
            {
                [PrimaryKey] public partial int Id { get; set; }
                public partial [|IList<Other>|] Others { get; set; }
                [Relationship] public partial [|Plain?|] Plain { get; set; }
            }

            [Table("other")]
            public partial class Other : OtherBase
            {
                [PrimaryKey] public partial int Id { get; set; }
            }
            """, ["FWK1120", "FWK1120"]);
        Assert.Equal("'A.Others' relates to 'Other', which is not a [Table] class deriving from 'Base'; give 'Other' [Table(\"name\")] and derive it from 'Base', "
            + "or make the property non-partial to leave it unmapped", Message(d[0]));
    }

    [Fact]
    public void FWK1121_BackPopulates_naming_no_relationship_of_the_related_class()
    {
        var d = Verify("""
            [Table("a")]
            public partial class A : Base
            {
                [PrimaryKey] public partial int Id { get; set; }
                [[|Relationship(BackPopulates = "AId")|]] public partial IList<B> Bs { get; set; }
                [Relationship(BackPopulates = "Owner")] public partial ICollection<B> Fine { get; set; }
            }
            """ + B, ["FWK1121"]);
        Assert.Equal("The BackPopulates of 'A.Bs' names 'AId', which is not a relationship property of 'B' (its relationship properties: Owner); "
            + "name the reverse property, or remove BackPopulates", Message(d[0]));
    }

    [Fact]
    public void FWK1122_UseList_false_on_a_collection()
    {
        var d = Verify("""
            [Table("a")]
            public partial class A : Base
            {
                [PrimaryKey] public partial int Id { get; set; }
                [[|Relationship(UseList = false)|]] public partial IList<B> Bs { get; set; }
                [Relationship(UseList = true)] public partial ISet<B> Set { get; set; }
            }
            """ + B.Replace("public partial A? Owner", "[Relationship(UseList = false)] public partial A? Owner", StringComparison.Ordinal), ["FWK1122"]);
        Assert.Equal("'A.Bs' is a System.Collections.Generic.IList<NS.B>, a collection, but [Relationship(UseList = false)] says it holds one instance; "
            + "declare it 'B? Bs' for a one-to-one, or remove UseList = false", Message(d[0]));
    }

    [Fact]
    public void FWK1123_a_relationship_between_tables_no_foreign_key_joins()
    {
        var d = Verify("""
            [Table("a")]
            public partial class A : Base
            {
                [PrimaryKey] public partial int Id { get; set; }
                public partial IList<C> [|Cs|] { get; set; }
                [Relationship(Secondary = "a_c")] public partial IList<C> [|Linked|] { get; set; }
                [Relationship(Secondary = "declared_at_run_time")] public partial IList<C> Tagged { get; set; }
            }

            [Table("c")]
            public partial class C : Base
            {
                [PrimaryKey] public partial int Id { get; set; }
            }

            [Table("a_c")]
            public partial class AC : Base
            {
                [PrimaryKey, ForeignKey("a.id")] public partial int AId { get; set; }
                [PrimaryKey] public partial int CId { get; set; }
            }
            """, ["FWK1123", "FWK1123"]);
        Assert.Equal("'A.Cs' relates table 'a' to table 'c', but no [ForeignKey] of either refers to the other; add one, e.g. [ForeignKey(\"a.id\")] "
            + "on a property of 'C', or name an association table with [Relationship(Secondary = \"...\")]", Message(d[0]));
        Assert.Equal("'A.Linked' relates table 'a' to table 'c', but its association table 'a_c' has no [ForeignKey] to 'c'; add one for each side", Message(d[1]));
    }

    [Fact]
    public void FWK1124_Lazy_WriteOnly_on_a_property_that_is_not_a_WriteOnlyCollection()
    {
        var d = Verify("""
            [Table("a")]
            public partial class A : Base
            {
                [PrimaryKey] public partial int Id { get; set; }
                [[|Relationship(Lazy = LazyStrategy.WriteOnly)|]] public partial IList<B> Bs { get; set; }
            }
            """ + B, ["FWK1124"]);
        Assert.Equal("'A.Bs' has [Relationship(Lazy = LazyStrategy.WriteOnly)] but is a System.Collections.Generic.IList<NS.B>; "
            + "declare it 'WriteOnlyCollection<B> Bs { get; }', or choose another LazyStrategy", Message(d[0]));
    }
}
