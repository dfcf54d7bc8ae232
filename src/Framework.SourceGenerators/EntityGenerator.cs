using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Framework.SourceGenerators;

/// <summary>
/// Implements the partial properties of <c>[Table]</c> classes over an entity state that tracks loads and changes, and
/// gives each <c>[DeclarativeBase]</c> class a <c>MetaData</c> with the tables of its entities (DESIGN.md decision 4).
/// </summary>
/// <remarks>
/// The pipeline: each attributed class is parsed into a value model (no symbols or syntax kept), then written out. An
/// edit that leaves a model equal reuses what was generated from it. Source, diagnostics, the registry of each base and
/// the cross-table checks (foreign keys, table names) are separate outputs, so moving code around re-reports
/// diagnostics without rewriting any source.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class EntityGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var entities = context.SyntaxProvider
            .ForAttributeWithMetadataName(Symbols.TableAttribute, static (node, _) => node is TypeDeclarationSyntax, EntityParser.Parse)
            .WithTrackingName(TrackingNames.Entities);
        var bases = context.SyntaxProvider
            .ForAttributeWithMetadataName(Symbols.DeclarativeBaseAttribute, static (node, _) => node is TypeDeclarationSyntax, BaseParser.Parse)
            .WithTrackingName(TrackingNames.Bases);

        var models = entities.Select(static (result, _) => result.Model).WithTrackingName(TrackingNames.EntityModels);
        context.RegisterSourceOutput(models, static (output, model) =>
        {
            if (model is not null)
                output.AddSource(model.HintName, EntityEmitter.Emit(model));
        });
        context.RegisterSourceOutput(entities.Select(static (result, _) => result.Diagnostics).WithTrackingName(TrackingNames.EntityDiagnostics), Report);

        var registrations = models
            .Where(static model => model is { Mode: EmitMode.Mapped, Registry: not null })
            .Select(static (model, _) => new Registration(model!.Registry!, model.FullName, model.RegistryField))
            .WithTrackingName(TrackingNames.Registrations)
            .Collect();
        var baseModels = bases.Select(static (result, _) => result.Model).WithTrackingName(TrackingNames.BaseModels);
        context.RegisterSourceOutput(baseModels.Combine(registrations), static (output, pair) =>
        {
            if (pair.Left is { } model)
                output.AddSource(model.HintName, RegistryEmitter.Emit(model, pair.Right));
        });
        context.RegisterSourceOutput(bases.Select(static (result, _) => result.Diagnostics).WithTrackingName(TrackingNames.BaseDiagnostics), Report);

        // Foreign keys, relationships' joins and table names are checked against every table of the compilation.
        var tables = models
            .Where(static model => model is not null)
            .Select(static (model, _) => new TableShape(model!.TableName, model.Registry ?? "", model.FullName, new(model.Columns.Select(c => c.ColumnName)),
                new(model.Columns.Where(c => c.ForeignKey is not null).Select(c => CrossChecks.TargetTable(c.ForeignKey!.Target)).Distinct())))
            .WithTrackingName(TrackingNames.Tables)
            .Collect();
        var checks = entities
            .Select(static (result, _) => result.Checks)
            .Where(static checks => checks is not null)
            .WithTrackingName(TrackingNames.CrossChecks);
        context.RegisterSourceOutput(checks.Combine(tables), static (output, pair) =>
        {
            foreach (var diagnostic in CrossChecks.Run(pair.Left!, pair.Right))
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
        });
    }

    private static void Report(SourceProductionContext output, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
            output.ReportDiagnostic(diagnostic.ToDiagnostic());
    }
}

/// <summary>The names of the pipeline's steps, for tests that check which ones re-ran.</summary>
internal static class TrackingNames
{
    public const string Entities = nameof(Entities);
    public const string Bases = nameof(Bases);
    public const string EntityModels = nameof(EntityModels);
    public const string EntityDiagnostics = nameof(EntityDiagnostics);
    public const string Registrations = nameof(Registrations);
    public const string BaseModels = nameof(BaseModels);
    public const string BaseDiagnostics = nameof(BaseDiagnostics);
    public const string Tables = nameof(Tables);
    public const string CrossChecks = nameof(CrossChecks);
}
