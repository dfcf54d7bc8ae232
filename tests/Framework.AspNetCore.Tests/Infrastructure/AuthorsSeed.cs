using System.Globalization;
using System.Net.Http.Json;
using Framework.AspNetCore.TestApp;

namespace Framework.AspNetCore.Tests.Infrastructure;

/// <summary>The authors the eager-load endpoints read, seeded through the test app, and those endpoints' paths for them.</summary>
public static class AuthorsSeed
{
    /// <summary>
    /// Adds <paramref name="count"/> authors with two books each (<c>/eager/seed</c>), and with chapters in each book when
    /// <paramref name="chapters"/> (<c>/eager/chain/seed</c>).
    /// </summary>
    public static async Task<SeededAuthors> Post(HttpClient client, int count, bool chapters = false)
    {
        var response = await client.PostAsync(chapters ? $"/eager/chain/seed/{count}" : $"/eager/seed/{count}", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SeededAuthors>())!;
    }

    /// <summary><paramref name="template"/> with the first author's id as <c>{0}</c> and the last one's as <c>{1}</c>.</summary>
    public static string Path(string template, SeededAuthors seeded) =>
        string.Format(CultureInfo.InvariantCulture, template, seeded.First, seeded.Last);
}
