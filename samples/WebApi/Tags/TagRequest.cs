using System.ComponentModel.DataAnnotations;
using WebApi.Data;

namespace WebApi.Tags;

/// <summary>The body of <c>POST /tags</c>.</summary>
/// <param name="Name">The tag's name, unique among tags.</param>
public sealed record TagRequest([Required, StringLength(Tag.NameLength)] string Name);
