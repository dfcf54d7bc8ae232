using System.Net;
using System.Text.Json;
using WebApi.Paging;
using WebApi.Tests.Infrastructure;

namespace WebApi.Tests.Paging;

/// <summary><c>?page=&amp;pageSize=</c> on every list: minimal APIs (/authors, /books) and the controller (/tags).</summary>
public abstract class PagingTests<TApi>(TApi api) : ApiTest<TApi>(api) where TApi : ApiFactory
{
    public static TheoryData<string> Lists => ["/authors", "/books", "/tags"];

    [Theory, MemberData(nameof(Lists))]
    public async Task Pages_hold_every_item_once_in_order_and_say_how_many_there_are(string list)
    {
        await Add(Rows.AuthorWithBooks("paged", books: 7, tagsPerBook: 1));
        var expected = await Keys(list, $"{list}?pageSize={PageQuery.MaxPageSize}");

        var seen = new List<string>();
        for (var number = 1; ; number++)
        {
            var page = await Page(list, $"{list}?page={number}&pageSize=3");
            Assert.Equal((number, 3, (long)expected.Count), (page.Page, page.PageSize, page.Total));
            if (page.Keys.Count == 0)
                break;
            Assert.True(page.Keys.Count == 3 || seen.Count + page.Keys.Count == expected.Count, $"page {number} is short: {page.Keys.Count}");
            seen.AddRange(page.Keys);
        }
        Assert.Equal(expected, seen);
    }

    [Theory, MemberData(nameof(Lists))]
    public async Task A_page_past_the_last_is_empty_and_still_says_how_many_there_are(string list)
    {
        var total = (await Page(list, list)).Total;

        var page = await Page(list, $"{list}?page={PageQuery.MaxPage}&pageSize={PageQuery.MaxPageSize}");

        Assert.Empty(page.Keys);
        Assert.Equal((PageQuery.MaxPage, PageQuery.MaxPageSize, total), (page.Page, page.PageSize, page.Total));
    }

    [Theory, MemberData(nameof(Lists))]
    public async Task Without_a_query_the_first_page_of_the_default_size_is_answered(string list)
    {
        for (var i = 0; i <= PageQuery.DefaultPageSize; i++)
            await Add(Rows.AuthorWithBooks($"many-{i}", books: 1, tagsPerBook: 1));

        var page = await Page(list, list);

        Assert.Equal((1, PageQuery.DefaultPageSize, PageQuery.DefaultPageSize), (page.Page, page.PageSize, page.Keys.Count));
        Assert.True(page.Total > PageQuery.DefaultPageSize);
    }

    public static TheoryData<string, string, string> OutOfRange()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var list in new[] { "/authors", "/books", "/tags" })
        {
            data.Add(list, "page=0", "page");
            data.Add(list, "page=-1", "page");
            data.Add(list, $"page={PageQuery.MaxPage + 1}", "page");
            data.Add(list, "pageSize=0", "pageSize");
            data.Add(list, $"pageSize={PageQuery.MaxPageSize + 1}", "pageSize");
        }
        return data;
    }

    [Theory, MemberData(nameof(OutOfRange))]
    public async Task A_value_out_of_range_is_a_400_validation_problem_naming_it(string list, string query, string field)
    {
        var errors = await ValidationErrors(await Client.GetAsync($"{list}?{query}"));

        Assert.Equal(field, Assert.Single(errors), StringComparer.OrdinalIgnoreCase);
    }

    [Theory, MemberData(nameof(Lists))]
    public async Task A_page_number_that_is_not_a_number_is_a_400_problem(string list) =>
        await Problem(await Client.GetAsync($"{list}?page=two"), HttpStatusCode.BadRequest);

    private async Task<List<string>> Keys(string list, string path) => (await Page(list, path)).Keys;

    // A page, with its items reduced to the key the list is ordered by (tags: the name; the others: the id).
    private async Task<(int Page, int PageSize, long Total, List<string> Keys)> Page(string list, string path)
    {
        var page = await Read<JsonElement>(await Client.GetAsync(path), HttpStatusCode.OK);
        var key = list == "/tags" ? "name" : "id";
        var keys = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(key).ToString()).ToList();
        if (key == "id")
            Assert.Equal(keys.Select(int.Parse).Order(), keys.Select(int.Parse));
        return (page.GetProperty("page").GetInt32(), page.GetProperty("pageSize").GetInt32(), page.GetProperty("total").GetInt64(), keys);
    }
}

public sealed class SqlitePagingTests(SqliteApi api) : PagingTests<SqliteApi>(api);

public sealed class PostgresPagingTests(PostgresApi api) : PagingTests<PostgresApi>(api);
