using System.Globalization;
using Npgsql;

namespace Framework.Benchmarks.Http;

/// <summary>Which scenario and contender serve, against which database, on which port, with how many pooled connections.</summary>
/// <param name="Scenario">
/// items (<c>GET /items/{id}</c>, every contender) or books (<c>GET /books</c>, EF Core only: Framework's side of it is
/// samples/WebApi itself, which benchmarks/http.sh runs).
/// </param>
/// <param name="Contender">framework, npgsql or efcore.</param>
/// <param name="Url">The database as a Framework URL (<c>postgresql://user@host:port/database</c>).</param>
/// <param name="Port">The loopback port Kestrel listens on.</param>
/// <param name="PoolSize">The most database connections the contender's pool opens (no overflow above it).</param>
public sealed record BenchSettings(string Scenario, string Contender, string Url, int Port, int PoolSize)
{
    public const string Framework = "framework";
    public const string Npgsql = "npgsql";
    public const string EFCore = "efcore";
    public const string Items = "items";
    public const string Books = "books";

    private const string Usage =
        "usage: Framework.Benchmarks.Http [--scenario items|books] --contender framework|npgsql|efcore --url postgresql://user[:password]@host[:port]/database " +
        "[--port 5000] [--pool 16]";

    /// <summary>Reads <c>--scenario</c>, <c>--contender</c>, <c>--url</c>, <c>--port</c> and <c>--pool</c>; throws with the usage on anything else.</summary>
    public static BenchSettings Parse(string[] args)
    {
        string? contender = null, url = null;
        var scenario = Items;
        int port = 5000, pool = 16;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value. {Usage}");
            switch (args[i])
            {
                case "--scenario": scenario = value; break;
                case "--contender": contender = value; break;
                case "--url": url = value; break;
                case "--port": port = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--pool": pool = int.Parse(value, CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'. {Usage}");
            }
            i++;
        }
        if (scenario is not (Items or Books))
            throw new ArgumentException($"--scenario must be items or books, not '{scenario}'. {Usage}");
        if (scenario == Books && contender != EFCore)
            throw new ArgumentException($"The books scenario has one contender here, efcore: Framework's is samples/WebApi itself. {Usage}");
        if (contender is not (Framework or Npgsql or EFCore))
            throw new ArgumentException($"--contender must be framework, npgsql or efcore, not '{contender}'. {Usage}");
        if (url is null)
            throw new ArgumentException($"--url is missing. {Usage}");
        return new BenchSettings(scenario, contender, url, port, pool);
    }

    /// <summary>
    /// The same database as an Npgsql connection string for raw Npgsql and EF Core, with Npgsql's pool capped at
    /// <see cref="PoolSize"/> connections and every other setting at Npgsql's default (no auto-prepare, DISCARD ALL on return).
    /// </summary>
    public string ConnectionString
    {
        get
        {
            var uri = new Uri(Url);
            var user = uri.UserInfo.Split(':', 2);
            var builder = new NpgsqlConnectionStringBuilder
            {
                Host = uri.Host.Trim('[', ']'),
                Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
                Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
                Username = Uri.UnescapeDataString(user[0]),
                MaxPoolSize = PoolSize,
            };
            if (user.Length > 1)
                builder.Password = Uri.UnescapeDataString(user[1]);
            return builder.ConnectionString;
        }
    }
}
