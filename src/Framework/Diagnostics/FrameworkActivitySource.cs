using System.Diagnostics;

namespace Framework.Diagnostics;

/// <summary>The <c>Framework</c> activity source: one span per statement, with OpenTelemetry's database attributes.</summary>
internal static class FrameworkActivitySource
{
    public static readonly ActivitySource Source = new("Framework", typeof(FrameworkActivitySource).Assembly.GetName().Version?.ToString());

    public static Activity? StartStatement(string system, string sql, string? database)
    {
        if (!Source.HasListeners())
            return null;
        var activity = Source.StartActivity(system, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("db.system.name", system);
            activity.SetTag("db.query.text", sql);
            if (database is not null)
                activity.SetTag("db.namespace", database);
        }
        return activity;
    }

    public static void Failed(Activity? activity, Exception exception)
    {
        if (activity is null)
            return;
        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity.SetTag("error.type", exception.GetType().FullName);
        activity.Dispose();
    }
}
