namespace Framework.Sql;

// What a dialect's compiler may write differently. The base writes what PostgreSQL and the SQL standard write; a
// dialect whose database reads something else overrides only that (Dialects/<Name>/<Name>Compiler.cs).
internal partial class SqlCompiler
{
    /// <summary>What comes before the OFFSET value when the statement has no LIMIT.</summary>
    public virtual string OffsetWithoutLimit => " OFFSET ";

    /// <summary>
    /// What opens a member of a compound SELECT that has an ORDER BY or LIMIT of its own, or is a compound itself;
    /// a <c>)</c> closes it.
    /// </summary>
    public virtual string CompoundMemberOpening => "(";

    /// <summary>The row lock of a SELECT: <c>FOR UPDATE</c>, <c>FOR SHARE NOWAIT</c>, ...</summary>
    public virtual void RowLock(string lockMode) => Append(" FOR ").Append(lockMode);

    /// <summary>The current date and time, <see cref="Func.Now"/>.</summary>
    public virtual void Now() => Append("now()");

    /// <summary>The SELECT of an INSERT … SELECT; <paramref name="onConflict"/> when an ON CONFLICT clause follows it.</summary>
    public virtual void InsertFromSelect(SelectBase select, bool onConflict)
    {
        Append(' ');
        Nested(select, correlate: false);
    }

    /// <summary>The tables besides its own that a DELETE's WHERE reads (never empty): <c>USING a, b</c>.</summary>
    public virtual void DeleteExtraFroms(Table table, IReadOnlyList<FromClause> extra)
    {
        for (var i = 0; i < extra.Count; i++)
        {
            Append(i > 0 ? ", " : " USING ");
            extra[i].CompileFrom(this);
        }
    }
}
