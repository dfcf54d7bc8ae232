namespace Framework.Sql;

/// <summary>
/// The base of the expression language's statements: immutable (each builder method returns a new statement).
/// Its compiled SQL is cached by shape in the dialect, so building the same statement again with other values
/// compiles nothing; the values are taken from each statement when it runs.
/// </summary>
public abstract class Statement : Executable
{
    private Shape? _shape;
    private CompiledFor? _last;

    private protected Statement()
    {
    }

    internal override Compiled CompileCached(Dialect dialect, object? parameters) => CompileCached(dialect, parameters, batchRows: 1);

    /// <summary>The statement compiled to write <paramref name="batchRows"/> rows of caller values (an insertmanyvalues page).</summary>
    internal Compiled CompileCached(Dialect dialect, object? parameters, int batchRows)
    {
        var shape = GetShape();
        var variant = batchRows == 1 ? Variant(parameters) : $"{Variant(parameters)}\u0001{batchRows}";
        // An IN list bound as one array writes the same SQL for any length.
        if (shape.Lists is { } lists && !dialect.BindsListsAsArrays)
            variant += ListVariant(lists, parameters);
        // A statement object reused in a loop skips even the shape's cache lookup.
        if (_last is { } last && ReferenceEquals(last.Dialect, dialect) && last.Variant == variant)
            return last.Compiled;
        var compiled = dialect.GetOrCompile((shape.Key, variant), (Statement: this, Parameters: parameters, shape.Binds, batchRows), static (state, d) =>
        {
            var compiler = d.CreateCompiler(state.Binds, state.Parameters, state.batchRows);
            state.Statement.Compile(compiler, state.Parameters);
            return compiler.Finish();
        });
        _last = new CompiledFor(dialect, variant, compiled);
        return compiled;
    }

    internal override BindParameter[] BoundValues => GetShape().Binds;

    internal override void CheckParameterSets(IReadOnlyList<object> sets)
    {
        if (GetShape().Lists?.FirstOrDefault(l => l.Name is not null) is { } named)
        {
            throw new ArgumentException(
                $"The list parameter {Identifiers.Quoted(named.Name)} (an IN list) cannot vary across the parameter sets of an executemany, as its length " +
                "changes the SQL: run the statement once per set, or give the values to In(...) when building it.", "parameters");
        }
    }

    // The size class of each list the caller passes: lists of one class share the compiled SQL.
    private static string ListVariant(ListParameter[] lists, object? parameters)
    {
        var variant = new System.Text.StringBuilder();
        foreach (var list in lists)
            variant.Append('\u0002').Append(ListParameter.Bucket(list.Count(parameters)));
        return variant.ToString();
    }

    /// <summary>Describes the statement's shape: what decides its SQL, with its values as bind parameters.</summary>
    internal abstract void AddKey(KeyBuilder key);

    /// <summary>What besides the shape changes the SQL (an INSERT's columns come from the caller's keys); empty by default.</summary>
    private protected virtual string Variant(object? parameters) => "";

    private protected abstract void Compile(SqlCompiler compiler, object? parameters);

    /// <summary>
    /// The SQL for reading, in no database's dialect: parameters appear by name (<c>:param_1</c>, <c>:name</c>).
    /// <see cref="Executable.Compile(Dialect)"/> with an engine's dialect shows what that database receives.
    /// </summary>
    public override string ToString() => Compile(StringDialect.Instance).Sql;

    private Shape GetShape()
    {
        if (_shape is { } shape)
            return shape;
        var builder = new KeyBuilder();
        AddKey(builder);
        return _shape = new Shape(new CacheKey([.. builder.Tokens]), [.. builder.Binds], builder.Lists?.ToArray());
    }

    private sealed record Shape(CacheKey Key, BindParameter[] Binds, ListParameter[]? Lists);

    private sealed record CompiledFor(Dialect Dialect, string Variant, Compiled Compiled);
}
