using System.Text;
using Framework.Diagnostics;

namespace Framework.Sql;

/// <summary>
/// Turns one statement into SQL for one dialect: writes the text, quotes identifiers, numbers bound parameters,
/// correlates subqueries and gathers CTEs into one WITH. Statements call back into it (<see cref="ClauseElement"/>'s
/// Compile). Where databases write one thing differently, a dialect's subclass overrides the hooks of
/// SqlCompiler.Hooks.cs (as SQLAlchemy's SQLiteCompiler does), and <see cref="Dialect"/> says what the database can do.
/// </summary>
internal partial class SqlCompiler
{
    private readonly Dialect _dialect;
    private readonly Dictionary<BindParameter, int> _ordinals;
    private StringBuilder _sql = new();
    private readonly List<string> _names = [];
    private readonly List<int> _slots = [];
    private readonly List<bool> _overridable = [];
    private readonly List<int> _rows = [];
    private readonly List<ListSlot?> _lists = [];
    private readonly List<Column> _defaults = [];
    private readonly List<Cte> _ctes = [];
    private readonly List<List<FromClause>> _enclosing = [];
    private List<Cte>? _cteDependencies;
    private bool _correlateNext;
    private int _depth;
    private bool _effects;
    private bool _locks;
    private string? _operation;
    private string? _collection;
    private bool _collectionUnknown;

    /// <param name="dialect">The dialect written for.</param>
    /// <param name="binds">The statement's bound values in key order: each one's slot records its position there.</param>
    /// <param name="parameters">What the caller passes at execution, for what decides the SQL; null when nothing.</param>
    /// <param name="batchRows">How many rows of caller values an INSERT writes.</param>
    public SqlCompiler(Dialect dialect, IReadOnlyList<BindParameter> binds, object? parameters, int batchRows)
    {
        _dialect = dialect;
        Parameters = parameters;
        BatchRows = batchRows;
        _ordinals = new Dictionary<BindParameter, int>(binds.Count, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < binds.Count; i++)
            _ordinals.TryAdd(binds[i], i);
    }

    public Dialect Dialect => _dialect;

    /// <summary>The .NET types of the top-level statement's result columns, when it has them.</summary>
    public Type?[]? ResultTypes { get; set; }

    /// <summary>Where an ORDER BY is being written: labels are then named, and a compound's columns written bare.</summary>
    public OrderingMode Ordering { get; set; }

    public enum OrderingMode
    {
        None,
        Select,
        Compound,
    }

    /// <summary>What the caller passes at execution, for what decides the SQL (the lengths of IN lists); null when nothing.</summary>
    public object? Parameters { get; }

    /// <summary>How many rows of caller values an INSERT writes (insertmanyvalues pages have many).</summary>
    public int BatchRows { get; }

    /// <summary>Whether the statement being written is the outermost one (not a subquery).</summary>
    public bool TopLevel => _depth == 0;

    /// <summary>Set by a SELECT at the top: the statement reads rows and, unless <see cref="MayHaveEffects"/> is called, nothing else.</summary>
    public bool Query { get; set; }

    /// <summary>
    /// Notes that the statement may do more than read committed rows: lock them, run a function (which may write, or read
    /// the transaction's clock), or run SQL text the compiler cannot see into. Such a statement needs its transaction begun.
    /// </summary>
    public void MayHaveEffects() => _effects = true;

    /// <summary>Notes that the statement locks what it reads (FOR UPDATE), which only means something inside a transaction.</summary>
    public void LocksRows()
    {
        _effects = true;
        _locks = true;
    }

    /// <summary>Names the statement's operation for telemetry (SELECT, INSERT, ...); <paramref name="table"/> is the table it writes.</summary>
    public void Operation(string operation, string? table = null)
    {
        _operation ??= operation;
        if (table is not null)
            Reads(table);
    }

    /// <summary>Notes a table the statement reads or writes: telemetry names a statement after its table when it works on one only.</summary>
    public void Reads(string table)
    {
        if (_collection is null)
            _collection = table;
        else if (_collection != table)
            _collectionUnknown = true;
    }

    public SqlCompiler Append(string text)
    {
        _sql.Append(text);
        return this;
    }

    public SqlCompiler Append(char c)
    {
        _sql.Append(c);
        return this;
    }

    public SqlCompiler Identifier(string name) => Append(Identifiers.Quote(name, _dialect));

    /// <summary>Literal SQL with <c>:name</c> parameters (a <see cref="TextClause"/> inside a statement), its parameters the caller's.</summary>
    public void Text(string text)
    {
        MayHaveEffects();
        // The tables the text reads are not read out of it: which the statement works on is unknown.
        _collectionUnknown = true;
        TextClause.Write(text, _dialect, _sql, name => Marker(name, -1, overridable: false, type: null, row: 0));
    }

    /// <summary>A value bound from the statement itself, under a name no other parameter of the statement has.</summary>
    public void Bind(BindParameter parameter)
    {
        if (!_ordinals.TryGetValue(parameter, out var ordinal))
            throw new InvalidOperationException("A bound value was compiled that the statement's cache key did not describe; this is a bug in Framework.");
        Slot(parameter.Key ?? FreshName(), ordinal, parameter.Key is not null, parameter.Type, row: 0);
    }

