using System.ComponentModel.DataAnnotations;
using WebApi.Data;

namespace WebApi.Books;

/// <summary>The body of <c>POST /books</c> and <c>PUT /books/{id}</c>.</summary>
/// <param name="Title">The book's title.</param>
/// <param name="AuthorId">The id of its author, who must exist.</param>
/// <param name="Year">The year of first publication, when known.</param>
/// <param name="Tags">The names of its tags; a name no tag has yet makes a new tag.</param>
public sealed record BookRequest(
    [Required, StringLength(Book.TitleLength)] string Title,
    int AuthorId,
    [Range(1, 9999)] int? Year = null,
    [MaxLength(BookRequest.MaxTags)] IReadOnlyList<string>? Tags = null) : IValidatableObject
{
    public const int MaxTags = 10;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Tags?.Any(name => string.IsNullOrWhiteSpace(name) || name.Length > Tag.NameLength) == true)
            yield return new ValidationResult($"A tag name is 1 to {Tag.NameLength} characters, not blank.", [nameof(Tags)]);
    }
}
