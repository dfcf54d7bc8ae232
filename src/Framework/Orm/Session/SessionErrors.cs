namespace Framework.Orm;

internal static class SessionErrors
{
    public static NoResultException NoInstance<T>(object id) =>
        new($"No {typeof(T).Name} has the primary key {(id is object?[] values ? string.Join(", ", values) : id)}.");
}
