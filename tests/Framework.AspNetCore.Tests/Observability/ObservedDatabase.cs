using System.Net;
using System.Net.Sockets;
using Framework.Testing;

namespace Framework.AspNetCore.Tests.Observability;

/// <summary>A database kind the observability tests run on: one sealed subclass of each test class per kind.</summary>
public abstract class ObservedDatabase
{
    /// <summary>The URL of a database the tests may create tables in.</summary>
    public abstract Task<string> UrlAsync();

    /// <summary>The URL of a database that cannot be reached.</summary>
    public abstract string UnreachableUrl { get; }
}

public sealed class SqliteObservedDatabase : ObservedDatabase
{
    public override Task<string> UrlAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "framework-aspnetcore-tests");
        Directory.CreateDirectory(folder);
        return Task.FromResult("sqlite:///" + Path.Combine(folder, $"{Guid.NewGuid():N}.db"));
    }

    // Read-only, so SQLite may not create it, in a folder that does not exist.
    public override string UnreachableUrl => $"sqlite:///{Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}", "app.db")}?mode=ro";
}

public sealed class PostgresObservedDatabase : ObservedDatabase
{
    public override Task<string> UrlAsync() => TestPostgres.GetUrlAsync();

    // A port that was free a moment ago: nothing listens there.
    public override string UnreachableUrl
    {
        get
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return $"postgresql://postgres@127.0.0.1:{port}/postgres";
        }
    }
}
