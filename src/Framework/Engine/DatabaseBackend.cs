namespace Framework;

/// <summary>
/// One database Framework connects to, as a URL names it: its scheme and the scheme's aliases, the driver names accepted
/// after <c>+</c> (the first is Framework's own; the others are SQLAlchemy's names, read as it), and the driver adapter
/// that opens it. <see cref="Url"/> and <see cref="Engines"/> find backends here; the list itself is the composition
/// root's (Backends.cs), so that Engine/ names no dialect.
/// </summary>
internal sealed class DatabaseBackend
{
    private static DatabaseBackend[] s_known = [];
    private readonly Func<Url, Driver> _createDriver;

    /// <param name="name">The URL scheme and <see cref="Url.Backend"/>: <c>postgresql</c>.</param>
    /// <param name="displayName">The database's name in messages: <c>PostgreSQL</c>.</param>
    /// <param name="library">The ADO.NET provider, named in messages: <c>Npgsql</c>.</param>
    /// <param name="aliases">Other schemes read as <paramref name="name"/>.</param>
    /// <param name="drivers">The driver names accepted after <c>+</c>, Framework's own first.</param>
    /// <param name="fileDatabase">Whether the database is a file: its URL has no host or user, and its path is written unescaped.</param>
    /// <param name="createDriver">Creates the driver adapter for a URL of this backend.</param>
    public DatabaseBackend(string name, string displayName, string library, string[] aliases, string[] drivers, bool fileDatabase,
        Func<Url, Driver> createDriver)
    {
        Name = name;
        DisplayName = displayName;
        Library = library;
        Aliases = aliases;
        Drivers = drivers;
        FileDatabase = fileDatabase;
        _createDriver = createDriver;
    }

    public string Name { get; }

    public string DisplayName { get; }

    public string Library { get; }

    public IReadOnlyList<string> Aliases { get; }

    public IReadOnlyList<string> Drivers { get; }

    public string DefaultDriver => Drivers[0];

    public bool FileDatabase { get; }

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

    public Driver CreateDriver(Url url) => _createDriver(url);

    /// <inheritdoc />
    public override string ToString() => Name;
}
