namespace Framework;

/// <summary>
/// One database Framework connects to, as a URL names it: its scheme and the scheme's aliases, the driver names accepted
/// after <c>+</c> (the first is Framework's own; the others are SQLAlchemy's names, read as it), and the driver adapter
/// that opens it. <see cref="Url"/> and <see cref="Engines"/> find backends here; the list itself is the composition
/// root's (Backends.cs), so that Engine/ names no dialect.
/// </summary>
/// <param name="Name">The URL scheme and <see cref="Url.Backend"/>: <c>postgresql</c>.</param>
/// <param name="DisplayName">The database's name in messages: <c>PostgreSQL</c>.</param>
/// <param name="Library">The ADO.NET provider, named in messages: <c>Npgsql</c>.</param>
/// <param name="Aliases">Other schemes read as <paramref name="Name"/>.</param>
/// <param name="Drivers">The driver names accepted after <c>+</c>, Framework's own first.</param>
/// <param name="FileDatabase">Whether the database is a file: its URL has no host or user, and its path is written unescaped.</param>
/// <param name="CreateDriver">Creates the driver adapter (which knows the dialect) for a URL of this backend.</param>
internal sealed record DatabaseBackend(string Name, string DisplayName, string Library, IReadOnlyList<string> Aliases,
    IReadOnlyList<string> Drivers, bool FileDatabase, Func<Url, Driver> CreateDriver)
{
    private static DatabaseBackend[] s_known = [];

    public string DefaultDriver => Drivers[0];

    /// <summary>The backends the composition root registered, in its order.</summary>
    public static IReadOnlyList<DatabaseBackend> Known => s_known;

    /// <summary>The known backends as a message lists them: <c>postgresql:// (Npgsql) and sqlite:// (Microsoft.Data.Sqlite)</c>.</summary>
    public static string Listed
    {
        get
        {
            var names = s_known.Select(b => $"{b.Name}:// ({b.Library})").ToArray();
            return names.Length < 2 ? string.Concat(names) : $"{string.Join(", ", names[..^1])} and {names[^1]}";
        }
    }

    /// <summary>Sets the known backends; the composition root calls it once, as the assembly loads.</summary>
    public static void Register(params DatabaseBackend[] backends) => s_known = backends;

    /// <summary>The backend a URL's scheme (lower-case, without the driver) names, or null.</summary>
    public static DatabaseBackend? Find(string scheme)
    {
        foreach (var backend in s_known)
        {
            if (backend.Name == scheme || backend.Aliases.Contains(scheme))
                return backend;
        }
        return null;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
