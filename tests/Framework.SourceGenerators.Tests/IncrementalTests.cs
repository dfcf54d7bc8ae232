using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Framework.SourceGenerators.Tests;

public class IncrementalTests
{
    private const string OtherFile = """
        namespace NS;
        public class Unrelated { public int Value() => 1; }
        """;

    private const string EntityFile = """
        using Framework.Orm;
        namespace NS;
        [Table("c")]
        public partial class C : Base
        {
            [PrimaryKey] public partial int Id { get; set; }
            public partial string? Label { get; set; }
        }
        """;

    private static readonly string[] PipelineSteps =
    [
        TrackingNames.Entities, TrackingNames.Bases, TrackingNames.EntityModels, TrackingNames.EntityDiagnostics, TrackingNames.Registrations,
        TrackingNames.BaseModels, TrackingNames.BaseDiagnostics, TrackingNames.Tables, TrackingNames.CrossChecks,
    ];

    /// <summary>Runs the generator on the sources, then again after <paramref name="edit"/>; returns the second run.</summary>
    private static GeneratorRunResult RunTwice(Func<Compilation, Compilation> edit, params string[] sources)
    {
        var compilation = GeneratorHarness.Compilation(sources);
        var driver = GeneratorHarness.Driver(trackSteps: true).RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        Assert.Null(first.Exception);
        Assert.Empty(first.Diagnostics);
        return driver.RunGenerators(edit(compilation)).GetRunResult().Results.Single();
    }

    private static Compilation Replace(Compilation compilation, int index, string text) =>
        compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.ElementAt(index),
            CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path: $"Source{index}.cs"));

    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason);

    private static IEnumerable<IncrementalStepRunReason> SourceOutputReasons(GeneratorRunResult result) =>
        result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason);

    private static bool Reused(IncrementalStepRunReason reason) => reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged;

    [Fact]
    public void An_edit_outside_the_entities_reuses_every_step_and_output()
    {
        var second = RunTwice(c => Replace(c, 2, OtherFile.Replace("=> 1", "=> 2", StringComparison.Ordinal)), Samples.Synopsis, EntityFile, OtherFile);

        foreach (var step in PipelineSteps)
            Assert.All(Reasons(second, step), reason => Assert.True(Reused(reason), $"{step}: {reason}"));
        Assert.NotEmpty(SourceOutputReasons(second));
        Assert.All(SourceOutputReasons(second), reason => Assert.True(Reused(reason), $"output: {reason}"));
    }

    [Fact]
    public void An_edit_inside_an_entity_that_changes_no_mapping_regenerates_nothing()
    {
        var edited = EntityFile.Replace("public partial string? Label { get; set; }",
            "public partial string? Label { get; set; }\n    public string Describe() => $\"C {Id}\";", StringComparison.Ordinal);
        var second = RunTwice(c => Replace(c, 1, edited), Samples.Synopsis, EntityFile);

        // The transform re-ran for C's file and produced an equal model, so nothing after it ran again.
        Assert.Contains(IncrementalStepRunReason.Unchanged, Reasons(second, TrackingNames.Entities));
        Assert.All(Reasons(second, TrackingNames.EntityModels), reason => Assert.True(Reused(reason), $"models: {reason}"));
        Assert.All(SourceOutputReasons(second), reason => Assert.True(Reused(reason), $"output: {reason}"));
    }

    [Fact]
    public void Changing_one_entity_regenerates_that_entity_only()
    {
        var second = RunTwice(c => Replace(c, 1, EntityFile.Replace("string? Label", "string Label", StringComparison.Ordinal)), Samples.Synopsis, EntityFile);

        var models = second.TrackedSteps[TrackingNames.EntityModels].SelectMany(s => s.Outputs).ToList();
        Assert.Single(models, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Equal("C", ((EntityModel)models.Single(o => o.Reason == IncrementalStepRunReason.Modified).Value).Name);
        Assert.Equal(2, models.Count(o => Reused(o.Reason)));
        // The registry depends on names only: a column change leaves it as it was.
        Assert.All(Reasons(second, TrackingNames.Registrations), reason => Assert.True(Reused(reason), $"registrations: {reason}"));
    }

    [Fact]
    public void Changing_a_relationship_option_regenerates_that_entity_only()
    {
        var second = RunTwice(c => Replace(c, 0, Samples.Synopsis.Replace("public partial IList<B> Bs",
            "[Relationship(Lazy = LazyStrategy.SelectIn)] public partial IList<B> Bs", StringComparison.Ordinal)), Samples.Synopsis, EntityFile);

        var models = second.TrackedSteps[TrackingNames.EntityModels].SelectMany(s => s.Outputs).ToList();
        Assert.Equal("A", ((EntityModel)Assert.Single(models, o => o.Reason == IncrementalStepRunReason.Modified).Value).Name);
        Assert.Equal(2, models.Count(o => Reused(o.Reason)));
        Assert.All(Reasons(second, TrackingNames.Registrations), reason => Assert.True(Reused(reason), $"registrations: {reason}"));
        Assert.All(Reasons(second, TrackingNames.Tables), reason => Assert.True(Reused(reason), $"tables: {reason}"));
    }

    [Fact]
    public void Moving_an_entity_down_its_file_updates_diagnostics_positions_but_no_source()
    {
        var second = RunTwice(c => Replace(c, 1, "\n\n" + EntityFile), Samples.Synopsis, EntityFile);

        Assert.All(Reasons(second, TrackingNames.EntityModels), reason => Assert.True(Reused(reason), $"models: {reason}"));
        // Cross-table checks hold locations for their diagnostics, so they alone run again.
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, TrackingNames.CrossChecks));
    }

    [Fact]
    public void Pipeline_models_hold_no_symbols_syntax_or_compilations()
    {
        var compilation = GeneratorHarness.Compilation(Samples.Synopsis, EntityFile);
        var result = GeneratorHarness.Driver(trackSteps: true).RunGenerators(compilation).GetRunResult().Results.Single();

        foreach (var step in result.TrackedSteps.Where(s => PipelineSteps.Contains(s.Key)))
        {
            foreach (var output in step.Value.SelectMany(s => s.Outputs))
                AssertPlainValues(output.Value, step.Key, depth: 0);
        }
    }

    private static void AssertPlainValues(object? value, string path, int depth)
    {
        Assert.True(depth < 12, $"{path} nests too deep");
        switch (value)
        {
            case null or string or bool or int or Enum:
                return;
            case ISymbol or SyntaxNode or Compilation or SemanticModel or SyntaxTree or Location:
                Assert.Fail($"{path} holds a {value.GetType().Name}");
                return;
            case DiagnosticDescriptor:
                return; // an immutable description, compared by value
            case IEnumerable items:
                var i = 0;
                foreach (var item in items)
                    AssertPlainValues(item, $"{path}[{i++}]", depth + 1);
                return;
        }
        var type = value.GetType();
        if (type.IsPrimitive || type.Namespace == "Microsoft.CodeAnalysis.Text")
            return; // TextSpan, LinePositionSpan
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            if (property.Name == "EqualityContract")
                continue;
            AssertPlainValues(property.GetValue(value), $"{path}.{property.Name}", depth + 1);
        }
        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
            AssertPlainValues(field.GetValue(value), $"{path}.{field.Name}", depth + 1);
    }
}
