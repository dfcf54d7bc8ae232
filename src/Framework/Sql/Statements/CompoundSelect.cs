namespace Framework.Sql;

/// <summary>
/// SELECTs combined by UNION, UNION ALL, INTERSECT or EXCEPT, with its own ORDER BY, LIMIT and OFFSET.
/// Its columns are the first SELECT's.
/// </summary>
public sealed class CompoundSelect : SelectBase
{
    private readonly string _operator;
    private readonly SelectBase[] _selects;
    private readonly ColumnElement[] _orderBy;
    private readonly BindParameter? _limit;
    private readonly BindParameter? _offset;

    private CompoundSelect(string op, SelectBase[] selects, ColumnElement[] orderBy, BindParameter? limit, BindParameter? offset)
    {
        _operator = op;
        _selects = selects;
        _orderBy = orderBy;
        _limit = limit;
        _offset = offset;
    }

    /// <summary>Orders the combined rows; name columns of the first SELECT (or their labels).</summary>
    public CompoundSelect OrderBy(params ColumnElement[] terms) => new(_operator, _selects, [.. _orderBy, .. terms], _limit, _offset);

    /// <summary>Returns at most <paramref name="count"/> of the combined rows.</summary>
    public CompoundSelect Limit(int count) => new(_operator, _selects, _orderBy, CheckCount(count, nameof(count)), _offset);

    /// <summary>Skips the first <paramref name="count"/> combined rows.</summary>
    public CompoundSelect Offset(int count) => new(_operator, _selects, _orderBy, _limit, CheckCount(count, nameof(count)));

    internal SelectBase First => _selects[0];

    internal override IReadOnlyList<ColumnElement> ResultColumns => _selects[0].ResultColumns;

    internal override bool HasTail => _orderBy.Length > 0 || _limit is not null || _offset is not null;

    internal static CompoundSelect Of(string op, SelectBase[] selects)
    {
        if (selects.Length < 2 || selects.Any(s => s is null))
            throw new ArgumentException($"{op} combines at least two SELECTs.", nameof(selects));
        var width = selects[0].ResultColumns.Count;
        if (selects.FirstOrDefault(s => s.ResultColumns.Count != width) is { } uneven)
            throw new ArgumentException($"Every SELECT of {Articles.With(op)} needs the same number of columns: the first has {width}, another {uneven.ResultColumns.Count}.", nameof(selects));
        return new(op, selects, [], null, null);
    }

    internal override void AddKey(KeyBuilder key)
    {
        key.Add(typeof(CompoundSelect)).Add(_operator).Add(_selects.Length);
        foreach (var select in _selects)
            key.Add(select);
        key.Add(_orderBy).Add(_limit).Add(_offset);
    }

    internal override void CompileBody(SqlCompiler compiler)
    {
        var correlate = compiler.CorrelateNext;
        for (var i = 0; i < _selects.Length; i++)
        {
            if (i > 0)
                compiler.Append(' ').Append(_operator).Append(' ');
            var member = _selects[i];
            compiler.CorrelateNext = correlate;
            // A member with its own ORDER BY or LIMIT, or a compound of its own, is grouped: in parentheses, or as the
            // dialect's compiler opens it.
            if (!member.HasTail && member is not CompoundSelect)
                member.CompileBody(compiler);
            else
            {
                compiler.Append(compiler.CompoundMemberOpening);
                compiler.Nested(member, correlate);
                compiler.Append(')');
            }
        }
        CompileTail(compiler, _orderBy, _limit, _offset, compound: true);
    }
}
