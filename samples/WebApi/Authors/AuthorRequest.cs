using System.ComponentModel.DataAnnotations;
using WebApi.Data;

namespace WebApi.Authors;

/// <summary>The body of <c>POST /authors</c> and <c>PUT /authors/{id}</c>.</summary>
/// <param name="Name">The author's name.</param>
public sealed record AuthorRequest([Required, StringLength(Author.NameLength)] string Name);
