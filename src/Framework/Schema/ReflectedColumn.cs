namespace Framework;

/// <summary>A column as the database describes it (SQLAlchemy's <c>ReflectedColumn</c>).</summary>
/// <param name="Name">The column's name.</param>
/// <param name="Type">The declared type as the database spells it (<c>character varying(50)</c> on PostgreSQL, the declaration on SQLite).</param>
/// <param name="Nullable">Whether the column accepts NULL.</param>
/// <param name="Default">The server default as SQL text, or null when there is none.</param>
/// <param name="Autoincrement">Whether the database numbers the column itself (SERIAL or IDENTITY on PostgreSQL, the INTEGER PRIMARY KEY rowid alias on SQLite).</param>
public sealed record ReflectedColumn(string Name, string Type, bool Nullable, string? Default, bool Autoincrement);
