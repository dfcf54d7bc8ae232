using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using Framework.Sql;
using BinaryExpression = System.Linq.Expressions.BinaryExpression;
using UnaryExpression = System.Linq.Expressions.UnaryExpression;

namespace Framework.Orm;

/// <summary>
/// Turns a lambda over an entity (<c>a =&gt; a.Data == "x" &amp;&amp; a.Id &gt; 3</c>) into a Core expression over its
/// table: properties become columns, everything else is evaluated in C# and bound as a parameter.
/// </summary>
internal static class LambdaTranslator
{
    public static ColumnElement Translate(EntityMapper mapper, LambdaExpression lambda)
    {
        ArgumentNullException.ThrowIfNull(lambda);
        return new Visitor(mapper, lambda.Parameters[0]).Element(lambda.Body);
    }

    /// <summary>The mapped column a property selector names (<c>a =&gt; a.Data</c>).</summary>
    public static MappedColumn Property(EntityMapper mapper, LambdaExpression selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var body = selector.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : selector.Body;
        if (body is not MemberExpression member || member.Expression != selector.Parameters[0])
            throw new ArgumentException($"Name one property of {mapper.EntityType.Name}, as in x => x.Name; '{selector}' is not a property of the entity.", nameof(selector));
        return mapper.Columns.FirstOrDefault(c => c.PropertyName == member.Member.Name) ?? throw new ArgumentException(
            $"{mapper.EntityType.Name}.{member.Member.Name} is not a mapped column; the columns are {string.Join(", ", mapper.Columns.Select(c => c.PropertyName))}.",
            nameof(selector));
    }

    /// <summary>The mapped columns a lambda reads from its entity parameter (to know whether an instance can evaluate it in memory).</summary>
    public static MappedColumn[] ColumnsRead(EntityMapper mapper, LambdaExpression lambda)
    {
        var finder = new MemberFinder(lambda.Parameters[0]);
        finder.Visit(lambda.Body);
        return [.. mapper.Columns.Where(c => finder.Names.Contains(c.PropertyName))];
    }

