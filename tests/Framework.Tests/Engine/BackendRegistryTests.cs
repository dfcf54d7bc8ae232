namespace Framework.Tests.Engine;

public sealed class BackendRegistryTests
{
    public static TheoryData<string> Schemes()
    {
        var schemes = new TheoryData<string>();
        foreach (var backend in DatabaseBackend.Known)
        {
            foreach (var name in (string[])[backend.Name, .. backend.Aliases])
            {
                schemes.Add(name);
                foreach (var driver in backend.Drivers)
                    schemes.Add($"{name}+{driver}");
            }
        }
        return schemes;
    }

    [Fact]
    public void Both_databases_are_registered_before_any_url_is_parsed()
    {
        Assert.Equal(["postgresql", "sqlite"], DatabaseBackend.Known.Select(b => b.Name));
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void Every_registered_scheme_and_driver_makes_an_engine_of_its_backend(string scheme)
    {
        var backend = DatabaseBackend.Find(scheme.Split('+')[0])!;
        var text = backend.FileDatabase ? $"{scheme}:///:memory:" : $"{scheme}://scott:hunter2@localhost/test";

        using var engine = Engines.CreateEngine(text);

        Assert.Equal(backend.Name, engine.Url.Backend);
        Assert.Equal(backend.Name, engine.Dialect.Name);
    }

    [Fact]
    public void An_unknown_database_makes_no_engine_rather_than_a_sqlite_one()
    {
        var error = Assert.Throws<ArgumentException>(() => Engines.CreateEngine("mysql:///app.db"));

        Assert.Equal("Unknown database 'mysql' in URL 'mysql:///app.db'. Framework supports postgresql:// (Npgsql) and sqlite:// (Microsoft.Data.Sqlite). (Parameter 'url')", error.Message);
    }

    [Fact]
    public void A_sqlite_url_with_a_host_is_refused_naming_the_forms_it_takes()
    {
        var error = Assert.Throws<ArgumentException>(() => Url.Parse("sqlite://localhost/app.db"));

        Assert.Contains("a SQLite URL has no host or user; write sqlite:///relative.db or sqlite:////absolute/path.db", error.Message, StringComparison.Ordinal);
    }
}