    // A name no parameter of the statement has yet: param_1, param_2, ...
    private string FreshName()
    {
        var number = _slots.Count(s => s >= 0) + 1;
        var name = $"param_{number}";
        while (_names.Contains(name))
            name = $"param_{++number}";
        return name;
    }

    /// <summary>
    /// The parameters of an IN list of <paramref name="count"/> values, comma-separated: as many as its size class
    /// (within the dialect's limit), named <c>name_1</c>, <c>name_2</c>, ...; spare ones repeat the last value.
    /// </summary>
    public void List(ListParameter list, int count)
    {
        if (count > _dialect.MaxParameters)
        {
            throw new ArgumentException(
                $"An IN list of {count} values is more than the {_dialect.MaxParameters} parameters {_dialect.Name} takes in one statement: " +
                "split the values into chunks, or put them in a table and use In(Select(...)).");
        }
        var markers = Math.Min(ListParameter.Bucket(count), _dialect.MaxParameters);
        var ordinal = ListOrdinal(list);
        var name = list.Name ?? FreshName();
        for (var i = 0; i < markers; i++)
        {
            if (i > 0)
                Append(", ");
            Append(Marker($"{name}_{i + 1}", ordinal, overridable: list.Name is not null && ordinal >= 0, list.Type, row: 0, new ListSlot(name, i, markers)));
        }
    }

    /// <summary>
    /// An IN list as one array parameter (<see cref="Dialect.BindsListsAsArrays"/>), named as the list is, whatever its
    /// length; cast as an array of the list's type where the dialect casts one (a PostgreSQL enum's <c>::mood[]</c>).
    /// </summary>
    public void ListArray(ListParameter list)
    {
        var ordinal = ListOrdinal(list);
        var name = list.Name ?? FreshName();
        var arrayType = list.Type is { Kind: not (SqlTypeKind.Unknown or SqlTypeKind.Array) } type ? SqlType.Array(type) : null;
        Append(Marker(name, ordinal, overridable: list.Name is not null && ordinal >= 0, arrayType, row: 0, ListSlot.Array(name, list.Type, list.ValueType)));
    }

    // The position of a list's own values among the statement's bound values; -1 for a list the caller passes.
    private int ListOrdinal(ListParameter list)
    {
        var ordinal = -1;
        if (list.Values is { } values && !_ordinals.TryGetValue(values, out ordinal))
            throw new InvalidOperationException("A bound list was compiled that the statement's cache key did not describe; this is a bug in Framework.");
        return ordinal;
    }

    /// <summary>A value the caller passes at execution, by name (<c>:name</c>), from parameter set <paramref name="row"/> of a batch.</summary>
    public void Parameter(string name, SqlType? type = null, int row = 0) => Slot(name, -1, overridable: false, type, row);

    /// <summary>A column's client-side default, computed for each row when the statement runs.</summary>
    public void Default(Column column, int row)
    {
        var index = _defaults.IndexOf(column);
        if (index < 0)
        {
            index = _defaults.Count;
            _defaults.Add(column);
        }
        Slot(column.Name, DefaultSlot(index), overridable: false, column.Type, row);
    }

    /// <summary>The slot number of client-side default <paramref name="index"/>: below -1, so it never reads a caller's or the statement's value.</summary>
    public static int DefaultSlot(int index) => -2 - index;

    /// <summary>Compiles an operand of an operator of precedence <paramref name="precedence"/>, in parentheses when it binds no tighter.</summary>
    public void Operand(ColumnElement element, int precedence)
    {
        var group = element.Precedence <= precedence;
        if (group)
            Append('(');
        element.Compile(this);
        if (group)
            Append(')');
    }

