namespace Framework;

/// <summary>Value equality for the column lists in reflected records, which records would otherwise compare by reference.</summary>
internal static class NameLists
{
    public static bool Equal(IReadOnlyList<string> left, IReadOnlyList<string> right) =>
        ReferenceEquals(left, right) || left.SequenceEqual(right, StringComparer.Ordinal);

    public static int Hash(IReadOnlyList<string> names)
    {
        var hash = new HashCode();
        foreach (var name in names)
            hash.Add(name, StringComparer.Ordinal);
        return hash.ToHashCode();
    }
}
