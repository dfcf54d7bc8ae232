namespace Framework.Templates.Tests.Infrastructure;

/// <summary>One choice of the template's options, and the name (so the folder and namespace) its project gets.</summary>
public sealed record Combination(string Database, bool Controllers, bool NoTests)
{
    /// <summary>Every combination of the options: two databases, two API styles, with or without tests.</summary>
    public static IReadOnlyList<Combination> All { get; } =
        [.. from database in new[] { "sqlite", "postgres" }
            from controllers in new[] { false, true }
            from noTests in new[] { false, true }
            select new Combination(database, controllers, noTests)];

    /// <summary>A dotted name, as a namespace-style project name would be: <c>Shop.SqliteMinimal</c>, <c>Shop.PostgresControllersNoTests</c>.</summary>
    public string Name => "Shop." + (Database == "postgres" ? "Postgres" : "Sqlite") + (Controllers ? "Controllers" : "Minimal") + (NoTests ? "NoTests" : "");

    /// <summary>The options as given to <c>dotnet new asyncapi</c>; SQLite by leaving the option out, as the default.</summary>
    public IEnumerable<string> Options =>
        [.. Database == "sqlite" ? Array.Empty<string>() : ["--database", Database], .. Controllers ? ["--controllers"] : Array.Empty<string>(), .. NoTests ? ["--no-tests"] : Array.Empty<string>()];
}
