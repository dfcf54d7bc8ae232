namespace WebApi.Data;

/// <summary>The rows a new database starts with.</summary>
public static class SeedData
{
    public static IEnumerable<Author> Authors()
    {
        var classic = new Tag { Name = "classic" };
        var fantasy = new Tag { Name = "fantasy" };
        var humour = new Tag { Name = "humour" };
        var scienceFiction = new Tag { Name = "science-fiction" };
        return
        [
            new Author
            {
                Name = "Ursula K. Le Guin",
                Books =
                [
                    new Book { Title = "A Wizard of Earthsea", Year = 1968, Tags = [classic, fantasy] },
                    new Book { Title = "The Left Hand of Darkness", Year = 1969, Tags = [classic, scienceFiction] },
                    new Book { Title = "The Dispossessed", Year = 1974, Tags = [scienceFiction] },
                ],
            },
            new Author
            {
                Name = "Octavia E. Butler",
                Books =
                [
                    new Book { Title = "Kindred", Year = 1979, Tags = [classic, scienceFiction] },
                    new Book { Title = "Parable of the Sower", Year = 1993, Tags = [scienceFiction] },
                ],
            },
            new Author
            {
                Name = "Terry Pratchett",
                Books =
                [
                    new Book { Title = "Guards! Guards!", Year = 1989, Tags = [fantasy, humour] },
                    new Book { Title = "Small Gods", Year = 1992, Tags = [fantasy, humour] },
                ],
            },
        ];
    }
}
