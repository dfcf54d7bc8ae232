using Framework.Sql;
namespace Framework;

/// <summary>The columns of a result: their names, in order, and a lookup from name to position shared by every row.</summary>
internal sealed class ResultMetadata
{
    private Dictionary<string, int>? _byName;

    public ResultMetadata(string[] keys, Type?[]? targets = null)
    {
        Keys = keys;
        Targets = targets;
    }

    /// <summary>Per column, the .NET type the statement declares for it, where the driver reads another; null when none differs.</summary>
    public Type?[]? Targets { get; }

    public string[] Keys { get; }

    public int Count => Keys.Length;

    /// <summary>The position of a column by exact name, else by name ignoring case (PostgreSQL folds unquoted names to lower case).</summary>
    public int IndexOf(string name)
    {
        var byName = _byName ??= Build(Keys);
        if (byName.TryGetValue(name, out var index))
            return index;
        for (var i = 0; i < Keys.Length; i++)
        {
            if (string.Equals(Keys[i], name, StringComparison.OrdinalIgnoreCase))
                return i;
        }
        return -1;
    }

    public int RequireIndex(string name)
    {
        var index = IndexOf(name);
        return index >= 0 ? index
            : throw new KeyNotFoundException($"Could not locate column {Identifiers.Quoted(name)} in the row; its columns are: {Identifiers.Shortened(Keys)}.");
    }

    public ResultMetadata Project(int[] indexes)
    {
        var keys = new string[indexes.Length];
        for (var i = 0; i < indexes.Length; i++)
            keys[i] = Keys[indexes[i]];
        return new ResultMetadata(keys);
    }

    private static Dictionary<string, int> Build(string[] keys)
    {
        var byName = new Dictionary<string, int>(keys.Length, StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++)
            byName.TryAdd(keys[i], i);
        return byName;
    }
}
