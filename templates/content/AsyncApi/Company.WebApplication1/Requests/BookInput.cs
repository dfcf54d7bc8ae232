using System.ComponentModel.DataAnnotations;

namespace Company.WebApplication1.Requests;

/// <summary>The body of a request that creates or changes a book.</summary>
public sealed record BookInput([Required, StringLength(200, MinimumLength = 1)] string Title, [Range(1, int.MaxValue)] int AuthorId);
