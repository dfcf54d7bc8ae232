namespace Framework.Orm;

/// <summary>Maps a partial class to a table; the source generator implements its partial properties as columns.</summary>
/// <param name="name">The table's name.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class TableAttribute(string name) : Attribute
{
    /// <summary>The table's name.</summary>
    public string Name { get; } = name;

    /// <summary>Whether a flush reads server-generated values (server defaults) back with RETURNING, so they are loaded after it.</summary>
    public bool EagerDefaults { get; set; }
}
