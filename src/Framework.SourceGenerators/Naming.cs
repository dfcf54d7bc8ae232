using System.Text;

namespace Framework.SourceGenerators;

/// <summary>Names derived from property names.</summary>
internal static class Naming
{
    /// <summary>
    /// The snake_case of a property name, as SQLAlchemy users name columns: a word starts at an upper-case letter that
    /// follows a lower-case letter or digit, or that ends a run of capitals before a lower-case letter
    /// (CreateDate → create_date, AId → a_id, HTTPCode → http_code, Item2 → item2).
    /// </summary>
    public static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var previous = i > 0 ? name[i - 1] : '_';
                var next = i + 1 < name.Length ? name[i + 1] : '_';
                var startsWord = char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && char.IsLower(next));
                if (startsWord && previous != '_')
                    builder.Append('_');
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    /// <summary>The backing field of a property: <c>__</c> and the property's name, lower camel case (<c>Id</c> → <c>__id</c>).</summary>
    public static string Field(string property) =>
        "__" + (property.Length == 0 ? property : char.ToLowerInvariant(property[0]) + property.Substring(1));
}
