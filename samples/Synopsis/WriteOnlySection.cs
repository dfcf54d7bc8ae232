using Framework;
using Framework.Orm;
using static Framework.Engines;

namespace Synopsis;

/// <summary>SYNOPSIS.md, "Preventing implicit I/O": the write-only relationship, as written there (after adding user 42).</summary>
internal static class WriteOnlySection
{
    public static async Task RunAsync(string url)
    {
        await using var engine = CreateAsyncEngine(url);
        await using (var setup = new AsyncSession(engine))
        {
            var patrick = new User { Id = 42, Name = "patrick" };
            patrick.Addresses.Add(new Address { EmailAddress = "patrick@example.com" });
            patrick.Addresses.Add(new Address { EmailAddress = "pat@example.org" });
            setup.Add(patrick);
            await setup.CommitAsync();
        }

        await using var session = new AsyncSession(engine);
        var user = await session.GetAsync<User>(42);
        var addresses = (await session.ScalarsAsync(user!.Addresses.Select())).All();
        var filtered = user.Addresses.Select().Where(a => a.EmailAddress.StartsWith("patrick"));

        Console.WriteLine($"addresses: {string.Join(", ", addresses.Select(a => a.EmailAddress))}");
        Console.WriteLine($"filtered: {string.Join(", ", (await session.ScalarsAsync(filtered)).All().Select(a => a.EmailAddress))}");
    }
}
