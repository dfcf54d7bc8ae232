using System.ComponentModel.DataAnnotations;

namespace Company.WebApplication1.Requests;

/// <summary>The body of a request that creates or renames an author.</summary>
public sealed record AuthorInput([Required, StringLength(200, MinimumLength = 1)] string Name);
