namespace Framework.Sql;

/// <summary>
/// A statement's shape: every token that decides its SQL (element kinds, operators, tables and columns, the count
/// and types of its values), with no values. Two statements of one shape compile to the same SQL, so the compiled
/// form is cached by this key and the values are taken from each statement when it runs.
/// </summary>
internal sealed class CacheKey : IEquatable<CacheKey>
{
    private readonly object?[] _tokens;
    private readonly int _hash;

    public CacheKey(object?[] tokens)
    {
        _tokens = tokens;
        var hash = new HashCode();
        foreach (var token in tokens)
            hash.Add(token);
        _hash = hash.ToHashCode();
    }

    public bool Equals(CacheKey? other)
    {
        if (other is null || other._hash != _hash || other._tokens.Length != _tokens.Length)
            return false;
        for (var i = 0; i < _tokens.Length; i++)
        {
            if (!Equals(_tokens[i], other._tokens[i]))
                return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as CacheKey);

    public override int GetHashCode() => _hash;
}

/// <summary>Collects a statement's shape tokens and its bound values while elements describe themselves.</summary>
internal sealed class KeyBuilder
{
    private readonly Dictionary<BindParameter, int> _seen = new(ReferenceEqualityComparer.Instance);

    public List<object?> Tokens { get; } = new(32);

    public List<BindParameter> Binds { get; } = [];

    /// <summary>The statement's IN lists: where each value is a parameter, their lengths change the SQL, so they vary the compiled form.</summary>
    public List<ListParameter>? Lists { get; private set; }

    /// <summary>A token compared by its own Equals: a table or column itself stands for its identity.</summary>
    public KeyBuilder Token(object? token) => Add(token);

    public KeyBuilder Add(object? token)
    {
        Tokens.Add(token);
        return this;
    }

    public KeyBuilder Add(ClauseElement? element)
    {
        if (element is null)
            Tokens.Add(null);
        else
            element.AddKey(this);
        return this;
    }

    public KeyBuilder Add(Statement? statement)
    {
        if (statement is null)
            Tokens.Add(null);
        else
            statement.AddKey(this);
        return this;
    }

    public KeyBuilder Add(IReadOnlyList<ClauseElement> elements)
    {
        Tokens.Add(elements.Count);
        foreach (var element in elements)
            element.AddKey(this);
        return this;
    }

    /// <summary>An IN list, of the statement's values or passed by name at execution (its size class is part of the statement's variant, not its shape).</summary>
    public void List(ListParameter list)
    {
        Lists ??= [];
        if (!Lists.Any(l => ReferenceEquals(l, list) || (list.Name is not null && l.Name == list.Name)))
            Lists.Add(list);
    }

    /// <summary>A value: its place in the shape, not the value itself. The same parameter met twice is one value.</summary>
    public void Bind(BindParameter parameter)
    {
        if (_seen.TryGetValue(parameter, out var ordinal))
        {
            Tokens.Add((typeof(KeyBuilder), ordinal));
            return;
        }
        _seen.Add(parameter, Binds.Count);
        Binds.Add(parameter);
        Tokens.Add(typeof(BindParameter));
        Tokens.Add(parameter.Type);
        Tokens.Add(parameter.Key);
    }
}