    /// <summary>Items separated by commas.</summary>
    public void List(IReadOnlyList<ColumnElement> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
                Append(", ");
            items[i].Compile(this);
        }
    }

    /// <summary><paramref name="keyword"/> and the element, when there is one (WHERE, HAVING).</summary>
    public void Clause(string keyword, ColumnElement? element)
    {
        if (element is null)
            return;
        Append(keyword);
        element.Compile(this);
    }

    /// <summary><paramref name="keyword"/> and the items, when there are any (GROUP BY, ORDER BY, RETURNING).</summary>
    public void Clause(string keyword, IReadOnlyList<ColumnElement> items)
    {
        if (items.Count == 0)
            return;
        Append(keyword);
        List(items);
    }

    /// <summary>
    /// A SELECT inside this statement. Correlated (a scalar subquery, EXISTS, IN), it leaves out of its FROM the
    /// tables an enclosing statement already reads, as SQLAlchemy does; in a FROM, it reads what it names.
    /// </summary>
    public void Nested(SelectBase select, bool correlate)
    {
        var ordering = Ordering;
        Ordering = OrderingMode.None;
        _depth++;
        _correlateNext = correlate;
        select.CompileBody(this);
        _correlateNext = false;
        _depth--;
        Ordering = ordering;
    }

    /// <summary>Whether the next SELECT written correlates (a compound SELECT passes it on to each of its members).</summary>
    public bool CorrelateNext
    {
        get => _correlateNext;
        set => _correlateNext = value;
    }

    /// <summary>Called by a SELECT with its FROM items: removes those an enclosing statement reads, when correlating.</summary>
    public List<FromClause> Correlate(List<FromClause> froms)
    {
        if (!_correlateNext)
            return froms;
        _correlateNext = false;
        var own = froms.Where(f => !_enclosing.Any(outer => outer.Contains(f))).ToList();
        // A subquery that reads only enclosing tables still needs a FROM of its own.
        return own.Count > 0 ? own : froms;
    }

    /// <summary>Runs <paramref name="body"/> with <paramref name="froms"/> visible to subqueries inside it.</summary>
    public void Enclosing(List<FromClause> froms, Action<SqlCompiler> body)
    {
        _correlateNext = false;
        _enclosing.Add(froms);
        body(this);
        _enclosing.RemoveAt(_enclosing.Count - 1);
    }

    /// <summary>Records a CTE the statement reads; the WITH clause is written in front when the statement is finished.</summary>
    public void Cte(Cte cte)
    {
        _cteDependencies?.Add(cte);
        if (!_ctes.Any(c => c.Name == cte.Name))
            _ctes.Add(cte);
        else if (!_ctes.Any(c => ReferenceEquals(c, cte)) && _ctes.First(c => c.Name == cte.Name) is var other
            && !SameCte(other, cte))
        {
            throw new InvalidOperationException($"Two different CTEs are named {Identifiers.Quoted(cte.Name)} in one statement; give them different names.");
        }
    }

    public Compiled Finish()
    {
        if (_ctes.Count > 0)
            PrependWith();
        return new Compiled(_sql.ToString(), [.. _names], [.. _slots], _overridable.Contains(true) ? [.. _overridable] : null, ResultTypes)
        {
            Rows = _rows.Any(r => r > 0) ? [.. _rows] : null,
            Lists = _lists.Any(l => l is not null) ? [.. _lists] : null,
            Defaults = _defaults.Count > 0 ? [.. _defaults] : null,
            ReadsOnly = Query && !_effects,
            LocksRows = _locks,
            Telemetry = new OperationNames(_operation, _collectionUnknown ? null : _collection),
        };
    }

    // A recursive CTE is read inside its own body under its first form: the two are one CTE.
    private static bool SameCte(Cte a, Cte b) => a.Recursive && b.Recursive && (
        a.Select is CompoundSelect ca && ca.First == b.Select || b.Select is CompoundSelect cb && cb.First == a.Select);

    private void PrependWith()
    {
        var body = _sql;
        var written = new List<(Cte Cte, string Text)>();
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        // Each CTE is written after the CTEs its body reads; the last registered form of a name is its full body.
        for (var i = 0; i < _ctes.Count; i++)
            Write(Fullest(_ctes[i]));
        _sql = new StringBuilder();
        Append(written.Any(w => w.Cte.Recursive) ? "WITH RECURSIVE " : "WITH ");
        for (var i = 0; i < written.Count; i++)
        {
            Append(i > 0 ? ", " : "").Identifier(written[i].Cte.Name).Append(" AS \n(").Append(written[i].Text).Append(')');
        }
        Append(" \n").Append(body.ToString());

        void Write(Cte cte)
        {
            if (written.Any(w => w.Cte.Name == cte.Name) || !visiting.Add(cte.Name))
                return;
            var outer = _cteDependencies;
            _cteDependencies = [];
            _sql = new StringBuilder();
            _depth++;
            cte.Select.CompileBody(this);
            _depth--;
            var text = _sql.ToString();
            var dependencies = _cteDependencies;
            _cteDependencies = outer;
            foreach (var dependency in dependencies)
                Write(Fullest(dependency));
            written.Add((cte, text));
        }
    }

    // Of the CTEs sharing a name (a recursive one and its anchor), the one with the complete body.
    private Cte Fullest(Cte cte) => _ctes.Where(c => c.Name == cte.Name).MaxBy(c => c.Select is CompoundSelect ? 1 : 0) ?? cte;

    private void Slot(string name, int ordinal, bool overridable, SqlType? type, int row) => Append(Marker(name, ordinal, overridable, type, row));

    private string Marker(string name, int ordinal, bool overridable, SqlType? type, int row, ListSlot? list = null)
    {
        // A caller's parameter used twice (in one row of a batch) shares its slot; a statement's own values and
        // computed defaults never share one.
        var position = -1;
        for (var i = 0; ordinal == -1 && i < _names.Count; i++)
        {
            if (_names[i] == name && _slots[i] == -1 && _rows[i] == row)
            {
                position = i;
                break;
            }
        }
        if (position < 0)
        {
            position = _names.Count;
            _names.Add(name);
            _slots.Add(ordinal);
            _overridable.Add(overridable);
            _rows.Add(row);
            _lists.Add(list);
        }
        var marker = _dialect.BindMarker(position, name);
        return type is not null && _dialect.BindCast(type) is { } cast ? marker + cast : marker;
    }
}
