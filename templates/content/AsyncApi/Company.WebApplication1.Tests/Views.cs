namespace Company.WebApplication1.Tests;

// The JSON the API answers, as a client reads it.
public sealed record AuthorView(int Id, string Name, List<BookView> Books);

public sealed record BookView(int Id, string Title, int AuthorId, AuthorView? Author);

public sealed record ValidationProblemView(int Status, Dictionary<string, string[]> Errors);
