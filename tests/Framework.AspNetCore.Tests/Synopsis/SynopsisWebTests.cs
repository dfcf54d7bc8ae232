extern alias SynopsisWeb;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Framework.AspNetCore.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Framework.Sql.Expressions;
using SynopsisBase = SynopsisWeb::Synopsis.Base;
using SynopsisProgram = SynopsisWeb::Program;

namespace Framework.AspNetCore.Tests.Synopsis;

/// <summary>
/// docs/SYNOPSIS.md's ASP.NET Core block runs as written: tests/Synopsis.Web's Program.cs is that block, character for
/// character, over the synopsis's model (samples/Synopsis/Models.cs), on the database <c>ConnectionStrings:Default</c>
/// names, as the block reads it. The block maps <c>GET /a</c> and <c>POST /a</c>; its controller is declared but never
/// reached (the block calls neither AddControllers nor MapControllers), so it is not tested here.
/// </summary>
public abstract class SynopsisWebTests<TDatabase>(WebAppFixture<TDatabase> fixture) : WebAppTestBase<TDatabase>(fixture)
    where TDatabase : WebDatabase, new()
{
    [Fact]
    public void The_programs_code_is_the_synopsis_block_as_written()
    {
        var synopsis = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "SYNOPSIS.md")).ReplaceLineEndings("\n");
        var section = synopsis[synopsis.IndexOf("\n## ASP.NET Core\n", StringComparison.Ordinal)..];
        var start = section.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        var block = section[start..section.IndexOf("\n```", start, StringComparison.Ordinal)];

        var program = File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "Synopsis.Web", "Program.cs")).ReplaceLineEndings("\n");

        Assert.Equal(block + "\n", program);
    }

    [Fact]
    public async Task Get_a_returns_every_A_with_its_Bs_loaded_by_one_select_in_statement()
    {
        var app = await Start();
        var client = app.CreateClient();
        var data = UniqueName("a");
        var (first, second) = (await Insert(data + "-1", 2), await Insert(data + "-2", 1));
        using var activity = new EngineActivity(app.Services.GetRequiredService<AsyncEngine>());

        var response = await client.GetAsync("/a");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The As, then their Bs in one SELECT by the As' keys (one array parameter on PostgreSQL): the policy .EagerLoad<A>(a => a.Bs).
        Assert.True(activity.Commands == 2, string.Join("\n", activity.Sql));
        var postgres = app.Services.GetRequiredService<AsyncEngine>().Dialect.Name == "postgresql";
        Assert.Contains(postgres ? "b.a_id = ANY(" : "b.a_id IN (", activity.Sql[1], StringComparison.Ordinal);
        var all = (await response.Content.ReadFromJsonAsync<JsonArray>())!;
        Assert.Equal(await Count("SELECT count(*) FROM a"), all.Count);
        foreach (var (id, bs) in new[] { first, second })
        {
            var a = Assert.Single(all, a => (int)a!["id"]! == id)!;
            Assert.Equal(bs.Order(), a["bs"]!.AsArray().Select(b => (int)b!["id"]!).Order());
            Assert.All(a["bs"]!.AsArray(), b => Assert.Equal(id, (int)b!["aId"]!));
        }
    }

    [Fact]
    public async Task Post_a_answers_201_with_its_location_and_the_row_is_committed()
    {
        var client = (await Start()).CreateClient();
        var data = UniqueName("posted");

        var response = await client.PostAsJsonAsync("/a", new { data });

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var id = (int)created["id"]!;
        Assert.Equal($"/a/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(data, (string)created["data"]!);
        // EagerDefaults: the server's create_date came back with the INSERT; a new A's Bs are an empty collection.
        Assert.NotNull(created["createDate"]);
        Assert.Empty(created["bs"]!.AsArray());
        // A new connection sees the row: the request committed it.
        Assert.Equal(1, await Count($"SELECT count(*) FROM a WHERE id = {id} AND data = '{data}'"));
    }

    // The program on the class's database, its tables made by the test first (the block creates none).
    private async Task<WebApplicationFactory<SynopsisProgram>> Start()
    {
        var url = Fixture.Main.Url;
        await Engine(url).BeginAsync(async connection => await SynopsisBase.MetaData.CreateAllAsync(connection));
        var app = Own(new WebApplicationFactory<SynopsisProgram>().WithWebHostBuilder(web => web.UseSetting("ConnectionStrings:Default", url)));
        // The block read the URL the test gave (and did not fall back to sqlite:///app.db).
        Assert.Equal(Engine(url).Url.Render(hidePassword: false), app.Services.GetRequiredService<AsyncEngine>().Url.Render(hidePassword: false));
        return app;
    }

    // An A with bCount Bs, inserted by the test; its id and its Bs' ids.
    private async Task<(int Id, int[] Bs)> Insert(string data, int bCount)
    {
        await using var connection = await Engine(Fixture.Main.Url).ConnectAsync();
        var id = await connection.ScalarAsync<int>(Text("INSERT INTO a (data) VALUES (:data) RETURNING id"), new { data });
        var bs = new int[bCount];
        for (var i = 0; i < bCount; i++)
            bs[i] = await connection.ScalarAsync<int>(Text("INSERT INTO b (a_id) VALUES (:id) RETURNING id"), new { id });
        await connection.CommitAsync();
        return (id, bs);
    }

    private async Task<long> Count(string sql)
    {
        await using var connection = await Engine(Fixture.Main.Url).ConnectAsync();
        return await connection.ScalarAsync<long>(Text(sql));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Framework.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No Framework.sln above {AppContext.BaseDirectory}.");
    }
}

public sealed class SqliteSynopsisWebTests(WebAppFixture<SqliteWebDatabase> fixture) : SynopsisWebTests<SqliteWebDatabase>(fixture);

public sealed class PostgresSynopsisWebTests(WebAppFixture<PostgresWebDatabase> fixture) : SynopsisWebTests<PostgresWebDatabase>(fixture);
