using Framework.Sql;

namespace Framework.Dialects.Sqlite;

/// <summary>Where SQLite's SQL differs from what <see cref="SqlCompiler"/> writes (SQLAlchemy's SQLiteCompiler).</summary>
internal sealed class SqliteCompiler(Dialect dialect, IReadOnlyList<BindParameter> binds, object? parameters, int batchRows)
    : SqlCompiler(dialect, binds, parameters, batchRows)
{
    // SQLite has OFFSET only as part of a LIMIT; a negative limit is none.
    public override string OffsetWithoutLimit => " \nLIMIT -1 OFFSET ";

    // SQLite accepts no parentheses around a member of a compound, so it reads the member as a subquery.
    public override string CompoundMemberOpening => "SELECT * FROM (";

    // SQLite locks the whole database when it writes, so a plain FOR UPDATE is left out; options it cannot honour are refused.
    public override void RowLock(string lockMode)
    {
        if (lockMode.Contains(' ', StringComparison.Ordinal))
            throw new NotSupportedException($"SQLite has no row locks, so FOR {lockMode} cannot be honoured; use ForUpdate() without options (it is left out on SQLite).");
    }

    public override void Now() => Append("CURRENT_TIMESTAMP");

    // SQLite reads "SELECT ... ON CONFLICT" ambiguously unless the SELECT ends in a WHERE.
    public override void InsertFromSelect(SelectBase select, bool onConflict)
    {
        if (!onConflict)
        {
            base.InsertFromSelect(select, onConflict);
            return;
        }
        Append(" SELECT * FROM (");
        Nested(select, correlate: false);
        Append(") WHERE true");
    }

    public override void DeleteExtraFroms(Table table, IReadOnlyList<FromClause> extra) =>
        throw new NotSupportedException(
            $"SQLite has no DELETE … USING, and this DELETE's WHERE reads {string.Join(", ", extra.Select(f => $"'{f.Name}'"))}: " +
            $"test the other table in a subquery instead, e.g. Where({table.Name}.C[\"id\"].In(Select(...))) or Where(Exists(Select(...))).");
}
