namespace Framework.Sql;

/// <summary>
/// A value sent as a bound parameter, never as text in the SQL: every literal in an expression becomes one, and
/// <see cref="Expressions.BindParam(string, object?, SqlType?)"/> makes one with a name the caller may give a value for.
/// </summary>
public sealed class BindParameter : ColumnElement
{
    private readonly object? _value;
    private readonly Func<object?>? _producer;

    internal BindParameter(object? value, SqlType? type = null, string? key = null)
    {
        _value = value;
        Type = type;
        Key = key;
    }

    // A value computed each time the statement runs (a column's client-side default).
    internal BindParameter(Func<object?> producer, SqlType? type)
    {
        _producer = producer;
        Type = type;
    }

    /// <summary>The value (for a computed default, a fresh one each time it is read).</summary>
    public object? Value => _producer is null ? _value : _producer();

    /// <summary>The name a caller's parameter may override it by, for <see cref="Expressions.BindParam(string, object?, SqlType?)"/>; null for a literal's value.</summary>
    public string? Key { get; }

    /// <summary>The SQL type of the value, taken from what it is compared with or assigned to.</summary>
    internal SqlType? Type { get; }

    internal override SqlType? ExpressionType => Type;

    internal override Type? ValueType => _value?.GetType();

    internal override void Compile(SqlCompiler compiler) => compiler.Bind(this);

    internal override void AddKey(KeyBuilder key) => key.Bind(this);
}
