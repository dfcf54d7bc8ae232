namespace Framework.Sql;

// The ORM's entry points join the expression language's under one name, so that one
// `using static Framework.Sql.Expressions;` finds Select(t1) and Select<A>() alike; they are declared here, in Orm,
// because Sql does not know the ORM.
public static partial class Expressions
{
    /// <summary>An ORM SELECT of <typeparamref name="T"/> entities, run by a session (<c>Select&lt;A&gt;().Where(a =&gt; a.Id &gt; 3)</c>).</summary>
    public static Orm.Select<T> Select<T>()
        where T : class, Orm.IMapped<T> => new();

    /// <summary>
    /// An ORM-enabled UPDATE of <typeparamref name="T"/>'s rows, run by a session, which then synchronizes the instances
    /// it holds: <c>Update&lt;A&gt;().Where(a =&gt; a.Id &gt; 3).Set(a =&gt; a.Data, "x")</c>.
    /// </summary>
    public static Orm.Update<T> Update<T>()
        where T : class, Orm.IMapped<T> => new();

    /// <summary>An ORM-enabled DELETE of <typeparamref name="T"/>'s rows, run by a session: <c>Delete&lt;A&gt;().Where(a =&gt; a.Data == "x")</c>.</summary>
    public static Orm.Delete<T> Delete<T>()
        where T : class, Orm.IMapped<T> => new();
}
