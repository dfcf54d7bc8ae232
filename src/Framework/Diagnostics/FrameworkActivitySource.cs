using System.Diagnostics;

namespace Framework.Diagnostics;

/// <summary>The <c>Framework</c> activity source: a client span per database operation, with OpenTelemetry's database attributes.</summary>
internal static class FrameworkActivitySource
{
    public static readonly ActivitySource Source = new(FrameworkDiagnostics.ActivitySourceName, typeof(FrameworkActivitySource).Assembly.GetName().Version?.ToString());

    /// <summary>
    /// Starts the span of an operation, a child of <see cref="Activity.Current"/>; null when no listener samples it. The
    /// attributes samplers may decide on are given at creation, as the conventions ask.
    /// </summary>
    public static Activity? Start(DatabaseTarget target, OperationNames names, string? queryText, int? batchSize)
    {
        if (!Source.HasListeners())
            return null;
        var tags = target.Tags(names.Operation, names.Collection);
        if (queryText is not null)
            tags.Add("db.query.text", queryText);
        if (batchSize is { } size)
            tags.Add("db.operation.batch.size", size);
        return Source.StartActivity(ActivityKind.Client, parentContext: default, tags, name: names.SpanName ?? target.SpanName);
    }

    public static void Failed(Activity activity, Exception exception, string errorType, string? statusCode)
    {
        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity.SetTag("error.type", errorType);
        if (statusCode is not null)
            activity.SetTag("db.response.status_code", statusCode);
    }
}
