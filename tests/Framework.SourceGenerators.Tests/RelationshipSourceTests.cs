using System.Collections;
using Framework.Orm;

namespace Framework.SourceGenerators.Tests;

public class RelationshipSourceTests
{
    private const string Usings = GeneratedSourceTests.Usings;

    private const string ParentAndChild = Usings + """
        [Table("parent")]
        public partial class Parent : Base
        {
            [PrimaryKey] public partial int Id { get; set; }
            public partial ISet<Child> Set { get; set; }
            public partial ICollection<Child> Collection { get; }
            [Relationship(Lazy = LazyStrategy.WriteOnly)] public partial WriteOnlyCollection<Child> Dynamic { get; }
            [Relationship(OrderBy = "id DESC", PassiveDeletes = true, ForeignKeys = "child.parent_id", Secondary = null)] public partial IList<Child> Ordered { get; init; }
        }

        [Table("child")]
        public partial class Child : Base
        {
            [PrimaryKey] public partial int Id { get; set; }
            [ForeignKey("parent.id")] public partial int ParentId { get; set; }
            public partial Parent Required { get; set; }
        }
        """;

    [Fact]
    public void A_reference_and_a_collection_are_instrumented_and_mapped_after_the_columns()
    {
        var run = GeneratorHarness.Generate(Usings + """
            [Table("node")]
            public partial class Node : Base
            {
                [PrimaryKey] public partial int Id { get; set; }
                [ForeignKey("node.id")] public partial int? ParentId { get; set; }
                [Relationship(BackPopulates = "Children")] public partial Node? Parent { get; set; }
                [Relationship(BackPopulates = "Parent", Cascade = "all, delete-orphan", Lazy = LazyStrategy.SelectIn)] public partial IList<Node> Children { get; set; }
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilerDiagnostics);
        Baselines.Verify("ReferenceAndCollection.Node.g.cs.txt", run.Source("NS.Node.g.cs"));
    }

    [Fact]
    public void Sets_collections_and_write_only_collections_get_their_instrumented_collection()
    {
        var run = GeneratorHarness.Generate(ParentAndChild);
        var parent = run.Source("NS.Parent.g.cs");

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilerDiagnostics);
        // An ISet is a RelationshipSet, an ICollection a RelationshipList, a WriteOnlyCollection itself; a write-only
        // collection never loads, so it has no awaitable.
        Baselines.Verify("ParentAndChild.Parent.g.cs.txt", parent);
        Assert.DoesNotContain("> Dynamic =>", parent, StringComparison.Ordinal);
    }

    [Fact]
    public void Relationship_options_carry_only_what_the_attribute_sets()
    {
        var parent = GeneratorHarness.Generate(ParentAndChild).Source("NS.Parent.g.cs");

        Assert.Contains("new global::Framework.Orm.RelationshipOptions { OrderBy = \"id DESC\", PassiveDeletes = true, ForeignKeys = \"child.parent_id\" }),",
            parent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_nullable_reference_reads_as_its_field_and_loads_as_nullable()
    {
        var child = GeneratorHarness.Generate(ParentAndChild).Source("NS.Child.g.cs");

        Assert.Contains("private global::NS.Parent? __required;", child, StringComparison.Ordinal);
        Assert.Contains("return __required!;", child, StringComparison.Ordinal);
        Baselines.Verify("ParentAndChild.Child.g.cs.txt", child);
    }

    [Fact]
    public void An_entity_without_relationships_keeps_the_constructor_without_them()
    {
        var b = GeneratorHarness.Generate(Samples.Synopsis).Source("NS.B.g.cs");

        Assert.DoesNotContain("MappedRelationship", b, StringComparison.Ordinal);
    }

    [Fact]
    public void Relationships_of_a_class_that_cannot_be_mapped_are_plain_properties()
    {
        var run = GeneratorHarness.Generate(Usings + """
            public abstract class NotABase { }

            [Table("a")]
            public partial class A : NotABase
            {
                [PrimaryKey] public partial int Id { get; set; }
                public partial IList<A> Children { get; set; }
                public partial A? Parent { get; set; }
            }
            """);
        var a = run.Source("NS.A.g.cs");

        Assert.Equal(["FWK1107"], run.GeneratorDiagnostics.Select(d => d.Id));
        Assert.Empty(run.CompilerDiagnostics);
        Assert.Contains("private global::System.Collections.Generic.IList<global::NS.A> __children = new global::System.Collections.Generic.List<global::NS.A>();", a, StringComparison.Ordinal);
        Assert.Contains("private global::NS.A? __parent;", a, StringComparison.Ordinal);
        Assert.DoesNotContain("RelationshipList", a, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_relationships_reach_the_mapper_and_keep_assigned_items_at_run_time() =>
        GeneratedSourceTests.RunGenerated(GeneratorHarness.Generate(Samples.Synopsis), (assembly, _) =>
        {
            var aType = assembly.GetType("NS.A")!;
            var bType = assembly.GetType("NS.B")!;
            var a = Activator.CreateInstance(aType)!;
            var b = Activator.CreateInstance(bType)!;
            var registry = assembly.GetType("NS.__FrameworkModel_Base")!;
            var mapper = (EntityMapper)registry.GetField("A")!.GetValue(null)!;

            var relationship = Assert.Single(mapper.Relationships);
            Assert.Equal(("Bs", Framework.Orm.RelationshipKind.List), (relationship.PropertyName, relationship.Kind));
            Assert.Same(registry.GetField("B")!.GetValue(null), relationship.Target);
            Assert.Equal(mapper.Columns.Count, relationship.Index);

            var items = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(bType))!;
            items.Add(b);
            var bs = aType.GetProperty("Bs")!;
            bs.SetValue(a, items);
            var held = (IEnumerable)bs.GetValue(a)!;
            Assert.Equal(typeof(RelationshipList<>).MakeGenericType(bType), held.GetType());
            Assert.Same(b, Assert.Single(held.Cast<object>()));
        });
}
