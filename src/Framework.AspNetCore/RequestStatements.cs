using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Framework.Orm;

namespace Framework.AspNetCore;

/// <summary>
/// What the statements of one request's sessions add up to: how many, how long, and how often each shape (cache key) ran
/// with different values. Fed by each session's <see cref="SessionEvents.StatementExecuted"/>; the sessions of one request
/// may run at once, hence the lock.
/// </summary>
internal sealed partial class RequestStatements(int nPlusOneThreshold)
{
    /// <summary>The names under which the count and the time go on the request's activity and log scope.</summary>
    public const string CountName = "framework.db.statement_count";
    public const string DurationName = "framework.db.duration";

    private readonly Lock _gate = new();
    private readonly Dictionary<object, Shape> _shapes = [];
    private int _count;
    private long _ticks;

    public int Count => Volatile.Read(ref _count);

    public TimeSpan Duration => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    public void Executed(StatementEventArgs statement)
    {
        lock (_gate)
        {
            _count++;
            _ticks += statement.Duration.Ticks;
            var key = statement.CacheKey ?? statement.Sql;
            if (!_shapes.TryGetValue(key, out var shape))
                _shapes[key] = shape = new Shape(statement.Sql);
            shape.Count++;
            // Only whether the distinct values pass the threshold matters, so the set stops growing there.
            if (nPlusOneThreshold > 0 && shape.Values.Count <= nPlusOneThreshold)
                shape.Values.Add(Fingerprint(statement.Parameters));
        }
    }

    /// <summary>What the request did wrong, if anything: over <paramref name="budget"/>, or an N+1 suspect.</summary>
    public ExcessiveQueriesException? Verdict(int? budget, IEnumerable<AsyncSession> sessions)
    {
        List<(Shape Shape, int Distinct)> all;
        int count;
        lock (_gate)
        {
            count = _count;
            all = [.. _shapes.Values.Select(s => (s, s.Values.Count))];
        }
        var suspects = nPlusOneThreshold > 0 ? all.Where(s => s.Distinct > nPlusOneThreshold).Select(s => s.Shape).ToList() : [];
        var over = budget is { } max && count > max;
        if (!over && suspects.Count == 0)
            return null;

        var mappers = sessions.SelectMany(s => s.IdentityMap).Select(e => Inspection.Inspect(e).Mapper).Distinct().ToList();
        var named = suspects.Select(s => Suspect(s, mappers)).ToList();
        var statements = all.OrderByDescending(s => s.Shape.Count).Select(s => new QueryShape(s.Shape.Sql, s.Shape.Count)).ToList();
        var message = new StringBuilder();
        if (over)
            message.Append(CultureInfo.InvariantCulture, $"The request ran {count} statements, over its query budget of {budget}.");
        foreach (var suspect in named)
        {
            if (message.Length > 0)
                message.Append(' ');
            message.Append(CultureInfo.InvariantCulture, $"N+1 suspected: the same statement ran {suspect.Count} times with different values");
            message.Append(suspect.Relationship is null
                ? $" ({suspect.Sql})."
                : $", loading {suspect.Relationship} one instance at a time ({suspect.Sql}); load it eagerly with {suspect.Fix}.");
        }
        return new ExcessiveQueriesException(message.ToString(), count, budget, statements, named);
    }

    /// <summary>Puts the count and the time on <paramref name="activity"/> (the request's).</summary>
    public void Tag(Activity? activity)
    {
        if (activity is null)
            return;
        activity.SetTag(CountName, Count);
        activity.SetTag(DurationName, Duration.TotalSeconds);
    }

    // A relationship load selects from the relationship's target table; the relationships of the entities the request's
    // sessions hold are the candidates (the parents of an N+1 are there, since their children were loaded one by one).
    private static QueryShape Suspect(Shape shape, List<EntityMapper> mappers)
    {
        var from = FromTable().Match(shape.Sql);
        var relationship = from.Success
            ? mappers.SelectMany(m => m.Relationships).FirstOrDefault(r =>
                string.Equals(r.Target.Table.Name, from.Groups["table"].Value, StringComparison.OrdinalIgnoreCase) && !ReferenceEquals(r.Mapper, r.Target))
            : null;
        if (relationship is null)
            return new QueryShape(shape.Sql, shape.Count);
        var entity = relationship.Mapper.EntityType.Name;
        var variable = char.ToLowerInvariant(entity[0]);
        return new QueryShape(shape.Sql, shape.Count, $"{entity}.{relationship.PropertyName}",
            $".EagerLoad<{entity}>({variable} => {variable}.{relationship.PropertyName})");
    }

    private static string Fingerprint(IReadOnlyList<object?> parameters) =>
        string.Join('\u001f', parameters.Select(Text));

    // An array is told apart by its elements, not by its type's name: PostgreSQL binds an IN list (a select-in or lazy
    // load's keys) as one array parameter, and loads of different instances differ only inside it.
    private static string? Text(object? value) => value is IEnumerable items and not string
        ? string.Join('\u001e', items.Cast<object?>().Select(Text))
        : Convert.ToString(value, CultureInfo.InvariantCulture);

    [GeneratedRegex("""\bFROM\s+["`\[]?(?<table>[A-Za-z_][A-Za-z0-9_]*)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FromTable();

    private sealed class Shape(string sql)
    {
        public string Sql { get; } = sql;

        public int Count { get; set; }

        public HashSet<string> Values { get; } = new(StringComparer.Ordinal);
    }
}