    private sealed class MemberFinder(ParameterExpression parameter) : ExpressionVisitor
    {
        public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Expression == parameter)
                Names.Add(node.Member.Name);
            return base.VisitMember(node);
        }
    }

    private sealed class Visitor(EntityMapper mapper, ParameterExpression entity)
    {
        public ColumnElement Element(Expression node) => Element(Visit(node));

        private static ColumnElement Element(object? value) => value as ColumnElement ?? ColumnElement.Coerce(value);

        // A ColumnElement when the node reads the entity; otherwise the node's value.
        private object? Visit(Expression node)
        {
            switch (node)
            {
                case BinaryExpression binary:
                    return Binary(binary);
                case UnaryExpression { NodeType: ExpressionType.Not } not:
                    return Visit(not.Operand) is ColumnElement operand ? !Bool(operand, not.Operand) : Evaluate(node);
                case UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert:
                    return Visit(convert.Operand) is ColumnElement element ? element : Evaluate(node);
                case UnaryExpression { NodeType: ExpressionType.Negate } negate:
                    return Visit(negate.Operand) is ColumnElement value ? -value : Evaluate(node);
                case MemberExpression member when member.Expression == entity:
                    return ColumnOf(member);
                case MethodCallExpression call:
                    return Call(call);
                case ConstantExpression constant:
                    return constant.Value;
                default:
                    if (Reads(node))
                        throw Unsupported(node);
                    return Evaluate(node);
            }
        }

        private static LambdaExpression? StripQuotes(Expression node) =>
            node is UnaryExpression { NodeType: ExpressionType.Quote } quote ? quote.Operand as LambdaExpression : node as LambdaExpression;

        // EXISTS (SELECT 1 FROM related WHERE related.fk = outer.key [AND predicate]), correlated to the outer query.
        private static ColumnElement Any(MappedRelationship relationship, LambdaExpression? predicate)
        {
            var target = relationship.Target;
            if (ReferenceEquals(target, relationship.Mapper))
            {
                throw new NotSupportedException(
                    $"{relationship}.Any(...) is self-referential, which needs an alias of the table; write it with Core: Exists(Select(...).Where(...)) over Table.Alias(\"...\").");
            }
            ColumnElement? where = null;
            Sql.Select subquery;
            if (relationship.Direction == RelationshipDirection.ManyToMany)
            {
                foreach (var pair in relationship.Pairs)
                    where = And(where, pair.ChildColumn == pair.ParentColumn);
                foreach (var (targetColumn, secondary) in relationship.TargetPairs)
                    where = And(where, secondary == targetColumn.Column);
                subquery = Expressions.Select(Expressions.Literal(1)).SelectFrom(relationship.Secondary!).SelectFrom(target.Table);
            }
            else
            {
                foreach (var pair in relationship.Pairs)
                    where = And(where, pair.ChildColumn == pair.ParentColumn);
                subquery = Expressions.Select(Expressions.Literal(1)).SelectFrom(target.Table);
            }
            if (predicate is not null)
                where = And(where, Translate(target, predicate));
            return Expressions.Exists(subquery.Where(where!));
        }

        private static ColumnElement And(ColumnElement? left, ColumnElement right) => left is null ? right : left & right;

        private ColumnElement ColumnOf(MemberExpression member)
        {
            var column = mapper.Columns.FirstOrDefault(c => c.PropertyName == member.Member.Name);
            return column?.Column ?? throw new NotSupportedException(
                $"{mapper.EntityType.Name}.{member.Member.Name} is not a mapped column, so a query cannot use it; use a mapped property " +
                $"({string.Join(", ", mapper.Columns.Select(c => c.PropertyName))}).");
        }

        private object? Binary(BinaryExpression node)
        {
            var left = Visit(node.Left);
            var right = Visit(node.Right);
            if (left is not ColumnElement && right is not ColumnElement)
                return Evaluate(node);
            // An enum compared in C# arrives as its number; the column holds the enum.
            left = EnumValue(left, node.Right);
            right = EnumValue(right, node.Left);
            switch (node.NodeType)
            {
                case ExpressionType.AndAlso:
                    return Bool(Element(left), node.Left) & Bool(Element(right), node.Right);
                case ExpressionType.OrElse:
                    return Bool(Element(left), node.Left) | Bool(Element(right), node.Right);
                case ExpressionType.Equal:
                    return right is null ? Element(left).IsNull() : left is null ? Element(right).IsNull() : Compare(left, right, node.NodeType);
                case ExpressionType.NotEqual:
                    return right is null ? Element(left).IsNotNull() : left is null ? Element(right).IsNotNull() : Compare(left, right, node.NodeType);
                case ExpressionType.LessThan or ExpressionType.LessThanOrEqual or ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual:
                    return Compare(left, right, node.NodeType);
                case ExpressionType.Add when node.Type == typeof(string):
                    return Concat(left, right);
                case ExpressionType.Add:
                    return left is ColumnElement l ? l + right : (ColumnElement)right! + left;
                case ExpressionType.Subtract:
                    return left is ColumnElement sl ? sl - right : left - (ColumnElement)right!;
                case ExpressionType.Multiply:
                    return left is ColumnElement ml ? ml * right : left * (ColumnElement)right!;
                case ExpressionType.Divide:
                    return left is ColumnElement dl ? dl / right : left / (ColumnElement)right!;
                case ExpressionType.Modulo:
                    return left is ColumnElement rl ? rl % right : left % (ColumnElement)right!;
                case ExpressionType.Coalesce:
                    return Func.Coalesce(Element(left), Element(right));
                default:
                    throw Unsupported(node);
            }
        }

        private static ColumnElement Concat(object? left, object? right) =>
            left is ColumnElement l ? l + ColumnElement.Coerce(right) : ColumnElement.Coerce(left) + (ColumnElement)right!;

        private static ColumnElement Compare(object? left, object? right, ExpressionType op)
        {
            // A value on the left is written on the right, with the comparison turned around.
            if (left is not ColumnElement column)
            {
                column = (ColumnElement)right!;
                right = left;
                op = op switch
                {
                    ExpressionType.LessThan => ExpressionType.GreaterThan,
                    ExpressionType.LessThanOrEqual => ExpressionType.GreaterThanOrEqual,
                    ExpressionType.GreaterThan => ExpressionType.LessThan,
                    ExpressionType.GreaterThanOrEqual => ExpressionType.LessThanOrEqual,
                    _ => op,
                };
            }
            return op switch
            {
                ExpressionType.Equal => column == right,
                ExpressionType.NotEqual => column != right,
                ExpressionType.LessThan => column < right,
                ExpressionType.LessThanOrEqual => column <= right,
                ExpressionType.GreaterThan => column > right,
                _ => column >= right,
            };
        }

        // A bool property used as a condition on its own (a => a.Active) is compared with true.
        private static ColumnElement Bool(ColumnElement element, Expression source) =>
            source is MemberExpression && (source.Type == typeof(bool) || source.Type == typeof(bool?)) ? element == true : element;

        private static object? EnumValue(object? value, Expression other)
        {
            if (value is ColumnElement || value is null)
                return value;
            var otherType = other is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand.Type : other.Type;
            var enumType = Nullable.GetUnderlyingType(otherType) ?? otherType;
            return enumType.IsEnum && !value.GetType().IsEnum ? Enum.ToObject(enumType, value) : value;
        }

        private object? Call(MethodCallExpression call)
        {
            var target = call.Object is null ? null : Visit(call.Object);
            var method = call.Method;
            if (target is ColumnElement column && method.DeclaringType == typeof(string))
            {
                switch (method.Name)
                {
                    case nameof(string.StartsWith) when call.Arguments.Count == 1:
                        return column.StartsWith((string)Value(call.Arguments[0])!);
                    case nameof(string.EndsWith) when call.Arguments.Count == 1:
                        return column.EndsWith((string)Value(call.Arguments[0])!);
                    case nameof(string.Contains) when call.Arguments.Count == 1:
                        return column.Contains((string)Value(call.Arguments[0])!);
                    case nameof(string.ToLower) or nameof(string.ToLowerInvariant) when call.Arguments.Count == 0:
                        return Func.Lower(column);
                    case nameof(string.ToUpper) or nameof(string.ToUpperInvariant) when call.Arguments.Count == 0:
                        return Func.Upper(column);
                }
            }
            // a.Bs.Any() and a.Bs.Any(b => ...): EXISTS over the related rows.
            if (method.Name == nameof(Enumerable.Any) && method.DeclaringType == typeof(Enumerable)
                && call.Arguments[0] is MemberExpression { Expression: var owner } related && owner == entity
                && mapper.Relationships.FirstOrDefault(r => r.PropertyName == related.Member.Name) is { } relationship)
            {
                return Any(relationship, call.Arguments.Count == 2 ? StripQuotes(call.Arguments[1]) : null);
            }
            // values.Contains(a.Id): IN.
            if (method.Name == "Contains" && ContainsArguments(call) is ({ } list, { } item) && Visit(item) is ColumnElement inColumn)
                return inColumn.In(BoxedList(Value(list)));
            if (method.Name == nameof(object.Equals) && call.Object is not null && call.Arguments.Count == 1 && target is ColumnElement equalsColumn)
                return Compare(equalsColumn, EnumValue(Visit(call.Arguments[0]), call.Object), ExpressionType.Equal);
            if (Reads(call))
                throw Unsupported(call);
            return Evaluate(call);
        }

        private static (Expression? List, Expression? Item) ContainsArguments(MethodCallExpression call) => call switch
        {
            { Object: null, Arguments.Count: 2 } => (Unspan(call.Arguments[0]), call.Arguments[1]),
            { Object: { } list, Arguments.Count: 1 } when list.Type != typeof(string) => (list, call.Arguments[0]),
            _ => (null, null),
        };

        // C# 14 binds array.Contains(x) to MemoryExtensions.Contains over a span: the array is what holds the values.
        private static Expression Unspan(Expression list) => list switch
        {
            MethodCallExpression { Method.Name: "op_Implicit", Arguments: [var array] } when IsSpan(list.Type) => array,
            UnaryExpression { NodeType: ExpressionType.Convert, Operand: var array } when IsSpan(list.Type) => array,
            _ => list,
        };

        private static bool IsSpan(Type type) =>
            type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(ReadOnlySpan<>) || type.GetGenericTypeDefinition() == typeof(Span<>));

        private static object?[] BoxedList(object? list) =>
            list is IEnumerable values ? [.. values.Cast<object?>()] : throw new NotSupportedException("Contains needs a collection of values.");

        private object? Value(Expression node) => Reads(node) ? throw Unsupported(node) : Evaluate(node);

        // Whether the node reads the entity parameter anywhere.
        private bool Reads(Expression node)
        {
            var finder = new ParameterFinder(entity);
            finder.Visit(node);
            return finder.Found;
        }

        private static object? Evaluate(Expression node)
        {
            switch (node)
            {
                case ConstantExpression constant:
                    return constant.Value;
                case MemberExpression { Member: FieldInfo field } member:
                    return field.GetValue(member.Expression is null ? null : Evaluate(member.Expression));
                case MemberExpression { Member: PropertyInfo property } member:
                    return property.GetValue(member.Expression is null ? null : Evaluate(member.Expression));
                default:
                    return Expression.Lambda<Func<object?>>(Expression.Convert(node, typeof(object))).Compile(preferInterpretation: true)();
            }
        }

        private NotSupportedException Unsupported(Expression node) => new(
            $"The query lambda over {mapper.EntityType.Name} uses '{node}', which has no SQL translation. Compare mapped properties with " +
            "values (==, !=, <, >, &&, ||, !), use StartsWith/EndsWith/Contains/ToLower/ToUpper on strings or values.Contains(x.Prop), " +
            "or write the condition as a Core expression: Where(Table.C[\"column\"] ...).");
    }

    private sealed class ParameterFinder(ParameterExpression parameter) : ExpressionVisitor
    {
        public bool Found { get; private set; }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            if (node == parameter)
                Found = true;
            return node;
        }
    }
}
